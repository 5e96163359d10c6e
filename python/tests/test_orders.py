"""Client.orders against the real sandbox executable (beezup-sandbox; fixtures in conftest.py)."""

from __future__ import annotations

import datetime
import decimal
import sys
import threading
import time

import pytest

import beezup
from beezup.testing import Sandbox

UTC = datetime.timezone.utc


def last_days(days: int) -> datetime.datetime:
    return datetime.datetime.now(UTC) - datetime.timedelta(days=days)


def first_order(client: beezup.Client, days: int = 30, **filters: object) -> beezup.Order:
    for order in client.orders.all(begin=last_days(days), date_type="purchase", **filters):
        return order
    pytest.fail(f"no order matches {filters}")


def shippable_amazon_order(client: beezup.Client) -> beezup.Order:
    """An Amazon order that ShipOrder applies to: "New" when the sandbox has one (its generated data
    has none with the default seed, and Amazon needs no acceptance), else "InProgress"."""
    candidates = list(client.orders.all(begin=last_days(365), date_type="purchase",
                                        marketplace_technical_codes=["Amazon"], statuses=["New", "InProgress"]))
    candidates.sort(key=lambda o: o.status != "New")
    for order in candidates:
        if order.find_change("ShipOrder") and not order.processing:
            return order
    pytest.fail("the sandbox has no Amazon order to ship")


def test_iterates_the_last_30_days_with_items_and_decimal_totals(client: beezup.Client) -> None:
    begin = last_days(30)
    orders = client.orders.all(begin=begin, date_type="purchase")
    assert isinstance(orders, beezup.OrderIterator)
    assert iter(orders) is orders
    assert orders.calls == 0  # lazy: nothing fetched before the first next()

    seen: set[beezup.OrderKey] = set()
    for order in orders:
        assert isinstance(order, beezup.Order)
        assert order.key not in seen
        seen.add(order.key)
        assert order.items, f"{order.key} has no items"
        assert isinstance(order.total_price, decimal.Decimal)
        assert order.total_price >= 0
        for item in order.items:
            assert isinstance(item, beezup.OrderItem)
            assert isinstance(item.quantity, decimal.Decimal) and item.quantity > 0
            assert isinstance(item.total_price, decimal.Decimal)
            assert item.title
        assert isinstance(order.status, str) and order.status
        assert order.purchase_date.tzinfo is not None and order.purchase_date.utcoffset() == datetime.timedelta(0)
        assert order.purchase_date >= begin - datetime.timedelta(seconds=1)
        assert order.last_modification_date.tzinfo is not None
        assert isinstance(order.allowed_changes, list) and all(isinstance(c, str) for c in order.allowed_changes)
        assert isinstance(order.extra, dict)
        assert not any(isinstance(v, float) for v in order.extra.values())
    # 2,000 orders over 365 days: about 160 in 30 days, so more than one page.
    assert len(seen) > 100
    assert orders.calls >= 2
    with pytest.raises(StopIteration):
        next(orders)


def test_filter_by_marketplace(client: beezup.Client) -> None:
    orders = list(client.orders.all(begin=last_days(30), date_type="purchase", marketplace_technical_codes=["Cdiscount"]))
    assert orders
    assert {o.key.marketplace_technical_code for o in orders} == {"Cdiscount"}
    everything = list(client.orders.all(begin=last_days(30), date_type="purchase"))
    assert len(everything) > len(orders)


def test_filters_are_checked_in_python(client: beezup.Client) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        client.orders.all(begin=datetime.datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="date_type"):
        client.orders.all(begin=last_days(1), date_type="shipping")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.orders.all(begin=last_days(1), marketplace_technical_codes="Amazon")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.orders.all(begin=last_days(1), no_such_filter=1)  # type: ignore[call-arg]


def test_get_returns_the_same_order(client: beezup.Client) -> None:
    listed = first_order(client)
    got = client.orders.get(listed.key)
    assert got.key == listed.key and hash(got.key) == hash(listed.key)
    assert got.marketplace_order_id == listed.marketplace_order_id
    assert got.total_price == listed.total_price
    key = got.key
    assert beezup.OrderKey(key.marketplace_technical_code, key.account_id, key.beezup_order_id) == key
    assert "OrderKey(" in repr(key)


def test_count_matches_what_all_reads(client: beezup.Client) -> None:
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=90)
    shipped = sum(1 for _ in client.orders.all(begin=since, statuses=["Shipped"]))
    assert shipped > 0
    assert client.orders.count(begin=since, statuses=["Shipped"]) == shipped
    assert client.orders.count(beezup.OrderFilter(begin=since, statuses=["Shipped"])) == shipped
    with pytest.raises(TypeError):
        client.orders.count(beezup.OrderFilter(begin=since), statuses=["Shipped"])  # type: ignore[call-overload]


def test_addresses_and_amounts_of_an_order(client: beezup.Client) -> None:
    order = client.orders.get(first_order(client).key)
    ship_to = order.shipping
    assert isinstance(ship_to, beezup.Address)
    assert ship_to.city and ship_to.postal_code and ship_to.country_iso2 and len(ship_to.country_iso2) == 2
    assert order.buyer.last_name and order.buyer_name and order.buyer.last_name in order.buyer_name
    assert order.to_dict()["shipping"]["city"] == ship_to.city
    assert isinstance(order.total_tax, decimal.Decimal) and order.total_tax < (order.total_price or 0)
    item = order.items[0]
    assert item.gtin and isinstance(item.item_tax, decimal.Decimal)
    assert "Address(" in repr(ship_to)


