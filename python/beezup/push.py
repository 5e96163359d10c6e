"""Receiving BeezUP's pushes: new and changed orders POSTed to your URL, never lost once answered.

A :class:`Receiver` (the C++ receiver core) checks each request (size, method, type,
authenticity), stores the push in a durable :class:`Inbox` and only then answers 200. A
:class:`Dispatcher` hands each stored order version to your handler, in order per order, at least
once, with an idempotency key; one that keeps failing goes to the dead letters. Receiving and
dispatching may run in different processes on the same inbox::

    import beezup.push as push

    inbox = push.Inbox.sqlite("/var/lib/shop/pushes.db")
    receiver = push.Receiver(inbox, authenticators=[push.hmac_signature(["secret-1"])])

    # FastAPI / Starlette (the loop never blocks):
    app.add_route("/beezup/push", push.asgi_app(receiver), methods=["POST"])
    # Flask:
    flask_app.add_url_rule("/beezup/push", view_func=push.flask_view(receiver), methods=["POST"])
    # Or any WSGI server: push.wsgi_app(receiver); or http.server: push.http_handler(receiver).

    # Elsewhere (or ``python -m beezup.push worker --inbox FILE --handler shop.orders:on_push``):
    push.Dispatcher(inbox, lambda delivery: save(delivery.order)).run(stop_token)
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import quote

from ._core import CancellationSource
from ._core import InboxEntry
from ._core import PushAuthenticator as Authenticator
from ._core import PushDelivery as Delivery
from ._core import PushDispatcher as Dispatcher
from ._core import PushInbox as Inbox
from ._core import PushReceiver as Receiver
from ._core import PushResponse as Response
from ._core import basic_credentials, hmac_signature, ip_allow_list, token_in_path, token_in_query

__all__ = [
    "Authenticator",
    "Delivery",
    "Dispatcher",
    "Inbox",
    "InboxEntry",
    "Receiver",
    "Response",
    "asgi_app",
    "basic_credentials",
    "flask_view",
    "hmac_signature",
    "http_handler",
    "ip_allow_list",
    "main",
    "token_in_path",
    "token_in_query",
    "wsgi_app",
]

WsgiStartResponse = Callable[..., Any]


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _announced_length(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


# --- WSGI and Flask ----------------------------------------------------------------------------------


def wsgi_app(receiver: Receiver) -> Callable[[dict[str, Any], WsgiStartResponse], Iterable[bytes]]:
    """A WSGI application that answers every request with the receiver.

    A body announced over the receiver's cap is not read (the receiver answers 413 from the
    Content-Length); without a Content-Length, at most cap + 1 bytes are read.
    """
    cap = receiver.max_body_bytes

    def app(environ: dict[str, Any], start_response: WsgiStartResponse) -> Iterable[bytes]:
        headers = [(name[5:].replace("_", "-").title(), value) for name, value in environ.items() if name.startswith("HTTP_")]
        for name in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            if environ.get(name):
                headers.append((name.replace("_", "-").title(), environ[name]))
        announced = _announced_length(environ.get("CONTENT_LENGTH"))
        stream = environ["wsgi.input"]
        if announced is not None:
            body = b"" if announced > cap else stream.read(announced)
        else:
            body = stream.read(cap + 1) if environ.get("wsgi.input_terminated") else b""
        # WSGI gives the path decoded: quoted again, as the receiver compares raw paths.
        path = quote(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""), safe="/:@!$&'()*+,;=-._~")
        response = receiver.handle(environ["REQUEST_METHOD"], environ.get("RAW_URI", path).split("?")[0], environ.get("QUERY_STRING", ""),
                                   headers, body, environ.get("REMOTE_ADDR", ""))
        out_headers = list(response.headers.items()) + [("Content-Length", str(len(response.body)))]
        if announced is not None and announced > cap:
            out_headers.append(("Connection", "close"))  # the unread body must not be taken for a request
        start_response(f"{response.status} {_reason(response.status)}", out_headers)
        return [response.body]

    return app


def flask_view(receiver: Receiver) -> Callable[..., Any]:
    """A Flask view: ``app.add_url_rule("/beezup/push", view_func=flask_view(receiver), methods=["POST"])``."""
    import flask

    app = wsgi_app(receiver)

    def beezup_push(**_: Any) -> Any:
        return flask.Response.from_app(app, flask.request.environ)

    return beezup_push


# --- ASGI (FastAPI, Starlette, ...) ---------------------------------------------------------------------


class _AsgiPushApp:
    """An ASGI application (a callable object, so Starlette's add_route mounts it as it is)."""

    def __init__(self, receiver: Receiver) -> None:
        self._receiver = receiver

    async def __call__(self, scope: dict[str, Any], receive: Callable[[], Any], send: Callable[[dict[str, Any]], Any]) -> None:
        if scope["type"] != "http":
            return
        cap = self._receiver.max_body_bytes
        headers = [(name.decode("latin-1"), value.decode("latin-1")) for name, value in scope.get("headers", [])]
        announced = _announced_length(next((v for n, v in headers if n.lower() == "content-length"), None))
        chunks: list[bytes] = []
        received = 0
        if announced is None or announced <= cap:
            more = True
            while more and received <= cap:  # past the cap, the receiver refuses on what it got
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                chunks.append(chunk)
                received += len(chunk)
                more = message.get("more_body", False)
        raw_path = scope.get("raw_path")
        path = raw_path.decode("latin-1") if raw_path else quote(scope.get("root_path", "") + scope["path"])
        client = scope.get("client") or ("", 0)
        loop = asyncio.get_running_loop()
        # The commit to disk happens off the loop (the native call releases the GIL meanwhile).
        response = await loop.run_in_executor(
            None, self._receiver.handle, scope["method"], path, scope.get("query_string", b"").decode("latin-1"),
            headers, b"".join(chunks), client[0])
        out_headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in response.headers.items()]
        out_headers.append((b"content-length", str(len(response.body)).encode()))
        await send({"type": "http.response.start", "status": response.status, "headers": out_headers})
        await send({"type": "http.response.body", "body": response.body})


