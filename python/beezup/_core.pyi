"""Type stubs of the native module beezup._core (hand-written; keep in step with bindings/python)."""

import datetime
import decimal
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO, Literal, TextIO, TypedDict, overload

from typing_extensions import Required, Unpack

DateType = Literal["modification", "purchase", "marketplace_modification"]
LogLevel = Literal["trace", "debug", "info", "warning", "error"]
Logger = Callable[[str, str], object]

__version__: str

class OrderFilterArguments(TypedDict, total=False):
    """The keyword arguments of OrderFilter (and of Orders.all()): begin is required."""

    begin: Required[datetime.datetime]
    end: datetime.datetime | None
    date_type: DateType
    marketplace_technical_codes: Sequence[str]
    marketplace_business_codes: Sequence[str]
    account_ids: Sequence[int]
    statuses: Sequence[str]
    marketplace_order_ids: Sequence[str]
    merchant_order_ids: Sequence[str]
    store_ids: Sequence[str]
    buyer_name: str | None
    merchant_info_sync: Literal["All", "Synchronized", "NotSynchronized"] | None
    invoice_availability: Literal["All", "Generated", "NotGenerated"] | None

class RetryOptions:
    """Exponential backoff with full jitter; durations in seconds."""

    max_attempts: int
    base_delay: float
    max_delay: float
    max_retry_after: float
    def __init__(
        self,
        *,
        max_attempts: int = 4,
        base_delay: float = 0.5,
        max_delay: float = 30.0,
        max_retry_after: float = 120.0,
    ) -> None: ...

class RateLimitOptions:
    """A token bucket keeping the client under BeezUP's call quota."""

    enabled: bool
    calls_per_minute: float
    burst: float
    shared_lock_file: str
    def __init__(
        self,
        *,
        enabled: bool = True,
        calls_per_minute: float = 100.0,
        burst: float = 10.0,
        shared_lock_file: str = "",
    ) -> None: ...

class TlsOptions:
    verify_peer: bool
    ca_file: str
    def __init__(self, *, verify_peer: bool = True, ca_file: str = "") -> None: ...

class ClientOptions:
    """Options of a Client; durations in seconds. The nested options are views into this object."""

    base_url: str
    api_key: str
    user_name: str
    user_agent_suffix: str
    connect_timeout: float
    request_timeout: float
    operation_timeout: float
    tls: TlsOptions
    proxy_url: str
    accept_compressed: bool
    max_response_body_bytes: int
    retry: RetryOptions
    rate_limit: RateLimitOptions
    logger: Logger | None
    min_log_level: LogLevel
    def __init__(
        self,
        *,
        base_url: str = "https://api.beezup.com",
        api_key: str = "",
        user_name: str = "",
        user_agent_suffix: str = "",
        connect_timeout: float = 10.0,
        request_timeout: float = 60.0,
        operation_timeout: float = 300.0,
        tls: TlsOptions | None = None,
        proxy_url: str = "",
        accept_compressed: bool = True,
        max_response_body_bytes: int = 67108864,
        retry: RetryOptions | None = None,
        rate_limit: RateLimitOptions | None = None,
        logger: Logger | None = None,
        min_log_level: LogLevel = "info",
    ) -> None: ...

class CancellationToken:
    def __init__(self) -> None: ...
    def is_cancelled(self) -> bool: ...

class CancellationSource:
    def __init__(self) -> None: ...
    @property
    def token(self) -> CancellationToken: ...
    def cancel(self) -> None: ...
    def is_cancelled(self) -> bool: ...

class ListOfValuesItem:
    @property
    def code_identifier(self) -> str: ...
    @property
    def int_identifier(self) -> int: ...
    @property
    def position(self) -> int | None: ...
    @property
    def translation_text(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]


