"""HTTP behaviour of the sandbox that a spec-driven fuzzer checks and our own calls never exercise:
HEAD answers, methods the spec does not list, boolean query parameters, malformed batch items,
deprecated operations and where pushes may go.

These talk over http.client on one kept-alive connection when the connection's state matters.
"""

from __future__ import annotations

import datetime as dt
import gzip
import http.client
import json
import time
import urllib.parse
import uuid

import pytest
import sandbox_process
import spec

KEY = {"Ocp-Apim-Subscription-Key": sandbox_process.API_KEY}
JSON = {**KEY, "Content-Type": "application/json"}
METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "TRACE")
SAMPLE_PARAMETERS = {"marketplaceTechnicalCode": "Amazon", "accountId": "1001", "listName": "BeezUPOrderState"}


@pytest.fixture
def connection(sandbox_url):
    parts = urllib.parse.urlsplit(sandbox_url)
    c = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    yield c
    c.close()


def exchange(c: http.client.HTTPConnection, method: str, path: str, body=None, headers=None):
    c.request(method, path, body=None if body is None else json.dumps(body), headers=headers if headers is not None else KEY)
    r = c.getresponse()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()


def window() -> dict:
    end = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(seconds=5)
    iso = "%Y-%m-%dT%H:%M:%SZ"
    return {"beginPeriodUtcDate": (end - dt.timedelta(days=30)).strftime(iso), "endPeriodUtcDate": end.strftime(iso),
            "pageNumber": 1, "pageSize": 100, "dateSearchType": "Purchase"}


def an_order(c, predicate=lambda o: True) -> dict:
    status, _, body = exchange(c, "POST", "/orders/v3/list/full", window(), JSON)
    assert status == 200
    return next(o for o in json.loads(body)["orders"] if predicate(o))


def order_path(o: dict) -> str:
    return f"/orders/v3/{o['marketplaceTechnicalCode']}/{o['accountId']}/{o['beezUPOrderId']}"


def spec_paths() -> dict[str, set[str]]:
    """Every path of the spec, parameters filled with sample values, and its methods."""
    document = json.loads(spec.DEFAULT_SPEC_PATH.read_text())
    out = {}
    for template, operations in document["paths"].items():
        path = template
        for name in [p[1:-1] for p in template.split("/") if p.startswith("{")]:
            path = path.replace("{" + name + "}", SAMPLE_PARAMETERS.get(name, str(uuid.uuid4())))
        out[path] = {m.upper() for m in operations if m.upper() in METHODS}
    return out


# ---------------------------------------------------------------------------------------------- HEAD


def test_head_errors_carry_no_body_and_the_connection_stays_usable(connection):
    for headers in (KEY, {}):  # 404, then 401
        status, _, body = exchange(connection, "HEAD", "/orders/v3/Amazon/1001/no-such-order", headers=headers)
        assert status in (401, 404) and body == b""
    # Had a body been sent, this answer would be read from the middle of it.
    status, _, body = exchange(connection, "GET", "/orders/v3/status")
    assert status == 200 and "accountSynchronizations" in json.loads(body)


@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_head_200_has_the_get_headers_and_no_body(connection, encoding):
    path = order_path(an_order(connection))
    headers = {**KEY, "Accept-Encoding": encoding}
    get_status, get_headers, get_body = exchange(connection, "GET", path, headers=headers)
    head_status, head_headers, head_body = exchange(connection, "HEAD", path, headers=headers)
    assert get_status == head_status == 200
    assert head_body == b""
    assert int(head_headers["content-length"]) == len(get_body) > 0
    assert head_headers["etag"] == get_headers["etag"]
    if get_headers.get("content-encoding") == "gzip":
        json.loads(gzip.decompress(get_body))


# ------------------------------------------------------------------------------------------ methods


def test_every_path_answers_other_methods_with_405_and_its_allow(connection):
    for path, allowed in spec_paths().items():
        expected_allow = sorted(allowed)
        for method in sorted(set(METHODS) - allowed):
            status, headers, body = exchange(connection, method, path)
            assert status == 405, (method, path, status)
            assert sorted(m.strip() for m in headers["allow"].split(",")) == expected_allow, (method, path)
            if method != "HEAD":
                assert json.loads(body)["errors"][0]["code"] == "MethodNotAllowed"
        status, headers, body = exchange(connection, "OPTIONS", path)
        assert status == 204 and body == b""
        assert sorted(m.strip() for m in headers["allow"].split(",")) == expected_allow, path


