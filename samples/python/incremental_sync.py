"""Hands every order created or changed since the last run to a function, once, resuming from a
SQLite checkpoint: run it twice, the second run hands over only what changed in between."""

from __future__ import annotations

import datetime
import os
import sys
import tempfile

import beezup
from _connect import client_from_environment


def main() -> None:
    client = client_from_environment()
    checkpoint = os.environ.get("SYNC_CHECKPOINT", os.path.join(tempfile.gettempdir(), "beezup-sample-sync.db"))
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=3)
    seen: list[beezup.OrderKey] = []

    def save(order: beezup.Order) -> None:  # your database write goes here
        seen.append(order.key)

    first = beezup.OrderSync(client, checkpoint, initial_since=since).run(save)
    again = beezup.OrderSync(client, checkpoint, initial_since=since).run(save)
    print(f"first run: {first} order(s); second run: {again} new or changed")
    os.remove(checkpoint)
    sys.exit(0 if first > 0 else 1)


if __name__ == "__main__":
    main()
