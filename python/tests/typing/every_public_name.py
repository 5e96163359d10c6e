"""Uses every public name of the package with its intended types; `mypy --strict` checks it
(tests/test_typing.py). It is type-checked, never run."""

from __future__ import annotations

import asyncio
import datetime
import decimal
import io
import logging
from typing import Any

import beezup
import beezup.log
import beezup.push as push
import beezup.testing

UTC = datetime.timezone.utc


def options() -> beezup.ClientOptions:
    return beezup.ClientOptions(
        api_key="key",
        user_name="me",
        retry=beezup.RetryOptions(max_attempts=3),
        rate_limit=beezup.RateLimitOptions(enabled=True),
        tls=beezup.TlsOptions(verify_peer=True),
        logger=beezup.log.to_logging(logging.getLogger("shop")),
        min_log_level="info",
    )


def orders(client: beezup.Client) -> None:
    source = beezup.CancellationSource()
    token: beezup.CancellationToken = source.token
    since = datetime.datetime.now(UTC) - datetime.timedelta(days=7)
    iterator: beezup.OrderIterator = client.orders.all(begin=since, statuses=["New"], cancellation=token)
    matching: int = client.orders.count(begin=since, statuses=["New"], timeout=30)
    for order in iterator:
        key: beezup.OrderKey = order.key
        total: decimal.Decimal | None = order.total_price
        item: beezup.OrderItem = order.items[0]
        ship_to: beezup.Address = order.shipping
        city: str | None = ship_to.city
        data: dict[str, Any] = order.to_dict()
        parameters: list[beezup.ChangeParameter] = order.change_parameters("ShipOrder")
        values: beezup.ListOfValues = client.orders.values(parameters[0], language="fr")
        first: beezup.ListOfValuesItem = values.items[0]
        handle: beezup.ChangeHandle = client.orders.ship(key, carrier=first.code_identifier, tracking_number="1Z", test_mode=True)
        shipped: beezup.Order = handle.wait(timeout=60)
        report: beezup.ChangeReport = client.orders.change_status(key, handle.execution_id)
        history: list[beezup.ChangeReport] = client.orders.history(key)
        client.orders.refund(key, reason="ProductReturned")
        client.orders.accept(key)
        client.orders.cancel(key, reason="OutOfStock")
        client.orders.change(key, change_type="ShipOrder", fields={"order_Shipping_CarrierName": "DHL"})
        results: list[beezup.BatchResult] = client.orders.change_batch("ShipOrder", [(key, {"a": "b"})])
        client.orders.set_merchant_info(key, merchant_order_id="1", software_name="shop", software_version="1")
        client.orders.set_merchant_info_batch([(key, beezup.MerchantInfo("1", "shop", "1"))])
        client.orders.clear_merchant_info(key)
        client.orders.clear_merchant_info_batch([key])
        client.orders.harvest(key)
        client.orders.harvest_account("Amazon", 1)
        client.orders.harvest_all()
        statuses: list[beezup.AccountSyncStatus] = client.orders.synchronization_status()
        etag: str = client.orders.etag(key)
        print(total, item, data, shipped, report, history, results, statuses, etag)
    a_filter = beezup.OrderFilter(begin=since, date_type="purchase")
    client.orders.export_csv("store", a_filter, "/tmp/export.csv", timeout=60)
    writer = beezup.CsvWriter(io.StringIO(), separator=";", columns=beezup.csv_columns()[:3])
    writer.write_all(client.orders.all(a_filter))
    count: int = beezup.OrderSync(client, "sync.db", filter=a_filter).run(lambda order: print(order.key))
    lov: beezup.ListOfValues = client.get_list_of_values("Carrier", "fr")
    print(writer.rows, count, lov)


def errors(client: beezup.Client) -> None:
    try:
        client.orders.get(beezup.OrderKey("Amazon", 1, "x"))
    except beezup.NotFoundError as e:
        print(e.status, e.retry_after)
    except (beezup.BadRequestError, beezup.UnauthorizedError, beezup.ForbiddenError, beezup.ConflictError,
            beezup.PreconditionFailedError, beezup.TooManyRequestsError, beezup.ServerError) as e:
        details: list[beezup.ApiErrorDetail] = e.details
        print(details)
    except beezup.ApiError as e:
        print(e)
    except beezup.BatchInterrupted as e:
        answered: list[beezup.BatchResult] = e.results
        to_check: list[beezup.OrderKey] = e.in_doubt + e.unsent
        print(answered, to_check, e.cause)
    except (beezup.TransportError, beezup.DecodeError, beezup.InvalidRequest, beezup.ChangeFailed, beezup.PushRejected) as e:
        print(e)
    except beezup.BeezupError as e:
        print(e)
    except beezup.Error as e:  # the same class as BeezupError
        print(e)
    failure: beezup.TransportFailure = "timeout"
    print(failure, beezup.errors, beezup.__version__)


