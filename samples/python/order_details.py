"""Shows one recent order in full: re-read by its key, with its buyer, shipping address, items and
the changes it allows now, with their parameters."""

from __future__ import annotations

import datetime
import sys

import beezup
from _connect import client_from_environment

def one_line(address: beezup.Address) -> str:
    parts = [address.first_name, address.last_name, address.line1, address.postal_code, address.city,
             address.country_iso2]
    return " ".join(p for p in parts if p) or "(none)"


def main() -> int:
    client = client_from_environment()
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30)
    # An order still to be handled shows the most; any recent one will do otherwise.
    recent = (next(iter(client.orders.all(begin=since, statuses=["New", "InProgress"])), None)
              or next(iter(client.orders.all(begin=since)), None))
    if recent is None:
        print("failed: no order in the last 30 days", file=sys.stderr)
        return 1
    order = client.orders.get(recent.key)  # the list may be a page old: get() reads the current version
    print(f"order {order.key.marketplace_technical_code}/{order.key.account_id}/{order.key.beezup_order_id} "
          f"({order.marketplace_order_id})")
    print(f"status: {order.status} (marketplace: {order.marketplace_status})")
    print(f"buyer: {order.buyer_name}")
    print(f"ship to: {one_line(order.shipping)}")
    for item in order.items:
        print(f"  {item.quantity} x {item.title}  {item.item_price} {order.currency_code or ''}")
    for change in order.allowed_changes:
        parameters = ", ".join(f"{p.name}{'' if p.required else '?'}{' (list)' if p.has_values else ''}"
                               for p in order.change_parameters(change))
        print(f"allows {change}({parameters})")
    if not order.allowed_changes:
        print("allows no change now")
    return 0


if __name__ == "__main__":
    sys.exit(main())