def test_ship_an_amazon_order_and_wait(client: beezup.Client) -> None:
    order = shippable_amazon_order(client)
    assert order.status in {"New", "InProgress"} and "ShipOrder" in order.allowed_changes

    handle = client.orders.ship(order.key, carrier="DHL", shipping_method="Standard",
                                tracking_number="JD0002233445566",
                                tracking_url="https://track.example/JD0002233445566")
    assert isinstance(handle, beezup.ChangeHandle)
    assert handle.execution_id and handle.key == order.key and handle.recovered is False

    shipped = handle.wait(timeout=30.0)
    assert shipped.status == "Shipped"
    assert not shipped.processing
    assert client.orders.get(order.key).status == "Shipped"
    history = client.orders.history(order.key)
    assert [r.change_type for r in history] == ["ShipOrder"]
    assert history[0].execution_id == handle.execution_id
    assert history[0].processing_status == "Done"


def test_ship_without_tracking_number_is_refused_before_sending(client: beezup.Client) -> None:
    order = shippable_amazon_order(client)
    before = client.orders.history(order.key)

    with pytest.raises(beezup.InvalidRequest) as caught:
        client.orders.ship(order.key, carrier="DHL", shipping_method="Standard", tracking_number="")
    assert isinstance(caught.value, beezup.BeezupError) and not isinstance(caught.value, beezup.ApiError)
    assert "ShipperTrackingNumber" in str(caught.value)

    # Nothing reached the sandbox: no change in the order's history, the order as it was.
    assert [r.execution_id for r in client.orders.history(order.key)] == [r.execution_id for r in before]
    after = client.orders.get(order.key)
    assert after.status == order.status and after.etag == order.etag


def test_change_not_allowed_is_invalid_request(client: beezup.Client) -> None:
    order = shippable_amazon_order(client)
    with pytest.raises(beezup.InvalidRequest, match="AcceptOrder"):
        client.orders.change(order.key, change_type="AcceptOrder", fields={})


def test_get_unknown_order_raises_not_found(client: beezup.Client) -> None:
    known = first_order(client)
    unknown = beezup.OrderKey(known.key.marketplace_technical_code, known.key.account_id, "no-such-order")
    with pytest.raises(beezup.NotFoundError) as caught:
        client.orders.get(unknown)
    assert caught.value.status == 404


def test_the_orders_view_keeps_its_client_alive(sandbox: Sandbox) -> None:
    orders = beezup.Client(beezup.ClientOptions(base_url=sandbox.url, api_key=sandbox.api_key,
                                                rate_limit=beezup.RateLimitOptions(enabled=False))).orders
    # The Client object is gone from Python; the view still works.
    assert next(orders.all(begin=last_days(30), date_type="purchase")).items


def test_iteration_releases_the_gil_while_a_page_is_fetched(client: beezup.Client) -> None:
    # With a long switch interval, the spinner thread can take the GIL from this thread only when
    # this thread releases it: during this loop, only next() fetching a page can.
    steps = 0
    stop = threading.Event()

    def spin() -> None:
        nonlocal steps
        while not stop.is_set():
            steps += 1
            time.sleep(0)  # hands the GIL back at once

    orders = client.orders.all(begin=last_days(365), date_type="purchase")
    interval = sys.getswitchinterval()
    sys.setswitchinterval(10.0)
    spinner = threading.Thread(target=spin)
    try:
        spinner.start()
        before = steps
        count = sum(1 for _ in orders)
        during = steps - before
    finally:
        stop.set()
        spinner.join()
        sys.setswitchinterval(interval)
    assert count > 1000
    assert during > 0


def test_wait_releases_the_gil_and_can_be_cancelled(client: beezup.Client) -> None:
    # The change takes 200 ms in the sandbox; the canceller fires after 50 ms. Holding the GIL,
    # wait() would not let the timer thread run before it returned the shipped order.
    order = shippable_amazon_order(client)
    handle = client.orders.ship(order.key, carrier="UPS", shipping_method="Express", tracking_number="1Z999AA10123456784")
    source = beezup.CancellationSource()
    timer = threading.Timer(0.05, source.cancel)
    timer.start()
    try:
        with pytest.raises(beezup.TransportError) as caught:
            handle.wait(timeout=30.0, cancellation=source.token)
    finally:
        timer.cancel()
    assert caught.value.failure == "cancelled"
    assert handle.wait(timeout=30.0).status == "Shipped"


def test_test_mode_validates_a_change_without_applying_it(client: beezup.Client) -> None:
    order = shippable_amazon_order(client)
    handle = client.orders.ship(order.key, carrier="DHL", shipping_method="Standard",
                                tracking_number="JD0002233445566", test_mode=True)
    assert handle.execution_id
    history = client.orders.history(order.key)
    assert [r.test_mode for r in history] == [True]
    after = client.orders.get(order.key)
    assert after.status == order.status and after.etag == order.etag


def test_change_arguments_after_the_key_are_keyword_only(client: beezup.Client) -> None:
    order = shippable_amazon_order(client)
    with pytest.raises(TypeError):
        client.orders.ship(order.key, "DHL", "Standard", "JD0002233445566")  # type: ignore[misc]
    with pytest.raises(TypeError):
        client.orders.accept(order.key, True)  # type: ignore[misc]