def test_trace_never_echoes_the_request(connection):
    secret = {**KEY, "X-Secret": "do-not-echo"}
    for headers in (secret, {"X-Secret": "do-not-echo"}):
        status, _, body = exchange(connection, "TRACE", "/orders/v3/list/full", headers=headers)
        assert status in (401, 405)
        assert b"do-not-echo" not in body and sandbox_process.API_KEY.encode() not in body


def test_unknown_paths_are_404_with_an_error_body(connection):
    status, _, body = exchange(connection, "GET", "/orders/v4/status")
    assert status == 404 and json.loads(body)["errors"][0]["code"] == "ResourceNotFound"


def test_deprecated_v2_order_operations_are_410_and_name_their_replacement(connection):
    document = json.loads(spec.DEFAULT_SPEC_PATH.read_text())
    deprecated = [(m.upper(), p) for p, ops in document["paths"].items() for m, op in ops.items()
                  if isinstance(op, dict) and op.get("deprecated")]
    assert len(deprecated) >= 10
    paths = spec_paths()
    templates = {t: p for t, p in zip(document["paths"], paths)}
    for method, template in deprecated:
        status, _, body = exchange(connection, method, templates[template], {} if method == "POST" else None,
                                   JSON if method == "POST" else KEY)
        assert status == 410, (method, template)
        if method != "HEAD":
            message = json.loads(body)["errors"][0]["message"]
            assert "/orders/v3/" in message, message


# ------------------------------------------------------------------------------------ query booleans


def shippable_on_amazon(o: dict) -> bool:  # "UPS" is one of Amazon's carriers
    return o["marketplaceTechnicalCode"] == "Amazon" and any(t["rel"] == "ShipOrder" for t in o.get("transitionLinks", []))


def ship_fields(tracking: str) -> dict:
    return {"order_Shipping_CarrierName": "UPS", "order_Shipping_Method": "Express",
            "order_Shipping_ShipperTrackingNumber": tracking,
            "order_Shipping_FulfillmentDate": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}


@pytest.mark.parametrize("value", ["1", "yes", "", "tru", "0"])
def test_a_test_mode_that_is_not_a_boolean_is_refused_and_changes_nothing(connection, value):
    o = an_order(connection, shippable_on_amazon)
    path = order_path(o)
    query = urllib.parse.urlencode({"userName": "conformance", "testMode": value})
    fields = ship_fields("1Z0001")
    status, _, body = exchange(connection, "POST", f"{path}/ShipOrder?{query}", fields, {**JSON, "If-Match": o["etag"]})
    assert status == 400 and json.loads(body)["errors"][0]["code"] == "InvalidQueryParameter"
    _, headers, _ = exchange(connection, "GET", path)
    assert headers["etag"] == o["etag"]  # nothing changed


@pytest.mark.parametrize("value", ["TRUE", "True", "true"])
def test_test_mode_true_in_any_case_only_validates(connection, value):
    o = an_order(connection, shippable_on_amazon)
    path = order_path(o)
    query = urllib.parse.urlencode({"userName": "conformance", "testMode": value})
    fields = ship_fields("1Z0002")
    status, _, body = exchange(connection, "POST", f"{path}/ShipOrder?{query}", fields, {**JSON, "If-Match": o["etag"]})
    assert status == 202, body
    time.sleep(0.1)
    status, _, body = exchange(connection, "GET", path)
    # Unchanged, whatever it was (Amazon ships from New and from InProgress).
    assert json.loads(body)["order_Status_BeezUPOrderStatus"] == o["order_Status_BeezUPOrderStatus"]
    _, _, history = exchange(connection, "GET", path + "/history")
    assert all(r["testMode"] for r in json.loads(history)["changeOrderReportings"] if r["changeOrderType"] == "ShipOrder")


# ------------------------------------------------------------------------------------------ batches

IDENTIFIER = {"marketplaceTechnicalCode": "Amazon", "accountId": 1001, "beezUPOrderId": str(uuid.uuid4())}


