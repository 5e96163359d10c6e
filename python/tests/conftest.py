"""A loopback stand-in for BeezUP's list-of-values endpoint, for the tests of the Python package."""

from __future__ import annotations

import collections
import json
import os
import pathlib
import socket
import subprocess
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import beezup
from beezup.testing import Sandbox, sandbox_or_skip

# The fixtures users get (beezup_sandbox, beezup_client, ...): registered by the installed
# package's entry point, named here for a checkout on PYTHONPATH.
pytest_plugins = ["beezup.pytest_plugin"]

#: Distinctive enough that finding it anywhere (logs, messages, reprs) can only be a leak.
API_KEY = "k3y-Zq9vX7-S3CR3T-do-not-log-4f1e"

LOV_ITEMS = {"items": [{"codeIdentifier": "DHL", "intIdentifier": 1, "position": 1, "translationText": "DHL"}], "links": {}}
LOV_ETAG = '"lov-v1"'


@dataclass
class Reply:
    """A scripted answer: status, headers, body. `hang` never answers; `drop` closes the socket."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    hang: bool = False
    drop: bool = False


@dataclass
class Seen:
    method: str
    path: str
    headers: Message
    peer: tuple[str, int] = ("", 0)  # the client's address and port: one per connection


class FakeBeezup:
    """ThreadingHTTPServer on 127.0.0.1:<ephemeral> serving `GET /v2/{user|public}/lov/{name}`.

    Without a script it behaves like BeezUP: the list "Carrier" exists (200 with an ETag, 304 when
    If-None-Match carries that ETag), any other list is a 404 with a BeezUP error body, and the
    user scope needs the API key (401 without it). `script` queues answers that take precedence.
    """

    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self.script: collections.deque[Reply] = collections.deque()
        self._lock = threading.Lock()
        self._release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                fake._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def close(self) -> None:
        self._release.set()  # frees handlers stuck in `hang`
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(Seen("GET", handler.path, handler.headers, handler.client_address[:2]))
            reply = self.script.popleft() if self.script else None
        if reply is None:
            reply = self._default(handler)
        if reply.hang:
            self._release.wait(timeout=30)
            handler.close_connection = True
            return
        if reply.drop:
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
            return
        handler.send_response(reply.status)
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        if reply.status != 304:
            handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        if reply.status != 304:
            handler.wfile.write(reply.body)

    @staticmethod
    def _default(handler: BaseHTTPRequestHandler) -> Reply:
        prefixes = {"/v2/user/lov/": True, "/v2/public/lov/": False}
        for prefix, needs_key in prefixes.items():
            if handler.path.startswith(prefix):
                name = handler.path[len(prefix):]
                break
        else:
            return error_reply(404, "ResourceNotFound", "no such route")
        if needs_key and handler.headers.get("Ocp-Apim-Subscription-Key") != API_KEY:
            return error_reply(401, "Unauthorized", "Access denied due to invalid subscription key")
        if name != "Carrier":
            return error_reply(404, "ListNotFound", f"The list of values {name} does not exist")
        if handler.headers.get("If-None-Match") == LOV_ETAG:
            return Reply(304, {"ETag": LOV_ETAG})
        headers = {"Content-Type": "application/json; charset=utf-8", "ETag": LOV_ETAG}
        language = handler.headers.get("Accept-Language")
        if language:
            headers["Content-Language"] = language
        return Reply(200, headers, json.dumps(LOV_ITEMS).encode())


def error_reply(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps({"errors": [{"code": code, "message": message}]}).encode()
    return Reply(status, {"Content-Type": "application/json", **(headers or {})}, body)


@pytest.fixture
def server() -> Iterator[FakeBeezup]:
    fake = FakeBeezup()
    try:
        yield fake
    finally:
        fake.close()


@pytest.fixture
def make_client(server: FakeBeezup) -> Callable[..., beezup.Client]:
    """Builds a client on the fake server: no rate limiting, fast retries, short timeouts."""

    def make(**overrides: object) -> beezup.Client:
        options = beezup.ClientOptions(
            base_url=server.url,
            api_key=API_KEY,
            request_timeout=5.0,
            operation_timeout=20.0,
            retry=beezup.RetryOptions(max_attempts=3, base_delay=0.01, max_delay=0.05),
            rate_limit=beezup.RateLimitOptions(enabled=False),
        )
        for name, value in overrides.items():
            if not hasattr(options, name):
                raise AttributeError(name)
            setattr(options, name, value)
        return beezup.Client(options)

    return make


def closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    """A sandbox with 2,000 orders whose changes are confirmed after 0.2 s; skipped without one."""
    yield from sandbox_or_skip(orders=2000, change_delay=0.2, api_key="k")


@pytest.fixture
def client(sandbox: Sandbox) -> beezup.Client:
    return sandbox.client(user_name="pytest")


# --- Shared stores (scripts/with_stores.sh starts a PostgreSQL cluster and a redis-server) -------

def _required_environment(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"{name} is not set: run the tests under scripts/with_stores.sh (scripts/test.sh does)")
    return value


@pytest.fixture
def postgresql_url() -> Iterator[str]:
    """A fresh database of the test cluster, dropped afterwards."""
    admin = _required_environment("BEEZUP_TEST_POSTGRESQL_URL")
    name = f"beezup_py_{os.getpid()}_{uuid.uuid4().hex[:12]}"
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True, capture_output=True)
    yield admin.rsplit("/", 1)[0] + "/" + name
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)


@pytest.fixture
def redis_url() -> str:
    return _required_environment("BEEZUP_TEST_REDIS_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request: pytest.FixtureRequest, tmp_path: pathlib.Path) -> str:
    """Where a store lives, for the suites that run on both: a SQLite file or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    url: str = request.getfixturevalue("postgresql_url")
    return url
