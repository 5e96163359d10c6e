"""Fixtures of the conformance suite: a sandbox per session and a `recorded` HTTP client.

Every response a test gets through `recorded` is validated against the OpenAPI spec when the test
ends (see spec.py for the rules), so a test only needs to make requests and assert what the spec
cannot express (e.g. "the list is not empty", "Content-Language follows Accept-Language").

The sandbox tests are skipped, with a reason, only when BEEZUP_SANDBOX is unset. When it is set, a
sandbox that cannot start is an error, never a skip.
"""

from __future__ import annotations

import contextlib
import json as jsonlib
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

# Make the helper modules importable whatever pytest's import mode is.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

import sandbox_process  # noqa: E402
import spec  # noqa: E402

#: Pass as `key=` to send no Ocp-Apim-Subscription-Key header.
NO_KEY = None
REQUEST_TIMEOUT_S = 30.0


def pytest_report_header(config):
    executable = os.environ.get(sandbox_process.ENV_VAR) or "(unset: sandbox tests will be skipped)"
    return [f"conformance: {sandbox_process.ENV_VAR}={executable}", f"conformance: spec {spec.DEFAULT_SPEC_PATH}"]


# ------------------------------------------------------------------------------------------ client


@dataclass
class Exchange:
    """One request and the response it got, as recorded."""

    method: str
    path: str  # path and query, as sent, e.g. "/v2/user/lov/BeezUPOrderState"
    status: int
    headers: list[tuple[str, str]]  # response headers, in order, repeats kept
    body: bytes
    request_headers: dict[str, str] = field(default_factory=dict)

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        return ", ".join(values) if values else None

    def json(self) -> Any:
        return jsonlib.loads(self.body.decode("utf-8"))

    def __str__(self) -> str:
        return f"{self.method} {self.path} -> {self.status}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Record 3xx answers as they are instead of following them."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


class RecordingClient:
    """A urllib client that records every exchange; `recorded` validates them at teardown."""

    def __init__(self, base_url: str, log: list[Exchange] | None = None, api_key: str = sandbox_process.API_KEY):
        self.base_url = base_url.rstrip("/")
        self.exchanges: list[Exchange] = [] if log is None else log
        self.api_key = api_key

    def on(self, base_url: str) -> "RecordingClient":
        """A client for another sandbox (see `sandbox_factory`) recording into the same log."""
        return RecordingClient(base_url, self.exchanges, self.api_key)

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | Sequence[tuple[str, Any]] | None = None,
        json: Any = None,
        data: bytes | None = None,
        key: str | None = sandbox_process.API_KEY,
    ) -> Exchange:
        """Send `method path` (path relative to the base URL, e.g. "/v2/user/lov/") and record it.

        `key` is the Ocp-Apim-Subscription-Key to send (default: the sandbox's); NO_KEY sends none.
        Non-2xx answers are returned, not raised.
        """
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/': {path!r}")
        if params:
            path += ("&" if "?" in path else "?") + urllib.parse.urlencode(params, doseq=True)
        sent = dict(headers or {})
        if key is not None:
            sent.setdefault("Ocp-Apim-Subscription-Key", key)
        if json is not None:
            data = jsonlib.dumps(json).encode("utf-8")
            sent.setdefault("Content-Type", "application/json")
        req = urllib.request.Request(self.base_url + path, data=data, headers=sent, method=method.upper())
        try:
            with _OPENER.open(req, timeout=REQUEST_TIMEOUT_S) as response:
                status, response_headers, body = response.status, list(response.headers.items()), response.read()
        except urllib.error.HTTPError as error:
            with contextlib.closing(error):
                status, response_headers, body = error.code, list(error.headers.items()), error.read()
        exchange = Exchange(method.upper(), path, status, response_headers, body, sent)
        self.exchanges.append(exchange)
        return exchange

    def get(self, path: str, **kwargs) -> Exchange:
        return self.request("GET", path, **kwargs)

    def head(self, path: str, **kwargs) -> Exchange:
        return self.request("HEAD", path, **kwargs)

    def post(self, path: str, **kwargs) -> Exchange:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs) -> Exchange:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs) -> Exchange:
        return self.request("DELETE", path, **kwargs)

    def violations(self, exchanges: Iterable[Exchange] | None = None) -> list[str]:
        """Spec violations of `exchanges` (default: everything recorded so far)."""
        problems = []
        for exchange in self.exchanges if exchanges is None else exchanges:
            try:
                spec.validate_response(exchange.method, exchange.path, exchange.status, exchange.headers, exchange.body)
            except AssertionError as error:
                problems.append(str(error))
        return problems


# ------------------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def sandbox_executable() -> str:
    try:
        return sandbox_process.executable_from_env()
    except sandbox_process.SandboxNotConfigured as reason:
        pytest.skip(f"{reason}; set it (e.g. build/release/sandbox/beezup-sandbox) to run the sandbox conformance tests")


@pytest.fixture(scope="session")
def sandbox_factory(sandbox_executable) -> Callable[..., str]:
    """`sandbox_factory(*extra_args)` -> base URL of a sandbox started with those extra arguments.

    One sandbox per distinct argument list, kept for the session.
    """
    running: dict[tuple[str, ...], str] = {}
    with contextlib.ExitStack() as stack:

        def start(*extra_args: str) -> str:
            args = tuple(map(str, extra_args))
            if args not in running:
                running[args] = stack.enter_context(sandbox_process.sandbox(args, executable=sandbox_executable))
            return running[args]

        yield start


@pytest.fixture(scope="session")
def sandbox_url(sandbox_factory) -> str:
    return sandbox_factory()


@pytest.fixture
def recorded(sandbox_url) -> RecordingClient:
    """A client on the session's sandbox; every response it got is validated against the spec at teardown."""
    client = RecordingClient(sandbox_url)
    yield client
    if not client.exchanges:
        pytest.fail("the test used `recorded` but sent no request: nothing was validated against the spec")
    problems = client.violations()
    if problems:
        pytest.fail(
            f"{len(problems)} of {len(client.exchanges)} responses do not conform to the OpenAPI spec:\n\n"
            + "\n\n".join(problems),
            pytrace=False,
        )
