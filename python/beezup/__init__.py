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

from . import errors
from ._core import (
    CancellationSource,
    CancellationToken,
    ChangeHandle,
    ChangeReport,
    Client,
    ClientOptions,
    ListOfValues,
    ListOfValuesItem,
    Order,
    OrderItem,
    OrderIterator,
    OrderKey,
    Orders,
    RateLimitOptions,
    RetryOptions,
    TlsOptions,
)
from ._core import __version__ as _core_version
from .errors import (
    ApiError,
    ApiErrorDetail,
    BadRequestError,
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

__version__ = "0.1.0"
if _core_version != __version__:  # a stale _core*.so next to newer Python sources
    import warnings

    warnings.warn(
        f"beezup {__version__} runs over native core {_core_version}; rebuild the beezup_core target",
        RuntimeWarning,
        stacklevel=2,
    )
    del warnings

__all__ = [
    "ApiError",
    "ApiErrorDetail",
    "BadRequestError",
    "BeezupError",
    "CancellationSource",
    "CancellationToken",
    "ChangeFailed",
    "ChangeHandle",
    "ChangeReport",
    "Client",
    "ClientOptions",
    "ConflictError",
    "DecodeError",
    "ForbiddenError",
    "InvalidRequest",
    "ListOfValues",
    "ListOfValuesItem",
    "NotFoundError",
    "Order",
    "OrderItem",
    "OrderIterator",
    "OrderKey",
    "Orders",
    "PreconditionFailedError",
    "PushRejected",
    "RateLimitOptions",
    "RetryOptions",
    "ServerError",
    "TlsOptions",
    "TooManyRequestsError",
    "TransportError",
    "TransportFailure",
    "UnauthorizedError",
    "__version__",
    "errors",
]
