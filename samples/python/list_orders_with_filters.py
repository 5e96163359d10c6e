"""Lists the last week's orders of two marketplaces that are waiting to be shipped."""

from __future__ import annotations

import datetime

from _connect import client_from_environment


def main() -> None:
    client = client_from_environment()
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=7)
    orders = client.orders.all(begin=since, date_type="purchase", marketplace_technical_codes=["Amazon", "Cdiscount"],
                               statuses=["New", "InProgress"])
    count = 0
    for order in orders:
        count += 1
        print(f"{order.key.marketplace_technical_code:10} {order.marketplace_order_id:22} {order.status:10} "
              f"{order.total_price} {order.currency_code or ''}")
    print(f"{count} order(s) in {orders.calls} call(s)")


if __name__ == "__main__":
    main()
