"""The rest of the order API in Python, against the sandbox: refund, batches, merchant info,
harvests, synchronisation status, change status, ETags, change parameters and their values, CSV
(client side and BeezUP's exportation), OrderSync with a SQLite checkpoint, and model values."""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import pathlib
import shutil
import subprocess
import time

import pytest

import beezup
from beezup.testing import Sandbox

UTC = datetime.timezone.utc
STORE = "8a1b6c1e-3f2d-4c5b-9e7a-1d2c3b4a5f60"


def last_days(days: int) -> datetime.datetime:
    return datetime.datetime.now(UTC) - datetime.timedelta(days=days)


def orders_allowing(client: beezup.Client, change_type: str, count: int, marketplace: str = "Amazon") -> list[beezup.Order]:
    found = [o for o in client.orders.all(begin=last_days(365), date_type="purchase", marketplace_technical_codes=[marketplace])
             if o.find_change(change_type) and not o.processing]
    if len(found) < count:
        pytest.fail(f"the sandbox has {len(found)} {marketplace} orders allowing {change_type}, {count} needed")
    return found[:count]


def test_models_compare_by_value_and_convert_to_dicts(client: beezup.Client) -> None:
    order = next(iter(client.orders.all(begin=last_days(30), date_type="purchase")))
    again = client.orders.get(order.key)
    assert again == order and not (again != order)
    assert order != client.orders.get(next(o for o in client.orders.all(begin=last_days(30)) if o.key != order.key).key)
    data = order.to_dict()
    assert data["key"] == {"marketplace_technical_code": order.key.marketplace_technical_code,
                           "account_id": order.key.account_id, "beezup_order_id": order.key.beezup_order_id}
    assert data["total_price"] == order.total_price and data["etag"] == order.etag
    assert data["items"] and data["items"][0]["title"] == order.items[0].title
    with pytest.raises(TypeError):
        hash(order)  # content is not a key
    assert hash(order.key) == hash(beezup.OrderKey(**data["key"]))
    assert beezup.MerchantInfo("A", "B", "1") == beezup.MerchantInfo("A", "B", "1") != beezup.MerchantInfo("A", "B", "2")


def test_ship_then_refund_with_a_reason_from_its_list(client: beezup.Client) -> None:
    order = orders_allowing(client, "ShipOrder", 1)[0]
    client.orders.ship(order.key, carrier="DHL", shipping_method="Standard", tracking_number="REF-1").wait(timeout=30)
    shipped = client.orders.get(order.key)
    assert shipped.status == "Shipped"
    (reason,) = shipped.change_parameters("RefundOrder")
    assert reason.name == "order_Refund_Reason" and reason.required and reason.has_values and reason.values_required
    reasons = client.orders.values(reason, language="fr")
    assert reasons.find("ProductReturned") is not None
    with pytest.raises(beezup.InvalidRequest):
        client.orders.refund(order.key, reason="NotInTheList")  # refused before anything is sent
    handle = client.orders.refund(order.key, reason="ProductReturned")
    assert handle.wait(timeout=30).status == "Closed"
    report = client.orders.change_status(order.key, handle.execution_id)
    assert report.change_type == "RefundOrder" and report.processing_status == "Done"
    with pytest.raises(ValueError, match="does not allow"):
        client.orders.get(order.key).change_parameters("ShipOrder")


