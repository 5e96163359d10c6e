"""BeezUP order SDK for Python: a thin layer over the C++ SDK (``beezup._core``).

Example::

    import datetime

    import beezup

    client = beezup.Client(beezup.ClientOptions(api_key="...", user_name="..."))
    carriers = client.get_list_of_values("Carrier", language="fr")
    dhl = carriers.find("DHL")

    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=7)
    for order in client.orders.all(begin=since, marketplace_technical_codes=["Amazon"], statuses=["New"]):
        print(order.key, order.total_price, order.currency_code)  # total_price: decimal.Decimal

Every call blocks until it finishes, fails, hits its deadline or is cancelled, and releases the
GIL while it waits on the network: a Client may be shared between threads. Durations are float
seconds, instants timezone-aware datetimes (UTC), amounts decimal.Decimal. Errors are raised from
the tree in :mod:`beezup.errors`.
"""

from __future__ import annotations

from . import _models, errors
from ._async import (
    AsyncAutomaticTransitions,
    AsyncChangeHandle,
    AsyncClient,
    AsyncInvoices,
    AsyncOrderIterator,
    AsyncOrders,
    AsyncSubscriptions,
)
from ._core import (
    AccountAutoAcceptance,
    AccountSyncStatus,
    AutomaticTransition,
    AutomaticTransitions,
    BatchResult,
    CancellationSource,
    CancellationToken,
    ChangeHandle,
    ChangeParameter,
    ChangeReport,
    Client,
    ClientOptions,
    CsvWriter,
    GeneratedInvoice,
    InvoiceBatchResult,
    InvoiceDesignSettings,
    InvoiceGeneralSettings,
    Invoices,
    ListOfValues,
    ListOfValuesItem,
    MerchantInfo,
    Address,
    Order,
    OrderFilter,
    OrderItem,
    OrderIterator,
    OrderKey,
    Orders,
    OrderSync,
    PushReport,
    RateLimitOptions,
    RetryOptions,
    Subscription,
    Subscriptions,
    TlsOptions,
    csv_columns,
)
from ._core import __version__ as _core_version
from .errors import (
    ApiError,
    ApiErrorDetail,
    BadRequestError,
    BatchInterrupted,
    BeezupError,
    ChangeFailed,
    ConflictError,
    DecodeError,
    ForbiddenError,
    InvalidRequest,
    NotFoundError,
    PreconditionFailedError,
    PushRejected,
    ServerError,
    TooManyRequestsError,
    TransportError,
    TransportFailure,
    UnauthorizedError,
)

_models.install()

#: The base of every exception the SDK raises (also named BeezupError).
Error = BeezupError

#: The SDK's version: the C++ library's, which the package metadata carries too.
__version__: str = _core_version

__all__ = [
    "AccountAutoAcceptance",
    "AccountSyncStatus",
    "ApiError",
    "ApiErrorDetail",
    "AsyncAutomaticTransitions",
    "AsyncChangeHandle",
    "AsyncClient",
    "AsyncInvoices",
    "AsyncOrderIterator",
    "AsyncOrders",
    "AsyncSubscriptions",
    "AutomaticTransition",
    "AutomaticTransitions",
    "BadRequestError",
    "BatchInterrupted",
    "BatchResult",
    "BeezupError",
    "CancellationSource",
    "CancellationToken",
    "ChangeFailed",
    "ChangeHandle",
    "ChangeParameter",
    "ChangeReport",
    "Client",
    "ClientOptions",
    "ConflictError",
    "CsvWriter",
    "DecodeError",
    "Error",
    "ForbiddenError",
    "GeneratedInvoice",
    "InvalidRequest",
    "InvoiceBatchResult",
    "InvoiceDesignSettings",
    "InvoiceGeneralSettings",
    "Invoices",
    "ListOfValues",
    "ListOfValuesItem",
    "MerchantInfo",
    "NotFoundError",
    "Address",
    "Order",
    "OrderFilter",
    "OrderItem",
    "OrderIterator",
    "OrderKey",
    "OrderSync",
    "Orders",
    "PreconditionFailedError",
    "PushRejected",
    "PushReport",
    "RateLimitOptions",
    "RetryOptions",
    "ServerError",
    "Subscription",
    "Subscriptions",
    "TlsOptions",
    "TooManyRequestsError",
    "TransportError",
    "TransportFailure",
    "UnauthorizedError",
    "__version__",
    "csv_columns",
    "errors",
]
