"""Type stubs of the native module beezup._core (hand-written; keep in step with bindings/python)."""

from collections.abc import Callable, Iterator
from typing import Literal

LogLevel = Literal["trace", "debug", "info", "warning", "error"]
Logger = Callable[[str, str], object]

__version__: str

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

class Client:
    """A BeezUP API client: thread-safe; calls release the GIL while they wait."""

    def __init__(self, options: ClientOptions) -> None: ...
    @property
    def options(self) -> ClientOptions: ...
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