def test_batches_report_each_item_in_order(client: beezup.Client) -> None:
    orders = orders_allowing(client, "ShipOrder", 3)
    missing = beezup.OrderKey("Amazon", orders[0].key.account_id, "00000000-0000-0000-0000-000000000000")
    items = [(o.key, {"order_Shipping_CarrierName": "DHL", "order_Shipping_Method": "Standard",
                      "order_Shipping_ShipperTrackingNumber": f"B-{i}",
                      "order_Shipping_FulfillmentDate": datetime.datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")})
             for i, o in enumerate(orders)]
    items.insert(1, (missing, dict(items[0][1])))
    results = client.orders.change_batch("ShipOrder", items)
    assert [r.key for r in results] == [key for key, _ in items]
    assert [r.success for r in results] == [True, False, True, True]
    assert results[1].status == 404 and results[1].errors


def test_merchant_info_single_and_batch(client: beezup.Client) -> None:
    a, b = [o.key for o in client.orders.all(begin=last_days(30), date_type="purchase")][:2]
    client.orders.set_merchant_info(a, merchant_order_id="CMD-1", software_name="pytest", software_version="1.0")
    assert client.orders.get(a).merchant_order_id == "CMD-1"
    results = client.orders.set_merchant_info_batch([(a, beezup.MerchantInfo("CMD-2", "pytest", "1.0")), (b, ("CMD-3", "pytest", "1.0"))])
    assert [r.success for r in results] == [True, True]
    assert (client.orders.get(a).merchant_order_id, client.orders.get(b).merchant_order_id) == ("CMD-2", "CMD-3")
    assert all(r.success for r in client.orders.clear_merchant_info_batch([a, b]))
    assert client.orders.get(b).merchant_order_id is None
    client.orders.clear_merchant_info(a)
    with pytest.raises(TypeError):
        client.orders.set_merchant_info_batch([(a, ("only-two", "fields"))])  # type: ignore[list-item]


def test_harvests_synchronization_status_and_etag(client: beezup.Client) -> None:
    order = next(iter(client.orders.all(begin=last_days(30))))
    assert client.orders.etag(order.key) == order.etag
    client.orders.harvest(order.key)
    client.orders.harvest_account("Amazon", order.key.account_id if order.key.marketplace_technical_code == "Amazon" else 1001)
    with pytest.raises(beezup.NotFoundError):
        client.orders.harvest_account("Nowhere", 1)
    statuses = client.orders.synchronization_status()
    assert {s.marketplace_technical_code for s in statuses} >= {"Amazon", "Cdiscount"}
    assert all(s.completed_harvest_date is None or s.completed_harvest_date.tzinfo is not None for s in statuses)


def test_csv_writer_rows_parse_back(client: beezup.Client) -> None:
    orders = list(client.orders.all(begin=last_days(20), date_type="purchase"))
    out = io.StringIO(newline="")
    writer = beezup.CsvWriter(out, separator=";", columns=["beezUPOrderId", "order_TotalPrice"])
    assert writer.write_all(orders) == len(orders)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline=""), delimiter=";"))
    assert writer.rows == len(rows) - 1 == sum(len(o.items) for o in orders)  # a row per item
    assert rows[0] == ["beezUPOrderId", "order_TotalPrice"]
    assert {r[0] for r in rows[1:]} == {o.key.beezup_order_id for o in orders}
    assert "beezUPOrderId" in beezup.csv_columns()
    with pytest.raises(beezup.InvalidRequest, match="unknown CSV column"):
        beezup.CsvWriter(io.StringIO(), columns=["nope"])
    with pytest.raises(TypeError):
        beezup.CsvWriter(object())  # type: ignore[arg-type]


def test_server_side_exportation(client: beezup.Client, tmp_path: pathlib.Path) -> None:
    target = tmp_path / "export.csv"
    execution = client.orders.export_csv(STORE, beezup.OrderFilter(begin=last_days(30)), str(target), timeout=30)
    assert execution
    mine = list(client.orders.all(begin=last_days(30), store_ids=[STORE]))
    lines = target.read_bytes().count(b"\r\n")
    assert lines == sum(len(o.items) for o in mine) + 1


def test_order_sync_resumes_from_its_checkpoint(store_location: str) -> None:
    # A sandbox of its own: the other tests' harvests would move orders while this one watches.
    with Sandbox(orders=500) as own:
        client = own.client()
        checkpoint = store_location  # a SQLite file, then a PostgreSQL database
        since = last_days(10)
        seen: list[beezup.Order] = []
        first = beezup.OrderSync(client, checkpoint, initial_since=since).run(seen.append)
        assert first == len(seen) > 0 and len({o.key for o in seen}) == len(seen)
        assert beezup.OrderSync(client, checkpoint, initial_since=since).run(seen.append) == 0  # nothing new

        # A changed order comes again; a failing handler stops the run and what it failed on is
        # handed over next time. (A closed order: the sandbox's marketplaces move no other by
        # themselves meanwhile; others, being delivered, may come too.)
        target = next(o.key for o in seen if o.status in ("Closed", "Canceled"))
        client.orders.set_merchant_info(target, merchant_order_id="SYNC-1", software_name="pytest", software_version="1")
        time.sleep(3.1)  # lists end two whole seconds before now: BeezUP's index lags behind its changes
        calls = []

        def failing(order: beezup.Order) -> None:
            calls.append(order.key)
            raise RuntimeError("handler failed")

        with pytest.raises(RuntimeError, match="handler failed"):
            beezup.OrderSync(client, checkpoint).run(failing)
        assert len(calls) == 1
        again: list[beezup.Order] = []
        assert beezup.OrderSync(client, checkpoint).run(again.append) == len(again)
        by_key = {o.key: o for o in again}
        assert len(by_key) == len(again)  # once each
        assert calls[0] in by_key and by_key[target].merchant_order_id == "SYNC-1"