class ListOfValues:
    @property
    def name(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def items(self) -> list[ListOfValuesItem]: ...
    @property
    def etag(self) -> str | None: ...
    @property
    def content_language(self) -> str | None: ...
    def find(self, code: str) -> ListOfValuesItem | None: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[ListOfValuesItem]: ...

class OrderKey:
    """What identifies an order; immutable and hashable."""

    def __init__(self, marketplace_technical_code: str, account_id: int, beezup_order_id: str) -> None: ...
    @property
    def marketplace_technical_code(self) -> str: ...
    @property
    def account_id(self) -> int: ...
    @property
    def beezup_order_id(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __hash__(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...


class OrderItem:
    @property
    def beezup_order_item_id(self) -> str: ...
    @property
    def item_type(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def merchant_product_id(self) -> str | None: ...
    @property
    def marketplace_product_id(self) -> str | None: ...
    @property
    def quantity(self) -> decimal.Decimal | None: ...
    @property
    def item_price(self) -> decimal.Decimal | None: ...
    @property
    def total_price(self) -> decimal.Decimal | None: ...
    @property
    def extra(self) -> dict[str, Any]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]


class Order:
    """A full order; read-only. Dates are aware UTC datetimes, amounts Decimal."""

    @property
    def key(self) -> OrderKey: ...
    @property
    def status(self) -> str: ...
    @property
    def marketplace_status(self) -> str | None: ...
    @property
    def marketplace_business_code(self) -> str: ...
    @property
    def marketplace_order_id(self) -> str: ...
    @property
    def etag(self) -> str: ...
    @property
    def processing(self) -> bool: ...
    @property
    def purchase_date(self) -> datetime.datetime: ...
    @property
    def last_modification_date(self) -> datetime.datetime: ...
    @property
    def total_price(self) -> decimal.Decimal | None: ...
    @property
    def currency_code(self) -> str | None: ...
    @property
    def buyer_name(self) -> str | None: ...
    @property
    def merchant_order_id(self) -> str | None: ...
    @property
    def invoice_number(self) -> str | None: ...
    @property
    def invoice_uri(self) -> str | None: ...
    @property
    def items(self) -> list[OrderItem]: ...
    @property
    def allowed_changes(self) -> list[str]: ...
    @property
    def extra(self) -> dict[str, Any]: ...
    def find_change(self, change_type: str) -> bool: ...
    def change_parameters(self, change_type: str) -> list[ChangeParameter]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]


class ChangeReport:
    @property
    def execution_id(self) -> str: ...
    @property
    def change_type(self) -> str: ...
    @property
    def processing_status(self) -> str: ...
    @property
    def error_message(self) -> str | None: ...
    @property
    def test_mode(self) -> bool: ...
    @property
    def creation_date(self) -> datetime.datetime: ...
    @property
    def last_update_date(self) -> datetime.datetime: ...
    @property
    def user_name(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]


class ChangeHandle:
    @property
    def key(self) -> OrderKey: ...
    @property
    def execution_id(self) -> str: ...
    @property
    def recovered(self) -> bool: ...
    def wait(self, timeout: float | None = 300.0, *, cancellation: CancellationToken | None = None) -> Order: ...

class OrderIterator:
    """The orders of Orders.all(), fetched lazily page by page."""

    def __iter__(self) -> OrderIterator: ...
    def __next__(self) -> Order: ...
    @property
    def calls(self) -> int: ...

class Orders:
    """The order API of a Client (Client.orders)."""

    @overload
    def all(self, filter: OrderFilter, *, cancellation: CancellationToken | None = None) -> OrderIterator: ...
    @overload
    def all(
        self, *, cancellation: CancellationToken | None = None, **filter: Unpack[OrderFilterArguments]
    ) -> OrderIterator: ...
    def get(
        self, key: OrderKey, timeout: float | None = None, *, cancellation: CancellationToken | None = None
    ) -> Order: ...
    def ship(
        self,
        key: OrderKey,
        *,
        carrier: str,
        tracking_number: str,
        shipping_method: str = "",
        tracking_url: str | None = None,
        fulfillment_date: datetime.datetime | None = None,
        estimated_delivery_date: datetime.datetime | None = None,
        test_mode: bool = False,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> ChangeHandle: ...
    def accept(
        self,
        key: OrderKey,
        *,
        test_mode: bool = False,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> ChangeHandle: ...
    def cancel(
        self,
        key: OrderKey,
        *,
        reason: str,
        test_mode: bool = False,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> ChangeHandle: ...
    def change(
        self,
        key: OrderKey,
        *,
        change_type: str,
        fields: Mapping[str, str],
        test_mode: bool = False,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> ChangeHandle: ...
    def history(
        self, key: OrderKey, timeout: float | None = None, *, cancellation: CancellationToken | None = None
    ) -> list[ChangeReport]: ...

    def refund(
        self,
        key: OrderKey,
        *,
        reason: str,
        test_mode: bool = False,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> ChangeHandle: ...
    def change_batch(
        self,
        change_type: str,
        items: Sequence[tuple[OrderKey, Mapping[str, str]]],
        *,
        test_mode: bool = False,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> list[BatchResult]: ...
    def set_merchant_info(
        self,
        key: OrderKey,
        *,
        merchant_order_id: str,
        software_name: str,
        software_version: str,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> None: ...
    def clear_merchant_info(
        self, key: OrderKey, *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> None: ...
    def set_merchant_info_batch(
        self,
        items: Sequence[tuple[OrderKey, MerchantInfo | tuple[str, str, str]]],
        *,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> list[BatchResult]: ...
    def clear_merchant_info_batch(
        self, keys: Sequence[OrderKey], *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> list[BatchResult]: ...
    def harvest(
        self, key: OrderKey, *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> None: ...
    def harvest_account(
        self,
        marketplace_technical_code: str,
        account_id: int,
        *,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> None: ...
    def harvest_all(self, *, timeout: float | None = None, cancellation: CancellationToken | None = None) -> None: ...
    def synchronization_status(
        self, *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> list[AccountSyncStatus]: ...
    def change_status(
        self,
        key: OrderKey,
        execution_id: str,
        *,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> ChangeReport: ...
    def etag(self, key: OrderKey, *, timeout: float | None = None, cancellation: CancellationToken | None = None) -> str: ...
    def values(
        self,
        parameter: ChangeParameter,
        *,
        language: str = "",
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> ListOfValues: ...
    def export_csv(
        self,
        store_id: str,
        filter: OrderFilter,
        path: str,
        *,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> str: ...

class MerchantInfo:
    """The merchant's own reference for an order, and the software that set it."""

    def __init__(self, merchant_order_id: str, software_name: str, software_version: str) -> None: ...
    @property
    def merchant_order_id(self) -> str: ...
    @property
    def software_name(self) -> str: ...
    @property
    def software_version(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class BatchResult:
    """One item's outcome in a batch, in the caller's order."""

    @property
    def key(self) -> OrderKey: ...
    @property
    def success(self) -> bool: ...
    @property
    def status(self) -> int: ...
    @property
    def errors(self) -> list[tuple[str, str]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class AccountSyncStatus:
    """When BeezUP last harvested an account."""

    @property
    def marketplace_technical_code(self) -> str: ...
    @property
    def marketplace_business_code(self) -> str: ...
    @property
    def account_id(self) -> int: ...
    @property
    def completed_harvest_date(self) -> datetime.datetime | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class ChangeParameter:
    """A parameter of a change an order allows."""

    @property
    def name(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def required(self) -> bool: ...
    @property
    def has_values(self) -> bool: ...
    @property
    def values_required(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class OrderFilter:
    """Which orders to read: a period by date type, and optional filters."""

    def __init__(self, **filter: Unpack[OrderFilterArguments]) -> None: ...
    @property
    def begin(self) -> datetime.datetime: ...
    @property
    def end(self) -> datetime.datetime | None: ...

def csv_columns() -> list[str]: ...

class CsvWriter:
    """Writes orders as CSV rows to a text file opened with newline=''."""

    def __init__(
        self, file: TextIO, *, separator: str = ",", columns: Sequence[str] = (), header: bool = True
    ) -> None: ...
    def write(self, order: Order) -> None: ...
    def write_all(self, orders: Iterable[Order]) -> int: ...
    @property
    def rows(self) -> int: ...

class OrderSync:
    """Hands every order created or changed since the last run to a callable, once."""

    def __init__(
        self,
        client: Client,
        checkpoint: str | None,
        *,
        name: str = "orders",
        filter: OrderFilter | None = None,
        initial_since: datetime.datetime | None = None,
        overlap: float = 120.0,
    ) -> None: ...
    def run(self, handler: Callable[[Order], object]) -> int: ...

class Client:
    """A BeezUP API client: thread-safe; calls release the GIL while they wait."""

    def __init__(self, options: ClientOptions) -> None: ...
    @property
    def options(self) -> ClientOptions: ...
    @property
    def orders(self) -> Orders: ...
    @property
    def subscriptions(self) -> Subscriptions: ...
    @property
    def automatic_transitions(self) -> AutomaticTransitions: ...
    @property
    def invoices(self) -> Invoices: ...
    def get_list_of_values(
        self,
        name: str,
        language: str = "",
        scope: Literal["user", "public"] = "user",
        timeout: float | None = None,
        *,
        cancellation: CancellationToken | None = None,
    ) -> ListOfValues: ...

def _raise_native(kind: str, message: str) -> None: ...

class Subscription:
    """A push subscription as BeezUP holds it."""

    @property
    def id(self) -> str: ...
    @property
    def target_url(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def application_name(self) -> str: ...
    @property
    def application_version(self) -> str: ...
    @property
    def alert_email(self) -> str | None: ...
    @property
    def health(self) -> str | None: ...
    @property
    def retry_count(self) -> int | None: ...
    @property
    def max_retry_count(self) -> int | None: ...
    @property
    def last_successful_push(self) -> datetime.datetime | None: ...
    @property
    def next_retry(self) -> datetime.datetime | None: ...
    @property
    def last_error(self) -> list[tuple[str, str]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class PushReport:
    """One push attempt of a subscription's reporting."""

    @property
    def event_id(self) -> str: ...
    @property
    def succeeded(self) -> bool: ...
    @property
    def http_status(self) -> int | None: ...
    @property
    def order_count(self) -> int: ...
    @property
    def retry_count(self) -> int | None: ...
    @property
    def max_retry_count(self) -> int | None: ...
    @property
    def next_retry(self) -> datetime.datetime | None: ...
    @property
    def errors(self) -> list[tuple[str, str]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class Subscriptions:
    """BeezUP's push subscriptions (Client.subscriptions)."""

    def create(
        self,
        *,
        target_url: str,
        name: str,
        application_name: str,
        application_version: str = "1.0",
        alert_email: str | None = None,
        id: str = "",
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> str: ...
    def activate(
        self,
        id: str,
        *,
        replay_since: datetime.datetime | None = None,
        replay_until: datetime.datetime | None = None,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> None: ...
    def deactivate(self, id: str, *, timeout: float | None = None, cancellation: CancellationToken | None = None) -> None: ...
    def delete(self, id: str, *, timeout: float | None = None, cancellation: CancellationToken | None = None) -> None: ...
    def get(self, id: str, *, timeout: float | None = None, cancellation: CancellationToken | None = None) -> Subscription: ...
    def reporting(
        self, id: str, *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> list[PushReport]: ...
    def retry(self, id: str, *, timeout: float | None = None, cancellation: CancellationToken | None = None) -> None: ...
    # Last: in a class body, later annotations would take `list` for this method.
    def list(self, *, timeout: float | None = None, cancellation: CancellationToken | None = None) -> list[Subscription]: ...

class PushAuthenticator:
    """One check of a push's authenticity."""

def hmac_signature(secrets: Sequence[str], *, tolerance: float = 300.0) -> PushAuthenticator: ...
def token_in_path(token: str) -> PushAuthenticator: ...
def token_in_query(parameter: str, token: str) -> PushAuthenticator: ...
def basic_credentials(user: str, password: str) -> PushAuthenticator: ...
def ip_allow_list(networks: Sequence[str]) -> PushAuthenticator: ...

class PushResponse:
    """What to answer BeezUP."""

    @property
    def status(self) -> int: ...
    @property
    def headers(self) -> dict[str, str]: ...
    @property
    def body(self) -> bytes: ...

InboxState = Literal["pending", "claimed", "done", "dead", "stale"]

class InboxEntry:
    """A stored order version and its dispatch state."""

    @property
    def sequence(self) -> int: ...
    @property
    def event_id(self) -> str: ...
    @property
    def key(self) -> OrderKey: ...
    @property
    def etag(self) -> str: ...
    @property
    def state(self) -> InboxState: ...
    @property
    def attempts(self) -> int: ...
    @property
    def last_error(self) -> str: ...
    @property
    def received(self) -> datetime.datetime: ...
    @property
    def idempotency_key(self) -> str: ...

class PushInbox:
    """The durable store of received pushes."""

    @staticmethod
    def sqlite(path: str, *, synchronous_full: bool = True) -> PushInbox: ...
    def count(self, state: InboxState = "pending") -> int: ...
    def dead_letters(self) -> list[InboxEntry]: ...
    def replay(self, sequence: int) -> bool: ...
    def last_modification(self) -> datetime.datetime | None: ...

HeaderValue = str | bytes

class PushReceiver:
    """The push receiver core, for any web server."""

    def __init__(
        self,
        inbox: PushInbox,
        *,
        authenticators: Sequence[PushAuthenticator] = (),
        accept_unauthenticated: bool = False,
        max_body_bytes: int = 10485760,
    ) -> None: ...
    def handle(
        self,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, HeaderValue] | Iterable[tuple[HeaderValue, HeaderValue]],
        body: bytes,
        remote_addr: str,
    ) -> PushResponse: ...
    @property
    def max_body_bytes(self) -> int: ...
    @property
    def inbox(self) -> PushInbox: ...
    @property
    def stats(self) -> dict[str, int]: ...

class PushDelivery:
    """One order version handed to a push handler."""

    @property
    def order(self) -> Order: ...
    @property
    def idempotency_key(self) -> str: ...
    @property
    def event_id(self) -> str: ...
    @property
    def attempt(self) -> int: ...

class PushDispatcher:
    """Runs a handler on each stored version, in order per order, at least once."""

    def __init__(
        self,
        inbox: PushInbox,
        handler: Callable[[PushDelivery], object],
        *,
        max_attempts: int = 8,
        base_delay: float = 1.0,
        max_delay: float = 600.0,
        lease: float = 300.0,
        idle_wait: float = 0.2,
        verify_with: Client | None = None,
    ) -> None: ...
    def dispatch_ready(self) -> int: ...
    def run(self, stop: CancellationToken) -> None: ...

class AutomaticTransition:
    """A change BeezUP applies by itself to an account's orders."""

    def __init__(self, *, marketplace_technical_code: str, account_id: int, transition_id: int, enabled: bool) -> None: ...
    @property
    def marketplace_technical_code(self) -> str: ...
    @property
    def marketplace_business_code(self) -> str: ...
    @property
    def account_id(self) -> int: ...
    @property
    def transition_id(self) -> int: ...
    @property
    def from_status(self) -> str: ...
    @property
    def operation(self) -> str: ...
    @property
    def enabled(self) -> bool: ...
    @property
    def is_acceptance(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class AccountAutoAcceptance:
    """An account where auto-acceptance is available."""

    @property
    def marketplace_technical_code(self) -> str: ...
    @property
    def marketplace_business_code(self) -> str: ...
    @property
    def account_id(self) -> int: ...
    @property
    def enabled(self) -> bool: ...
    @property
    def transition_id(self) -> int: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class AutomaticTransitions:
    """Automatic transitions (Client.automatic_transitions)."""

    def configure(
        self,
        transitions: Sequence[AutomaticTransition],
        *,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> None: ...
    def auto_acceptance(
        self, *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> list[AccountAutoAcceptance]: ...
    def set_auto_acceptance(
        self,
        marketplace_technical_code: str,
        account_id: int,
        *,
        enabled: bool,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> None: ...
    # Last: in a class body, later annotations would take `list` for this method.
    def list(
        self, *, store_id: str | None = None, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> list[AutomaticTransition]: ...

class InvoiceGeneralSettings:
    """Invoice language, VAT rates and numbering."""

    def __init__(
        self,
        *,
        culture_name: str,
        product_vat_percent: decimal.Decimal | int | str,
        shipping_vat_percent: decimal.Decimal | int | str,
        invoice_prefix: str,
        starting_sequence_number: int,
    ) -> None: ...
    @property
    def culture_name(self) -> str: ...
    @property
    def product_vat_percent(self) -> decimal.Decimal: ...
    @property
    def shipping_vat_percent(self) -> decimal.Decimal: ...
    @property
    def invoice_prefix(self) -> str: ...
    @property
    def starting_sequence_number(self) -> int: ...
    @property
    def last_sequence_number(self) -> int | None: ...
    def validate(self) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class InvoiceDesignSettings:
    """HTML printed at the top and bottom of every invoice."""

    def __init__(self, *, header_html: str = "", footer_html: str = "") -> None: ...
    @property
    def header_html(self) -> str: ...
    @property
    def footer_html(self) -> str: ...
    def validate(self) -> None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class GeneratedInvoice:
    """An invoice BeezUP generated for an order."""

    @property
    def key(self) -> OrderKey: ...
    @property
    def sequence_number(self) -> int | None: ...
    @property
    def location(self) -> str: ...
    @property
    def recovered(self) -> bool: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class InvoiceBatchResult:
    """One order's outcome in a batch generation."""

    @property
    def key(self) -> OrderKey: ...
    @property
    def sequence_number(self) -> int: ...
    @property
    def success(self) -> bool: ...
    @property
    def location(self) -> str | None: ...
    @property
    def errors(self) -> list[tuple[str, str]]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class Invoices:
    """Invoice settings, previews, generation and PDFs (Client.invoices)."""

    def preview(
        self,
        key: OrderKey,
        *,
        sequence_number: int | None = None,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> str: ...
    def generate(
        self,
        key: OrderKey,
        *,
        sequence_number: int | None = None,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> GeneratedInvoice: ...
    def generate_batch(
        self,
        keys: Sequence[OrderKey],
        *,
        first_sequence_number: int,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> list[InvoiceBatchResult]: ...
    def download_pdf(
        self,
        location: str,
        target: str | os.PathLike[str] | BinaryIO,
        *,
        timeout: float | None = None,
        cancellation: CancellationToken | None = None,
    ) -> None: ...

    def general_settings(
        self, *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> InvoiceGeneralSettings: ...
    def save_general_settings(
        self, settings: InvoiceGeneralSettings, *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> None: ...
    def design_settings(
        self, *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> InvoiceDesignSettings: ...
    def save_design_settings(
        self, settings: InvoiceDesignSettings, *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> None: ...
    def preview_design(
        self, settings: InvoiceDesignSettings, *, timeout: float | None = None, cancellation: CancellationToken | None = None
    ) -> str: ...
