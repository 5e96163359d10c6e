"""Ships an Amazon order with a carrier from its list and a tracking number, then waits until the
marketplace confirms."""

from __future__ import annotations

import datetime
import sys

from _connect import client_from_environment


def main() -> int:
    client = client_from_environment()
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=365)
    for order in client.orders.all(begin=since, marketplace_technical_codes=["Amazon"], statuses=["InProgress"]):
        if not order.find_change("ShipOrder") or order.processing:
            continue
        carrier = next(p for p in order.change_parameters("ShipOrder") if p.name == "order_Shipping_CarrierName")
        carriers = client.orders.values(carrier, language="fr")
        handle = client.orders.ship(order.key, carrier=carriers.items[0].code_identifier, shipping_method="Standard",
                                    tracking_number="1Z999AA10123456784")
        print(f"sent ShipOrder for {order.marketplace_order_id} (execution {handle.execution_id})")
        shipped = handle.wait(timeout=120)
        print(f"confirmed: {shipped.status} ({shipped.marketplace_status})")
        return 0 if shipped.status == "Shipped" else 1
    print("no Amazon order to ship", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