def test_order_sync_stops_when_cancelled_and_resumes_where_it_stopped(tmp_path: pathlib.Path) -> None:
    with Sandbox(orders=600) as own:
        client = own.client()
        checkpoint = str(tmp_path / "sync.db")
        since = last_days(365)
        source = beezup.CancellationSource()
        first: list[beezup.OrderKey] = []

        def cancel_after_the_first(order: beezup.Order) -> None:
            first.append(order.key)
            source.cancel()

        with pytest.raises(beezup.TransportError) as stopped:
            beezup.OrderSync(client, checkpoint, initial_since=since).run(cancel_after_the_first, cancellation=source.token)
        assert stopped.value.failure == "cancelled"
        assert 0 < len(first) < 600  # the page being read is handed over, no further page is fetched
        rest: list[beezup.OrderKey] = []
        beezup.OrderSync(client, checkpoint, initial_since=since).run(lambda o: rest.append(o.key))
        assert len(set(first) | set(rest)) == 600 and not set(first) & set(rest)


def test_filters_as_objects(client: beezup.Client) -> None:
    f = beezup.OrderFilter(begin=last_days(30), date_type="purchase", marketplace_technical_codes=["Cdiscount"])
    assert f.end is None and f.begin.tzinfo is not None
    assert {o.key.marketplace_technical_code for o in client.orders.all(f)} == {"Cdiscount"}
    with pytest.raises(TypeError, match="not both"):
        client.orders.all(f, statuses=["New"])  # type: ignore[call-overload]


def test_auto_acceptance_per_account(tmp_path: pathlib.Path) -> None:
    with Sandbox(orders=100, new_orders_per_hour=360_000) as own:  # ten new orders a second per account
        client = own.client()
        accounts = client.automatic_transitions.auto_acceptance()
        assert accounts and not any(a.enabled for a in accounts)
        assert "Amazon" not in {a.marketplace_technical_code for a in accounts}  # no acceptance step there
        target = next(a for a in accounts if a.marketplace_technical_code == "Cdiscount")
        client.automatic_transitions.set_auto_acceptance("Cdiscount", target.account_id, enabled=True)
        assert {(a.marketplace_technical_code, a.account_id) for a in client.automatic_transitions.auto_acceptance()
                if a.enabled} == {("Cdiscount", target.account_id)}
        start = datetime.datetime.now(UTC).replace(microsecond=0) + datetime.timedelta(seconds=1)
        time.sleep(3)
        end = datetime.datetime.now(UTC).replace(microsecond=0) - datetime.timedelta(seconds=1)
        client.automatic_transitions.set_auto_acceptance("Cdiscount", target.account_id, enabled=False)
        time.sleep(2.5)
        arrived = [o for o in client.orders.all(begin=start - datetime.timedelta(minutes=1), date_type="purchase",
                                                marketplace_technical_codes=["Cdiscount"], account_ids=[target.account_id])
                   if start <= o.purchase_date < end]
        assert arrived and {o.status for o in arrived} == {"InProgress"}  # accepted as they arrived
        (transition,) = [t for t in client.automatic_transitions.list()
                         if t.marketplace_technical_code == "Cdiscount" and t.account_id == target.account_id]
        assert transition.is_acceptance and transition.operation == "AcceptOrder" and not transition.enabled
        with pytest.raises(beezup.InvalidRequest, match="not available"):
            client.automatic_transitions.set_auto_acceptance("Amazon", 1001, enabled=True)


def test_invoice_settings_are_checked_before_sending_and_read_back_exactly() -> None:
    with Sandbox(orders=50) as own:
        client = own.client()
        with pytest.raises(beezup.NotFoundError):
            client.invoices.general_settings()
        good = dict(culture_name="fr", product_vat_percent=decimal.Decimal("5.5"), shipping_vat_percent=20,
                    invoice_prefix="FA-2026_", starting_sequence_number=1000)
        before = own.stats()["requests"]
        for field, value, rule in [("invoice_prefix", "FA 2026", "invoice_prefix"),
                                   ("invoice_prefix", "A" * 51, "invoice_prefix"),
                                   ("product_vat_percent", decimal.Decimal("100.01"), "product_vat_percent"),
                                   ("shipping_vat_percent", -1, "shipping_vat_percent"),
                                   ("starting_sequence_number", -1, "starting_sequence_number")]:
            with pytest.raises(beezup.InvalidRequest, match=rule):
                client.invoices.save_general_settings(beezup.InvoiceGeneralSettings(**dict(good, **{field: value})))
        with pytest.raises(TypeError, match="float"):
            beezup.InvoiceGeneralSettings(**dict(good, product_vat_percent=5.5))
        with pytest.raises(beezup.InvalidRequest, match="header_html"):
            client.invoices.save_design_settings(beezup.InvoiceDesignSettings(header_html="x" * 1001))
        assert own.stats()["requests"] == before + 1  # stats() itself: nothing else was sent

        settings = beezup.InvoiceGeneralSettings(**good)
        client.invoices.save_general_settings(settings)
        back = client.invoices.general_settings()
        assert back.product_vat_percent == decimal.Decimal("5.5") and back.shipping_vat_percent == 20
        assert (back.culture_name, back.invoice_prefix, back.starting_sequence_number) == ("fr", "FA-2026_", 1000)
        design = beezup.InvoiceDesignSettings(header_html="<p>SARL Exemple</p>", footer_html="<p>TVA FR00123456789</p>")
        client.invoices.save_design_settings(design)
        assert client.invoices.design_settings() == design
        assert "TVA FR00123456789" in client.invoices.preview_design(design)


