"""Cancels an Amazon order that is not shipped yet, with a reason from the order's own list of
reasons, then waits until the marketplace confirms."""

from __future__ import annotations

import datetime
import sys

from _connect import client_from_environment


def main() -> int:
    client = client_from_environment()
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=365)
    for order in client.orders.all(begin=since, marketplace_technical_codes=["Amazon"], statuses=["InProgress"]):
        if not order.find_change("CancelOrder") or order.processing:
            continue
        # The reasons a marketplace accepts are a list of values named by the parameter: ask for it
        # rather than hard-coding a code that another marketplace (or tomorrow's API) refuses.
        reason = "Canceled by the seller"  # free text, for a marketplace without a list
        for parameter in order.change_parameters("CancelOrder"):
            if parameter.has_values:
                reasons = client.orders.values(parameter, language="en")
                print(f"{parameter.name}: {', '.join(r.code_identifier for r in reasons)}")
                reason = reasons.items[0].code_identifier
        handle = client.orders.cancel(order.key, reason=reason)
        print(f"sent CancelOrder ({reason}) for {order.marketplace_order_id} (execution {handle.execution_id})")
        canceled = handle.wait(timeout=120)
        print(f"final status: {canceled.status} ({canceled.marketplace_status})")
        if canceled.status != "Canceled":
            print(f"failed: {order.marketplace_order_id} is {canceled.status}, not Canceled", file=sys.stderr)
            return 1
        return 0
    print("failed: no Amazon order to cancel", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
