"""What the push receiver samples share once their web server runs: subscribe its URL, ship an
order, hand the pushed versions to a handler until the shipped one comes, unsubscribe."""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
import uuid

import beezup
import beezup.push as push


def receiver() -> push.Receiver:
    """A receiver on a fresh SQLite inbox, checking BeezUP's HMAC signature (BEEZUP_PUSH_SECRETS,
    comma-separated, newest first; the sandbox signs with "sandbox-push-secret")."""
    secrets = os.environ.get("BEEZUP_PUSH_SECRETS", "sandbox-push-secret").split(",")
    inbox = push.Inbox.sqlite(os.path.join(tempfile.mkdtemp(prefix="beezup-push-"), "inbox.db"))
    return push.Receiver(inbox, authenticators=[push.hmac_signature(secrets)])


def ship_one(client: beezup.Client) -> beezup.OrderKey | None:
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=365)
    for order in client.orders.all(begin=since, marketplace_technical_codes=["Amazon"], statuses=["InProgress"]):
        if order.find_change("ShipOrder") and not order.processing:
            carrier = next(p for p in order.change_parameters("ShipOrder") if p.name == "order_Shipping_CarrierName")
            handle = client.orders.ship(order.key, carrier=client.orders.values(carrier).items[0].code_identifier,
                                        shipping_method="Standard", tracking_number="1Z999AA10123456784")
            handle.wait(timeout=120)  # until the marketplace confirms, as ship_with_tracking.py does
            return order.key
    return None


def subscribe_ship_and_receive(client: beezup.Client, inbox: push.Inbox, url: str, application: str) -> int:
    subscription = client.subscriptions.create(target_url=url, name="sample", application_name=application,
                                               id=str(uuid.uuid4()))
    try:
        client.subscriptions.activate(subscription)  # BeezUP checks the URL answers before it activates
        shipped = ship_one(client)
        if shipped is None:
            print("failed: no Amazon order to ship", file=sys.stderr)
            return 1
        # Pushes bring every new version of an order (processing, then shipped): wait for the shipped one.
        received: list[beezup.Order] = []
        dispatcher = push.Dispatcher(inbox, lambda delivery: received.append(delivery.order))
        deadline = time.monotonic() + 60
        while not any(o.key == shipped and o.status == "Shipped" for o in received) and time.monotonic() < deadline:
            dispatcher.dispatch_ready()
            time.sleep(0.1)
        order = next((o for o in received if o.key == shipped and o.status == "Shipped"), None)
        if order is None:
            print(f"failed: no push of the shipped order in 60 s ({len(received)} version(s) received)", file=sys.stderr)
            return 1
        print(f"pushed: {order.marketplace_order_id} {order.status} ({order.marketplace_status}), "
              f"{len(received)} version(s) received at {url}")
        return 0
    finally:
        client.subscriptions.delete(subscription)