def subscriptions_and_push(client: beezup.Client) -> None:
    subscription_id: str = client.subscriptions.create(target_url="https://shop.example/push", name="shop",
                                                       application_name="shop")
    client.subscriptions.activate(subscription_id, replay_since=datetime.datetime.now(UTC))
    got: beezup.Subscription = client.subscriptions.get(subscription_id)
    reports: list[beezup.PushReport] = client.subscriptions.reporting(subscription_id)
    every: list[beezup.Subscription] = client.subscriptions.list()
    api: beezup.Subscriptions = client.subscriptions
    print(got, reports, every, api)
    client.subscriptions.retry(subscription_id)
    client.subscriptions.deactivate(subscription_id)
    client.subscriptions.delete(subscription_id)

    transitions: beezup.AutomaticTransitions = client.automatic_transitions
    accounts: list[beezup.AccountAutoAcceptance] = transitions.auto_acceptance()
    transitions.set_auto_acceptance("Cdiscount", accounts[0].account_id, enabled=True)
    every_transition: list[beezup.AutomaticTransition] = transitions.list(store_id="store")
    transitions.configure([beezup.AutomaticTransition(marketplace_technical_code="Cdiscount", account_id=1,
                                                      transition_id=every_transition[0].transition_id, enabled=False)])

    invoices: beezup.Invoices = client.invoices
    general = beezup.InvoiceGeneralSettings(culture_name="fr", product_vat_percent=decimal.Decimal("20"),
                                            shipping_vat_percent=20, invoice_prefix="FA-", starting_sequence_number=1)
    general.validate()
    invoices.save_general_settings(general)
    design: beezup.InvoiceDesignSettings = invoices.design_settings()
    invoices.save_design_settings(beezup.InvoiceDesignSettings(header_html="<p>Shop</p>"))
    html: str = invoices.preview_design(design)
    print(invoices.general_settings().last_sequence_number, html)
    key0 = beezup.OrderKey("Amazon", 1, "x")
    preview: str = invoices.preview(key0, sequence_number=1)
    generated: beezup.GeneratedInvoice = invoices.generate(key0)
    batch: list[beezup.InvoiceBatchResult] = invoices.generate_batch([key0], first_sequence_number=2)
    invoices.download_pdf(generated.location, "invoice.pdf")
    with open("invoice.pdf", "wb") as pdf_file:
        invoices.download_pdf(batch[0].location or "", pdf_file)
    print(preview, client.orders.get(key0).invoice_number, client.orders.get(key0).invoice_uri)

    inbox: push.Inbox = push.Inbox.sqlite("pushes.db")
    checks: list[push.Authenticator] = [push.hmac_signature(["secret"]), push.token_in_path("t"),
                                        push.token_in_query("token", "t"), push.basic_credentials("u", "p"),
                                        push.ip_allow_list(["127.0.0.1/32"])]
    receiver = push.Receiver(inbox, authenticators=checks)
    response: push.Response = receiver.handle("POST", "/push", "", {"Content-Type": "application/json"}, b"{}", "127.0.0.1")
    print(response.status, response.headers, response.body, receiver.stats)
    dead: list[push.InboxEntry] = inbox.dead_letters()

    def handler(delivery: push.Delivery) -> None:
        print(delivery.order, delivery.idempotency_key, delivery.attempt)

    dispatcher = push.Dispatcher(inbox, handler, max_attempts=5, verify_with=client)
    dispatcher.dispatch_ready()
    print(dead, push.asgi_app(receiver), push.wsgi_app(receiver), push.flask_view(receiver), push.http_handler(receiver))
    print(push.main(["dead-letters", "--inbox", "pushes.db"]))


async def asynchronous() -> None:
    with beezup.testing.Sandbox(orders=10, faults={"slow": "0.1:1s"}) as sandbox:
        async with sandbox.async_client() as client:
            assert isinstance(client, beezup.AsyncClient)
            orders: beezup.AsyncOrders = client.orders
            subscriptions: beezup.AsyncSubscriptions = client.subscriptions
            automatic: beezup.AsyncAutomaticTransitions = client.automatic_transitions
            async_invoices: beezup.AsyncInvoices = client.invoices
            print(await async_invoices.general_settings())
            print(await subscriptions.list(), await automatic.auto_acceptance())
            walk: beezup.AsyncOrderIterator = orders.all(begin=datetime.datetime.now(UTC))
            async for order in walk:
                handle: beezup.AsyncChangeHandle = await orders.accept(order.key)
                confirmed: beezup.Order = await handle.wait()
                print(confirmed)
        print(sandbox.url, sandbox.client(), beezup.testing.find_sandbox_executable())


asyncio.run(asynchronous())
