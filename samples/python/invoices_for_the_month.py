"""Generates the invoices of every shipped order of the last 30 days in one call, in French,
numbered consecutively, and downloads their PDFs."""

from __future__ import annotations

import datetime
import decimal
import os
import sys
import tempfile

import beezup
from _connect import client_from_environment


def main() -> int:
    client = client_from_environment()
    client.invoices.save_general_settings(beezup.InvoiceGeneralSettings(
        culture_name="fr", product_vat_percent=20, shipping_vat_percent=decimal.Decimal("5.5"),
        invoice_prefix="FA2026-", starting_sequence_number=1))
    client.invoices.save_design_settings(beezup.InvoiceDesignSettings(
        header_html="<p>SARL Exemple &ndash; 12 rue de l&rsquo;&Eacute;glise, Paris</p>"))
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30)
    shipped = [o.key for o in client.orders.all(begin=since, date_type="purchase", statuses=["Shipped"])
               if o.invoice_number is None]
    results = client.invoices.generate_batch(shipped, first_sequence_number=1000)
    folder = tempfile.mkdtemp(prefix="beezup-invoices-")
    for result in results:
        if not result.success:
            print(f"{result.key.beezup_order_id}: not invoiced: {result.errors}", file=sys.stderr)
            continue
        path = os.path.join(folder, f"FA2026-{result.sequence_number}.pdf")
        client.invoices.download_pdf(result.location or "", path)
    print(f"{sum(r.success for r in results)} invoice(s) of {len(results)} in {folder}")
    return 0 if results and all(r.success for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
