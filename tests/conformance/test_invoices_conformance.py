"""Conformance of the sandbox's order invoice endpoints (/v2/user/marketplaces/orders/invoices/...)
to the spec, and their behaviour: settings, generation, sequence numbers, conflicts, rate limit,
batches and the PDF version (read back with pypdf).

Every response recorded through `recorded` is validated against the spec when the test ends (see
conftest.py). The generated HTML documents are served at a path the spec does not have, so they
are fetched with an unrecorded client.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import io
import json
import time
from decimal import Decimal

import pypdf
import pytest

INVOICE_ARGS = ("--orders", "1500", "--seed", "77")
FRESH_ARGS = ("--orders", "60", "--seed", "78")  # a sandbox whose invoice settings were never saved
BASE = "/v2/user/marketplaces/orders/invoices"
GENERAL = {
    "cultureName": "en",
    "productVATPercent": 20,
    "shippingVATPercent": 5.5,
    "invoicePrefix": "CONF-",
    "invoiceStartingSequenceNumber": 1000,
}
DESIGN = {"headerContentHtml": "<div><b>ACME SAS</b> &amp; Co</div>", "footerContentHtml": "<p>Thank you</p>"}
UNKNOWN_ORDER = "Amazon/1001/00000000-0000-4000-8000-000000000000"
USER = {"userName": "conformance"}


@pytest.fixture
def api(recorded, sandbox_factory):
    return recorded.on(sandbox_factory(*INVOICE_ARGS))


@pytest.fixture
def configured(api):
    assert api.put(BASE + "/settings/general", json=GENERAL).status == 204
    assert api.put(BASE + "/settings/design", json=DESIGN).status == 204
    return api


def unrecorded(client):
    """A client on the same sandbox whose exchanges are not validated against the spec."""
    return type(client)(client.base_url)


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def orders_to_invoice(api, count: int) -> list[dict]:
    """`count` orders without an invoice, in a status that may be invoiced, newest months first."""
    found: list[dict] = []
    end = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(seconds=5)
    for _ in range(12):
        page = 1
        while True:
            body = {
                "beginPeriodUtcDate": iso(end - dt.timedelta(days=30)), "endPeriodUtcDate": iso(end),
                "pageNumber": page, "pageSize": 100, "dateSearchType": "Purchase",
                "beezUPOrderStatuses": ["New", "InProgress", "Shipped", "Closed"],
                "invoiceAvailabilityType": "NotGenerated",
            }
            r = api.post("/orders/v3/list/light", json=body)
            assert r.status == 200, r
            doc = json.loads(r.body, parse_float=Decimal)
            found += doc["orders"]
            if len(found) >= count:
                return found[:count]
            if page >= doc["paginationResult"]["pageCount"]:
                break
            page += 1
        end -= dt.timedelta(days=30)
    pytest.fail(f"fewer than {count} orders to invoice")


def order_path(order: dict) -> str:
    return f"{order['marketplaceTechnicalCode']}/{order['accountId']}/{order['beezUPOrderId']}"


def amount_en(value: Decimal, currency: str) -> str:
    """As the English invoice writes amounts: "1,234.56 EUR"."""
    cents = int((value * 100).to_integral_value())
    sign, cents = ("-" if cents < 0 else ""), abs(cents)
    return f"{sign}{cents // 100:,}.{cents % 100:02d} {currency}"


def next_number(api) -> int:
    settings = api.get(BASE + "/settings/general").json()
    last = settings.get("lastInvoiceSequenceNumber")
    start = settings["invoiceStartingSequenceNumber"]
    return start if last is None else max(start, last + 1)


def test_settings_are_missing_until_saved(recorded, sandbox_factory):
    api = recorded.on(sandbox_factory(*FRESH_ARGS))
    general = api.get(BASE + "/settings/general")
    assert general.status == 404 and general.json()["errors"][0]["code"] == "OrderInvoiceGeneralSettingsNotFoundException"
    design = api.get(BASE + "/settings/design")
    assert design.status == 404 and design.json()["errors"][0]["code"] == "OrderInvoiceDesignSettingsNotFoundException"
    r = api.post(f"{BASE}/{UNKNOWN_ORDER}/generate", params=USER, json={})
    assert r.status == 403 and r.json()["errors"][0]["code"] == "OrderInvoiceGeneralSettingsNotFoundException"

    assert api.put(BASE + "/settings/general", json=GENERAL).status == 204
    r = api.post(f"{BASE}/{UNKNOWN_ORDER}/generate", params=USER, json={})
    assert r.status == 403 and r.json()["errors"][0]["code"] == "OrderInvoiceDesignSettingsNotFoundException"
    saved = api.get(BASE + "/settings/general")
    assert saved.status == 200
    assert json.loads(saved.body, parse_float=Decimal) == {**GENERAL, "shippingVATPercent": Decimal("5.5")}


@pytest.mark.parametrize(
    "change",
    [
        {"cultureName": "de"},
        {"productVATPercent": 100.5},
        {"shippingVATPercent": -1},
        {"productVATPercent": "20"},
        {"invoicePrefix": "with space"},
        {"invoicePrefix": "X" * 51},
        {"invoiceStartingSequenceNumber": -1},
        {"invoicePrefix": None},
    ],
)
def test_general_settings_validation(api, change):
    r = api.put(BASE + "/settings/general", json={**GENERAL, **change})
    assert r.status == 400
    assert r.json()["errors"][0]["code"] == "OrderInvoiceGeneralSettingsValidationFailedException"


def test_design_settings_and_preview(api):
    too_long = api.put(BASE + "/settings/design", json={"headerContentHtml": "x" * 1001})
    assert too_long.status == 400
    assert too_long.json()["errors"][0]["code"] == "OrderInvoiceDesignSettingsValidationFailedException"
    assert api.put(BASE + "/settings/design", json=DESIGN).status == 204
    assert api.get(BASE + "/settings/design").json() == DESIGN
    preview = api.post(BASE + "/settings/design/preview", json={"headerContentHtml": "<h2>Preview header</h2>"})
    assert preview.status == 200
    assert "<h2>Preview header</h2>" in preview.json()["invoiceHtmlContent"]


def test_generate_preview_conflicts_and_pdf(configured):
    api = configured
    order = orders_to_invoice(api, 1)[0]
    path = f"{BASE}/{order_path(order)}"
    expected = f"{GENERAL['invoicePrefix']}{next_number(api)}"

    preview = api.post(path + "/preview", json={})
    assert preview.status == 200 and expected in preview.json()["invoiceHtmlContent"]

    generated = api.post(path + "/generate", params=USER, json={})
    assert generated.status == 202, generated.body
    location = generated.header("Location")
    assert location

    current = api.get(order["links"]["self"]["href"]).json()
    assert current["order_Invoice_Number"] == expected
    assert current["order_Invoice_Uri"] == location
    assert api.get(BASE + "/settings/general").json()["lastInvoiceSequenceNumber"] == int(expected[len("CONF-"):])

    again = api.post(path + "/generate", params=USER, json={})
    assert again.status == 409 and again.json()["errors"][0]["code"] == "OrderAlreadyHasInvoiceException"
    assert api.post(path + "/preview", json={}).status == 409

    html = unrecorded(api).get(location)
    assert html.status == 200 and html.header("Content-Type").startswith("text/html")
    page = html.body.decode("utf-8")
    assert expected in page and "<b>ACME SAS</b> &amp; Co" in page

    pdf = api.post(BASE + "/getPdfInvoice", json={"orderInvoiceUri": location})
    assert pdf.status == 200 and pdf.header("Content-Type") == "application/pdf"
    assert pdf.body.startswith(b"%PDF-") and len(pdf.body) > 1024
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.body)).pages)
    assert f"Invoice {expected}" in text
    assert f"Total incl. VAT {amount_en(order['order_TotalPrice'], order['order_CurrencyCode'])}" in text, text

    missing = api.post(BASE + "/getPdfInvoice", json={"orderInvoiceUri": "http://blob.com/generated.html"})
    assert missing.status == 404 and missing.json()["errors"][0]["code"] == "OrderInvoiceNotFoundException"


def test_explicit_numbers_and_unknown_orders(configured):
    api = configured
    first, second = orders_to_invoice(api, 2)
    number = next_number(api) + 50
    r = api.post(f"{BASE}/{order_path(first)}/generate", params=USER, json={"invoiceSequenceNumber": number})
    assert r.status == 202
    taken = api.post(f"{BASE}/{order_path(second)}/generate", params=USER, json={"invoiceSequenceNumber": number})
    assert taken.status == 409 and taken.json()["errors"][0]["code"] == "OrderInvoiceNumberAlreadyUsedException"
    assert next_number(api) == number + 1
    unknown = api.post(f"{BASE}/{UNKNOWN_ORDER}/generate", params=USER, json={})
    assert unknown.status == 404 and unknown.json()["errors"][0]["code"] == "OrderNotFoundException"
    assert api.post(f"{BASE}/{UNKNOWN_ORDER}/preview", json={}).status == 404


def test_batch_generation(configured):
    api = configured
    orders = orders_to_invoice(api, 2)
    start = next_number(api) + 10
    items = [
        {"marketplaceTechnicalCode": o["marketplaceTechnicalCode"], "accountId": o["accountId"],
         "beezUPOrderUUID": o["beezUPOrderId"], "invoiceSequenceNumber": start + k}
        for k, o in enumerate(orders)
    ]
    r = api.post(BASE + "/generate", params=USER, json=items)
    assert r.status == 202, r.body
    done = r.json()
    assert [d["beezUPOrderUUID"] for d in done] == [o["beezUPOrderId"] for o in orders]
    for d, o in zip(done, orders):
        assert api.get(o["links"]["self"]["href"]).json()["order_Invoice_Uri"] == d["invoiceLocation"]


def test_batch_errors_use_the_batch_error_shape(sandbox_factory):
    # Validated explicitly below against the batch error schema.
    from conftest import RecordingClient

    client = RecordingClient(sandbox_factory(*INVOICE_ARGS))
    assert client.put(BASE + "/settings/general", json=GENERAL).status == 204
    assert client.put(BASE + "/settings/design", json=DESIGN).status == 204
    bad = [{"marketplaceTechnicalCode": "Amazon", "accountId": 1001,
            "beezUPOrderUUID": "00000000-0000-4000-8000-000000000000", "invoiceSequenceNumber": 1}]
    r = client.post(BASE + "/generate", params=USER, json=bad)
    assert r.status == 400
    assert client.violations([r]) == []
    assert r.json()[0]["errorType"] == "OrderNotFoundException"


def test_generating_too_fast_gets_429(configured):
    api = configured
    orders = orders_to_invoice(api, 25)
    time.sleep(1.1)  # start with an empty rate window

    def generate(order):
        return api.post(f"{BASE}/{order_path(order)}/generate", params=USER, json={})

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(orders)) as pool:
        answers = list(pool.map(generate, orders))
    statuses = [a.status for a in answers]
    assert set(statuses) <= {202, 429}, statuses
    limited = [a for a in answers if a.status == 429]
    assert limited, statuses
    assert limited[0].json()["errors"][0]["code"] == "OrderInvoiceTooManyRequestsException"
    assert statuses.count(202) >= 10
    time.sleep(1.1)  # leave the window empty for the next test
