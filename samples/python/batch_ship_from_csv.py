"""Ships many orders in one call from a CSV file (marketplace, account, beezup_order_id, carrier,
tracking_number), as a warehouse would export it, and prints each order's outcome.

Without a file argument, it writes such a file itself for three Amazon orders waiting to be shipped."""

from __future__ import annotations

import csv
import datetime
import sys
import tempfile

import beezup
from _connect import client_from_environment

COLUMNS = ["marketplace", "account", "beezup_order_id", "carrier", "tracking_number"]


def write_example(client: beezup.Client) -> str:
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=365)
    orders = [o for o in client.orders.all(begin=since, marketplace_technical_codes=["Amazon"], statuses=["InProgress"])
              if o.find_change("ShipOrder") and not o.processing][:3]
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", delete=False) as file:
        writer = csv.writer(file)
        writer.writerow(COLUMNS)
        for i, order in enumerate(orders):
            carrier = next(p for p in order.change_parameters("ShipOrder") if p.name == "order_Shipping_CarrierName")
            writer.writerow([order.key.marketplace_technical_code, order.key.account_id, order.key.beezup_order_id,
                             client.orders.values(carrier).items[0].code_identifier, f"1Z999AA1012345678{i}"])
    print(f"wrote {len(orders)} order(s) to {file.name}")
    return file.name


def main() -> int:
    client = client_from_environment()
    path = sys.argv[1] if len(sys.argv) > 1 else write_example(client)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(path, newline="") as file:
        # One batch item per line: the order's key and the ShipOrder fields, by their API names.
        items = [(beezup.OrderKey(row["marketplace"], int(row["account"]), row["beezup_order_id"]),
                  {"order_Shipping_CarrierName": row["carrier"], "order_Shipping_ShipperTrackingNumber": row["tracking_number"],
                   "order_Shipping_Method": "Standard", "order_Shipping_FulfillmentDate": now})
                 for row in csv.DictReader(file)]
    if not items:
        print(f"failed: no order to ship in {path}", file=sys.stderr)
        return 1
    try:
        results = client.orders.change_batch("ShipOrder", items)
    except beezup.BatchInterrupted as stopped:
        # Some requests of 100 were answered before one failed: report those, and name the rest.
        results = stopped.results
        for key in stopped.in_doubt:
            print(f"{key.beezup_order_id}: in doubt (read its history before shipping it again)", file=sys.stderr)
        for key in stopped.unsent:
            print(f"{key.beezup_order_id}: not sent ({stopped.cause})", file=sys.stderr)
    for result in results:
        outcome = "accepted" if result.success else f"failed: {result.errors}"
        print(f"{result.key.beezup_order_id}: HTTP {result.status} {outcome}",
              file=sys.stdout if result.success else sys.stderr)
    accepted = sum(r.success for r in results)
    print(f"{accepted} of {len(items)} shipment(s) accepted")
    return 0 if accepted == len(items) else 1


if __name__ == "__main__":
    sys.exit(main())
