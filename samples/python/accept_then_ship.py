"""Accepts a new Cdiscount order, waits until Cdiscount confirms, then ships it with a carrier from
its list and a tracking number and waits again.

Cdiscount orders arrive as New and must be accepted before they can be shipped; an accepted order
is a promise to the buyer."""

from __future__ import annotations

import datetime
import sys
import time

import beezup

from _connect import client_from_environment


def new_order(client: beezup.Client, wait: float) -> beezup.Order | None:
    """A Cdiscount order waiting for acceptance; they arrive over time, so look again for a while."""
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=7)
    deadline = time.monotonic() + wait
    while True:
        for order in client.orders.all(begin=since, marketplace_technical_codes=["Cdiscount"], statuses=["New"]):
            if order.find_change("AcceptOrder") and not order.processing:
                return order
        if time.monotonic() > deadline:
            return None
        time.sleep(2)


def main() -> int:
    client = client_from_environment()
    order = new_order(client, wait=60)
    if order is None:
        print("failed: no Cdiscount order to accept", file=sys.stderr)
        return 1
    print(f"{order.marketplace_order_id}: {order.status}")
    accepted = client.orders.accept(order.key).wait(timeout=120)
    print(f"accepted: {accepted.status} ({accepted.marketplace_status})")
    if not accepted.find_change("ShipOrder"):
        print(f"failed: {order.marketplace_order_id} cannot be shipped once accepted", file=sys.stderr)
        return 1
    # The accepted version carries the ShipOrder parameters, among them the carriers' list.
    carrier = next(p for p in accepted.change_parameters("ShipOrder") if p.name == "order_Shipping_CarrierName")
    code = client.orders.values(carrier).items[0].code_identifier
    shipped = client.orders.ship(order.key, carrier=code, shipping_method="Standard",
                                 tracking_number="6A12345678901").wait(timeout=120)
    print(f"shipped with {code}: {shipped.status} ({shipped.marketplace_status})")
    if shipped.status != "Shipped":
        print(f"failed: {order.marketplace_order_id} is {shipped.status}, not Shipped", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