@pytest.mark.parametrize("path,body", [
    ("/orders/v3/batches/changeOrders/ShipOrder?userName=x", {"changeOrders": ["AAA"]}),
    ("/orders/v3/batches/changeOrders/ShipOrder?userName=x", {"changeOrders": [{"changeOrderRequest": {}}]}),
    ("/orders/v3/batches/changeOrders/ShipOrder?userName=x",
     {"changeOrders": [{"order": {**IDENTIFIER, "accountId": "1001"}}]}),
    ("/orders/v3/batches/changeOrders/ShipOrder?userName=x",
     {"changeOrders": [{"order": IDENTIFIER, "changeOrderRequest": {"order_Shipping_CarrierName": 5}}]}),
    ("/orders/v3/batches/changeOrders/ShipOrder?userName=x", {"changeOrders": []}),
    ("/orders/v3/batches/clearMerchantOrderInfos", {"orders": [{"accountId": 1001}]}),
    ("/orders/v3/batches/clearMerchantOrderInfos", {"orders": [IDENTIFIER, IDENTIFIER]}),
    ("/orders/v3/batches/clearMerchantOrderInfos", {"orders": [{**IDENTIFIER, "accountId": 2**40}]}),
    ("/orders/v3/batches/setMerchantOrderInfos", {"orders": [{**IDENTIFIER, "order_MerchantOrderId": "A1"}]}),
    ("/orders/v3/batches/setMerchantOrderInfos",
     {"order_MerchantECommerceSoftwareName": "s", "order_MerchantECommerceSoftwareVersion": "1", "orders": [IDENTIFIER]}),
])
def test_malformed_batch_items_are_400_before_any_change(connection, path, body):
    status, _, answer = exchange(connection, "POST", path, body, JSON)
    assert status == 400, answer
    error = json.loads(answer)["errors"][0]
    assert error["code"] == "InvalidBatchRequest" and error["message"]


def test_a_well_formed_batch_reports_each_item(connection):
    body = {"orders": [IDENTIFIER]}
    status, _, answer = exchange(connection, "POST", "/orders/v3/batches/clearMerchantOrderInfos?testMode=true", body, JSON)
    assert status == 202
    (operation,) = json.loads(answer)["operations"]
    assert operation["order"] == IDENTIFIER and operation["success"] is False and operation["status"] == 404


# ------------------------------------------------------------------------------- other operations


def test_ready_marketplace_business_codes(connection):
    status, _, body = exchange(connection, "GET", "/orders/v3/lov/orderManagementReadyMarketplaceBusinessCode")
    assert status == 200
    every = json.loads(body)
    codes = [item["codeIdentifier"] for item in every]
    assert "AMAZON_FR" in codes and len(codes) == len(set(codes))
    status, _, body = exchange(connection, "GET", "/orders/v3/lov/orderManagementReadyMarketplaceBusinessCode?storeIds=nope")
    assert status == 404 and json.loads(body)["errors"][0]["code"] == "StoreNotFound"


@pytest.mark.parametrize("design", [{"headerContentHtml": None}, {"footerContentHtml": None}, {"headerContentHtml": 3}])
def test_invoice_design_strings_must_be_strings(connection, design):
    status, _, body = exchange(connection, "PUT", "/v2/user/marketplaces/orders/invoices/settings/design", design, JSON)
    assert status == 400 and json.loads(body)["errors"]


# ------------------------------------------------------------------------------------- push targets

SUBSCRIPTIONS = "/v2/user/marketplaces/orders/subscriptions/"


def activate_towards(base_url: str, target: str) -> tuple[int, str, float]:
    parts = urllib.parse.urlsplit(base_url)
    c = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    sid = str(uuid.uuid4())
    body = {"name": "t", "targetUrl": target, "merchantApplicationName": "tests", "merchantApplicationVersion": "1",
            "merchantEmailAlert": "alerts@example.com"}
    assert exchange(c, "POST", SUBSCRIPTIONS + sid, body, JSON)[0] == 202
    start = time.monotonic()
    status, _, _ = exchange(c, "POST", SUBSCRIPTIONS + sid + "/activate", {}, JSON)
    took = time.monotonic() - start
    _, _, sub = exchange(c, "GET", SUBSCRIPTIONS + sid)
    c.close()
    return status, json.loads(sub)["lastErrorMessage"]["errors"][0]["message"], took


def test_pushes_go_only_to_loopback_by_default(sandbox_url):
    # A name off the machine: the sandbox must refuse it without even resolving it.
    status, message, took = activate_towards(sandbox_url, "https://push-target.invalid/hook")
    assert status == 503
    assert "loopback" in message and "--push-targets any" in message
    assert took < 1.0


def test_push_targets_any_lifts_the_limit(sandbox_factory):
    base = sandbox_factory("--push-targets", "any", "--push-timeout", "500ms")
    status, message, _ = activate_towards(base, "https://push-target.invalid/hook")
    assert status == 503
    assert "loopback" not in message  # it tried, and the target did not answer
