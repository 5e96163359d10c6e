"""The exception tree of the BeezUP SDK, mirroring the C++ one (``beezup::error``) class for class.

::

    BeezupError
      TransportError             no HTTP response (connect, TLS, timeout, cancelled, reset)
      ApiError                   an HTTP response with a non-2xx status
        BadRequestError          400
        UnauthorizedError        401
        ForbiddenError           403
        NotFoundError            404
        ConflictError            409
        PreconditionFailedError  412
        TooManyRequestsError     429
        ServerError              5xx
      DecodeError                a 2xx body that does not match the model
      InvalidRequest             refused before sending (a change not allowed, a missing field)
      ChangeFailed               the marketplace refused a change (``execution_id``)
      PushRejected               a push request that failed its authenticity check
      BatchInterrupted           a batch stopped part-way: ``results``, ``in_doubt``, ``unsent``

Messages never contain the API key or push secrets. The native core raises these classes with
their attributes set; they can also be constructed directly (in tests, for instance), and they
pickle (every constructor argument but the message has a default, and attributes live in
``__dict__``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypedDict

if TYPE_CHECKING:
    from ._core import BatchResult, OrderKey

__all__ = [
    "ApiError",
    "ApiErrorDetail",
    "BadRequestError",
    "BatchInterrupted",
    "BeezupError",
    "ChangeFailed",
    "ConflictError",
    "DecodeError",
    "ForbiddenError",
    "InvalidRequest",
    "NotFoundError",
    "PreconditionFailedError",
    "PushRejected",
    "ServerError",
    "TooManyRequestsError",
    "TransportFailure",
    "TransportError",
    "UnauthorizedError",
]

TransportFailure = Literal["connect", "tls", "timeout", "cancelled", "connection", "protocol"]


class ApiErrorDetail(TypedDict):
    """One entry of a BeezUP error body (``errors[]``)."""

    code: str
    message: str
    culture_name: str | None
    doc_url: str | None
    arguments: dict[str, str]


class BeezupError(Exception):
    """Base of every exception the SDK raises."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


class TransportError(BeezupError):
    """No usable HTTP response was received.

    ``failure`` says why: ``"connect"``, ``"tls"``, ``"timeout"``, ``"cancelled"``,
    ``"connection"`` (dropped while sending or receiving) or ``"protocol"`` (unreadable response).
    """

    def __init__(self, message: str = "", *, failure: TransportFailure = "connection") -> None:
        super().__init__(message)
        self.failure: TransportFailure = failure


class ApiError(BeezupError):
    """The server answered with a non-2xx status.

    Attributes: ``status``; ``details`` (the BeezUP ``errors[]`` entries as dicts with ``code``,
    ``message``, ``culture_name``, ``doc_url``, ``arguments``); ``raw_body`` (as received, maybe
    truncated); ``request_id``; ``retry_after`` (float seconds or None); ``location`` (the Location
    header; a 409 points at the running change).
    """

    def __init__(
        self,
        message: str = "",
        *,
        status: int = 0,
        details: list[ApiErrorDetail] | None = None,
        raw_body: str = "",
        request_id: str | None = None,
        retry_after: float | None = None,
        location: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.details: list[ApiErrorDetail] = list(details) if details is not None else []
        self.raw_body = raw_body
        self.request_id = request_id
        self.retry_after = retry_after
        self.location = location

    def has_code(self, code: str) -> bool:
        """True when one of the details carries this code (exact, or the code's name before '(')."""
        for detail in self.details:
            value = detail.get("code", "")
            if value == code:
                return True
            # Codes may be patterns such as "Name(Type argument)": compare the name.
            paren = value.find("(")
            if paren != -1 and value[:paren] == code:
                return True
        return False

    @property
    def codes(self) -> list[str]:
        """The codes of all details, in order."""
        return [detail.get("code", "") for detail in self.details]


class BadRequestError(ApiError):
    """400 Bad Request."""


class UnauthorizedError(ApiError):
    """401 Unauthorized (a missing or wrong API key)."""


class ForbiddenError(ApiError):
    """403 Forbidden."""


class NotFoundError(ApiError):
    """404 Not Found."""


class ConflictError(ApiError):
    """409 Conflict (e.g. a change is already running; see ``location`` and ``retry_after``)."""


class PreconditionFailedError(ApiError):
    """412 Precondition Failed (the ETag sent is no longer the order's)."""


class TooManyRequestsError(ApiError):
    """429 Too Many Requests (see ``retry_after``)."""


class ServerError(ApiError):
    """Any 5xx status."""


class DecodeError(BeezupError):
    """A 2xx body that could not be mapped to the model; ``path`` is the JSON path of the fault."""

    def __init__(self, message: str = "", *, path: str = "$") -> None:
        super().__init__(message)
        self.path = path


class InvalidRequest(BeezupError):
    """The SDK refused to send a request that cannot succeed: a change the order does not allow, a
    missing required field, a value outside its list of values. Nothing was sent."""


class ChangeFailed(BeezupError):
    """A change was accepted by BeezUP but failed on the marketplace; ``execution_id`` names it."""

    def __init__(self, message: str = "", *, execution_id: str = "") -> None:
        super().__init__(message)
        self.execution_id = execution_id


class PushRejected(BeezupError):
    """A push request that failed its authenticity check."""


class BatchInterrupted(BeezupError):
    """A batch stopped part-way: some of its calls (100 items each) were answered, then one failed.

    Nothing is lost: every item is in exactly one of ``results`` (the answered items' BatchResult,
    in the input's order), ``in_doubt`` (keys of the call that failed after it may have reached
    BeezUP: read their history before sending them again) and ``unsent`` (keys never sent, or
    refused as a whole: safe to send again). ``cause`` is the error that stopped the batch (also
    ``__cause__``). When the first call fails, its own error is raised instead.
    """

    def __init__(
        self,
        message: str = "",
        *,
        results: list[BatchResult] | None = None,
        in_doubt: list[OrderKey] | None = None,
        unsent: list[OrderKey] | None = None,
        cause: BeezupError | None = None,
    ) -> None:
        super().__init__(message)
        self.results: list[BatchResult] = list(results) if results is not None else []
        self.in_doubt: list[OrderKey] = list(in_doubt) if in_doubt is not None else []
        self.unsent: list[OrderKey] = list(unsent) if unsent is not None else []
        self.cause = cause
        self.__cause__ = cause

    def __setstate__(self, state: dict[str, Any] | None) -> None:
        # Pickling keeps args and __dict__, not __cause__.
        self.__dict__.update(state or {})
        self.__cause__ = self.cause