def pdf_text(pdf: bytes, tmp_path: pathlib.Path) -> str:
    path = tmp_path / "invoice.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, text=True, check=True).stdout


CENT = decimal.Decimal("0.01")


def vat_of_gross(gross: decimal.Decimal, rate: decimal.Decimal) -> decimal.Decimal:
    """The VAT in a tax-included amount, half up to the cent."""
    return (gross * rate / (100 + rate)).quantize(CENT, rounding=decimal.ROUND_HALF_UP)


def money(amount: decimal.Decimal, culture: str) -> str:
    text = f"{amount:,.2f}"
    if culture == "fr":  # 1 234,56: the thousands separator may be any space, compared loosely below
        text = text.replace(",", " ").replace(".", ",")
    return text


def assert_exact_vat(order: beezup.Order, text: str, culture: str) -> None:
    """Product VAT (20 %), shipping VAT (5.5 %), the nets per rate and the totals, recomputed from
    the order's items with decimal arithmetic, are on the invoice to the cent."""
    products = sum((item.total_price or decimal.Decimal(0) for item in order.items), decimal.Decimal(0))
    total = order.total_price or decimal.Decimal(0)
    shipping = total - products
    products_vat = vat_of_gross(products, decimal.Decimal(20))
    shipping_vat = vat_of_gross(shipping, decimal.Decimal("5.5"))
    flat = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
    for amount in (products, products_vat, shipping, shipping_vat, products_vat + shipping_vat,
                   total - products_vat - shipping_vat, total, products - products_vat):
        assert money(amount, culture) in flat, (order.key, amount, flat[-600:])
    for item in order.items:
        unit = item.item_price or decimal.Decimal(0)
        assert money(unit - vat_of_gross(unit, decimal.Decimal(20)), culture) in flat  # unit price excl. VAT


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@pytest.mark.parametrize("culture, title", [("fr", "Facture"), ("en", "Invoice")])
def test_this_months_invoices_in_one_call(tmp_path: pathlib.Path, culture: str, title: str) -> None:
    with Sandbox(orders=1500) as own:
        client = own.client()
        client.invoices.save_general_settings(beezup.InvoiceGeneralSettings(
            culture_name=culture, product_vat_percent=20, shipping_vat_percent=decimal.Decimal("5.5"),
            invoice_prefix="FA2026-", starting_sequence_number=1))
        client.invoices.save_design_settings(beezup.InvoiceDesignSettings(header_html="<p>SARL Exemple</p>"))
        month = datetime.datetime.now(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        shipped = [o for o in client.orders.all(begin=month - datetime.timedelta(days=30), date_type="purchase",
                                                statuses=["Shipped"]) if o.invoice_number is None]
        assert len(shipped) >= 5
        results = client.invoices.generate_batch([o.key for o in shipped], first_sequence_number=501)
        assert [r.sequence_number for r in results] == list(range(501, 501 + len(shipped)))
        assert all(r.success and r.location for r in results)
        for order, result in zip(shipped, results):  # every invoice of the batch
            number = f"FA2026-{result.sequence_number}"
            assert client.orders.get(order.key).invoice_number == number
            pdf = io.BytesIO()
            client.invoices.download_pdf(result.location or "", pdf)
            assert pdf.getvalue().startswith(b"%PDF-")
            text = pdf_text(pdf.getvalue(), tmp_path)
            assert title in text and number in text and (order.buyer_name or "?") in text
            assert_exact_vat(order, text, culture)
        path = tmp_path / "last.pdf"
        client.invoices.download_pdf(results[-1].location or "", path)
        assert path.read_bytes().startswith(b"%PDF-")

        taken = client.orders.all(begin=month - datetime.timedelta(days=60), date_type="purchase", statuses=["Closed"])
        other = next(o for o in taken if o.invoice_number is None)
        with pytest.raises(beezup.ConflictError, match=f"{other.key.beezup_order_id}.*501|501.*{other.key.beezup_order_id}"):
            client.invoices.generate(other.key, sequence_number=501)
        generated = client.invoices.generate(other.key)
        assert not generated.recovered and client.orders.get(other.key).invoice_uri == generated.location
