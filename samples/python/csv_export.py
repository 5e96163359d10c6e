"""Exports every order of the last 30 days to a CSV file with the SDK's CSV writer (one row per
item, the columns of beezup.csv_columns()), then reads the file back to check no order is missing."""

from __future__ import annotations

import csv
import datetime
import os
import sys
import tempfile

import beezup
from _connect import client_from_environment


def main() -> int:
    client = client_from_environment()
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.mkdtemp(prefix="beezup-export-"), "orders.csv")
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30)
    orders = 0
    with open(path, "w", newline="", encoding="utf-8") as file:  # newline="": the writer ends rows itself
        writer = beezup.CsvWriter(file)
        for order in client.orders.all(begin=since):
            writer.write(order)
            orders += 1
    print(f"{writer.rows} row(s) for {orders} order(s) in {path}")

    # An order with several items has several rows: count distinct orders.
    with open(path, newline="", encoding="utf-8") as file:
        exported = {(row["marketplaceTechnicalCode"], row["accountId"], row["beezUPOrderId"]) for row in csv.DictReader(file)}
    if len(exported) != orders:
        print(f"failed: {len(exported)} distinct order(s) in the file, {orders} iterated", file=sys.stderr)
        return 1
    print(f"read back: {len(exported)} distinct order(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
