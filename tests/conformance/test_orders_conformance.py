"""Conformance of the sandbox's order endpoints (/orders/v3/...) to the spec, and their behaviour.

Every response recorded here is validated against the spec when the test ends (see conftest.py).
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

ORDERS_ARGS = ("--orders", "3000", "--seed", "11", "--change-delay", "300ms", "--harvest-interval", "1s")


@pytest.fixture
def api(recorded, sandbox_factory):
    return recorded.on(sandbox_factory(*ORDERS_ARGS))


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def window(days_back: int = 30, **extra) -> dict:
    end = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(seconds=5)
    body = {"beginPeriodUtcDate": iso(end - dt.timedelta(days=days_back)), "endPeriodUtcDate": iso(end),
            "pageNumber": 1, "pageSize": 100, "dateSearchType": "Purchase"}
    body.update(extra)
    return body


def find(api, predicate, **filters) -> dict:
    """The first full order of the last 30 days matching `predicate`."""
    page = 1
    while True:
        r = api.post("/orders/v3/list/full", json=window(pageNumber=page, **filters))
        assert r.status == 200, r
        doc = r.json()
        for order in doc["orders"]:
            if predicate(order):
                return order
        if page >= doc["paginationResult"]["pageCount"]:
            pytest.fail("no order matches")
        page += 1


def test_list_full_and_light_pages(api):
    full = api.post("/orders/v3/list/full", json=window())
    light = api.post("/orders/v3/list/light", json=window(pageSize=25, pageNumber=2))
    assert full.status == light.status == 200
    assert full.json()["orders"] and light.json()["orders"]
    assert full.json()["paginationResult"]["totalEntryCount"] == light.json()["paginationResult"]["totalEntryCount"]


def test_list_rule_violations_get_error_bodies(api):
    too_long = window(days_back=31)
    for body in (too_long, window(pageSize=10), window(pageNumber=0), {"pageNumber": 1}, window(accountIds="1001")):
        r = api.post("/orders/v3/list/full", json=body)
        assert r.status == 400, body
        assert r.json()["errors"][0]["code"]
    r = api.post("/orders/v3/list/light", data=b"{oops", headers={"Content-Type": "application/json"})
    assert r.status == 400


def test_get_head_and_not_modified(api):
    order = find(api, lambda o: True)
    href = order["links"]["self"]["href"]
    r = api.get(href)
    assert r.status == 200 and r.header("ETag") == order["etag"] and r.header("Last-Modified")
    assert api.get(href, headers={"If-None-Match": order["etag"]}).status == 304
    assert api.head(href).status == 200
    assert api.get(href.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000").status == 404


def test_ship_with_tracking_follow_to_shipped(api):
    order = find(api, lambda o: o["marketplaceTechnicalCode"] == "Amazon" and o["order_Status_BeezUPOrderStatus"] == "New")
    ship = next(link for link in order["transitionLinks"] if link["rel"] == "ShipOrder")
    props = ship["parameters"]["request"]["properties"]
    carriers = api.get(props["order_Shipping_CarrierName"]["lovLink"]["href"]).json()["items"]
    body = {"order_Shipping_CarrierName": carriers[0]["codeIdentifier"], "order_Shipping_Method": "Express",
            "order_Shipping_ShipperTrackingNumber": "1Z999AA10123456784",
            "order_Shipping_FulfillmentDate": iso(dt.datetime.now(dt.timezone.utc))}
    r = api.post(ship["href"], json=body, params={"userName": "conformance"}, headers={"If-Match": order["etag"]})
    assert r.status == 202, r
    location = r.header("Location")
    busy = api.post(ship["href"], json=body, params={"userName": "conformance"})
    assert busy.status == 409 and busy.header("Retry-After")
    time.sleep(0.5)
    report = api.get(location)
    assert report.status == 200 and report.json()["processingStatus"] == "Done"
    after = api.get(order["links"]["self"]["href"]).json()
    assert after["order_Status_BeezUPOrderStatus"] == "Shipped"
    assert after["order_Shipping_ShipperTrackingNumber"] == "1Z999AA10123456784"
    assert api.get(order["links"]["history"]["href"]).status == 200
    stale = api.post(order["links"]["self"]["href"] + "/RefundOrder", json={"order_Refund_Reason": "NotReceived"},
                     params={"userName": "conformance"}, headers={"If-Match": order["etag"]})
    assert stale.status == 412


def test_invalid_change_is_refused(api):
    order = find(api, lambda o: o["marketplaceTechnicalCode"] == "Cdiscount" and o["order_Status_BeezUPOrderStatus"] == "New")
    href = order["links"]["self"]["href"]
    assert api.post(href + "/ShipOrder", json={}, params={"userName": "u"}).status == 400
    assert api.post(href + "/AcceptOrder", json={"order_X": 5}, params={"userName": "u"}).status == 400


def test_harvest_merchant_info_batches_status(api):
    order = find(api, lambda o: True)
    links = order["links"]
    first = api.post(links["harvest"]["href"])
    assert first.status == 202 and first.header("Retry-After")
    assert api.post(links["harvest"]["href"]).status == 409
    info = {"order_MerchantOrderId": "CMD-42", "order_MerchantECommerceSoftwareName": "Shop",
            "order_MerchantECommerceSoftwareVersion": "1.2"}
    assert api.post(links["setMerchantInfo"]["href"], json=info).status == 202
    assert api.post(links["clearMerchantInfo"]["href"]).status == 202
    ident = {k: order[k] for k in ("marketplaceTechnicalCode", "accountId", "beezUPOrderId")}
    batch = api.post("/orders/v3/batches/setMerchantOrderInfos",
                     json={"order_MerchantECommerceSoftwareName": "Shop", "order_MerchantECommerceSoftwareVersion": "1.2",
                           "orders": [dict(ident, order_MerchantOrderId="CMD-43")]})
    assert batch.status == 202 and batch.json()["operations"][0]["success"]
    assert api.post("/orders/v3/batches/clearMerchantOrderInfos", json={"orders": [ident] * 101}).status == 400
    assert api.get("/orders/v3/status").status == 200
    assert api.post("/orders/v3/harvest").status in (202, 409)