def asgi_app(receiver: Receiver) -> _AsgiPushApp:
    """An ASGI application answering with the receiver, e.g. in FastAPI:
    ``app.add_route("/beezup/push", asgi_app(receiver), methods=["POST"])``."""
    return _AsgiPushApp(receiver)


# --- http.server -------------------------------------------------------------------------------------


def http_handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    """A request handler class for http.server: ``ThreadingHTTPServer(addr, http_handler(receiver))``."""
    cap = receiver.max_body_bytes

    class PushRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _answer(self) -> None:
            announced = _announced_length(self.headers.get("Content-Length"))
            too_large = announced is not None and announced > cap
            body = self.rfile.read(announced) if announced and not too_large else b""
            path, _, query = self.path.partition("?")
            response = receiver.handle(self.command, path, query, list(self.headers.items()), body, self.client_address[0])
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            if too_large:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(response.body)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_TRACE = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the receiver logs refusals itself, without secrets

    return PushRequestHandler


# --- python -m beezup.push ----------------------------------------------------------------------------


def _load_handler(spec: str) -> Callable[[Delivery], object]:
    module_name, _, name = spec.partition(":")
    if not module_name or not name:
        raise SystemExit(f"--handler must be MODULE:CALLABLE, not {spec!r}")
    handler = getattr(importlib.import_module(module_name), name)
    if not callable(handler):
        raise SystemExit(f"{spec} is not callable")
    return handler  # type: ignore[no-any-return]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m beezup.push worker|dead-letters|replay``: see --help."""
    parser = argparse.ArgumentParser(prog="python -m beezup.push", description="Work on a BeezUP push inbox.")
    commands = parser.add_subparsers(dest="command", required=True)
    worker = commands.add_parser("worker", help="run a handler on every stored push until SIGINT/SIGTERM")
    worker.add_argument("--inbox", required=True, help="the inbox: a SQLite file or a postgresql:// URL")
    worker.add_argument("--handler", required=True, help="MODULE:CALLABLE, called with each beezup.push.Delivery")
    worker.add_argument("--max-attempts", type=int, default=8, help="failures before dead-letter (default 8)")
    worker.add_argument("--base-delay", type=float, default=1.0, help="seconds before the first retry (default 1)")
    dead = commands.add_parser("dead-letters", help="list the versions whose handler kept failing")
    dead.add_argument("--inbox", required=True)
    replay = commands.add_parser("replay", help="dispatch a dead letter again")
    replay.add_argument("--inbox", required=True)
    replay.add_argument("sequence", type=int, nargs="+")
    args = parser.parse_args(argv)

    inbox = Inbox.open(args.inbox)  # a SQLite path or a postgresql:// URL
    if args.command == "worker":
        dispatcher = Dispatcher(inbox, _load_handler(args.handler), max_attempts=args.max_attempts, base_delay=args.base_delay)
        stop = CancellationSource()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.cancel())
        # On a thread: Python runs signal handlers on the main thread, between bytecodes only.
        running = threading.Thread(target=dispatcher.run, args=(stop.token,), name="beezup-push-dispatcher")
        running.start()
        while running.is_alive():
            running.join(0.5)
        return 0
    if args.command == "dead-letters":
        for entry in inbox.dead_letters():
            print(f"{entry.sequence}\t{entry.key.marketplace_technical_code}\t{entry.key.account_id}\t"
                  f"{entry.key.beezup_order_id}\t{entry.attempts}\t{entry.last_error}")
        return 0
    missing = [s for s in args.sequence if not inbox.replay(s)]
    for s in missing:
        print(f"{s}: not a dead letter", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
