"""beezup.push: the receiver core from Python, forged and malformed requests, the dispatcher with dead
letters and replay, the worker command, and real pushes from the sandbox reaching a FastAPI app
(uvicorn), a Flask app (waitress) and http.server on loopback."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from http.server import ThreadingHTTPServer

import pytest

import beezup
import beezup.push as push
from beezup.testing import Sandbox, sandbox_or_skip

SECRET = "python-push-secret"
ORDER = {
    "marketplaceTechnicalCode": "Amazon", "accountId": 1001, "beezUPOrderId": "o-py-1", "marketplaceBusinessCode": "A",
    "order_MarketplaceOrderId": "M-1", "order_Status_BeezUPOrderStatus": "New",
    "order_PurchaseUtcDate": "2026-11-20T09:00:00Z", "order_LastModificationUtcDate": "2026-11-20T10:00:00Z",
    "order_MarketplaceLastModificationUtcDate": "2026-11-20T09:00:00Z", "processing": False, "etag": "v1",
}


def envelope(event_id: str, *orders: dict[str, object]) -> bytes:
    return json.dumps({"eventId": event_id, "subscriptionId": "s-1", "sentUtcDate": "2026-11-20T10:00:01Z",
                       "orders": list(orders)}).encode()


def signed_headers(body: bytes, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"Content-Type": "application/json; charset=utf-8", "X-BeezUP-Timestamp": stamp,
            "X-BeezUP-Signature": f"sha256={digest}"}


@pytest.fixture
def receiver(store_location: str) -> push.Receiver:
    inbox = push.Inbox.open(store_location)  # each test runs on SQLite and on PostgreSQL
    return push.Receiver(inbox, authenticators=[push.hmac_signature([SECRET, "next-secret"])], max_body_bytes=64 * 1024)


def test_a_signed_push_is_stored_once_and_forgeries_are_refused(receiver: push.Receiver) -> None:
    body = envelope("e-1", ORDER)

    def post(body: bytes, headers: dict[str, str], method: str = "POST") -> push.Response:
        return receiver.handle(method, "/beezup/push", "", headers, body, "127.0.0.1")

    accepted = post(body, signed_headers(body))
    assert accepted.status == 200
    assert receiver.inbox.count("pending") == 1
    assert post(body, signed_headers(body)).status == 200  # BeezUP's retry: acknowledged, not stored again
    assert receiver.inbox.count("pending") == 1
    other = envelope("e-2", dict(ORDER, etag="v2", order_LastModificationUtcDate="2026-11-20T11:00:00Z"))
    assert post(other, signed_headers(other, "next-secret")).status == 200  # the rotated secret
    assert receiver.inbox.count("pending") == 2

    forged = envelope("e-3", dict(ORDER, etag="v3", order_LastModificationUtcDate="2026-11-20T12:00:00Z"))
    refusals = {
        "no signature": post(forged, {"Content-Type": "application/json"}),
        "wrong secret": post(forged, signed_headers(forged, "guessed")),
        "body changed": post(forged, signed_headers(forged.replace(b"M-1", b"M-2"))),
        "replayed": post(forged, signed_headers(forged, timestamp=int(time.time()) - 3600)),
    }
    assert {why: r.status for why, r in refusals.items()} == dict.fromkeys(refusals, 401)
    assert SECRET.encode() not in b"".join(r.body for r in refusals.values())
    assert post(b"{not json", signed_headers(b"{not json")).status == 400
    assert post(forged, signed_headers(forged), method="PUT").status == 405
    trace = post(forged, signed_headers(forged), method="TRACE")
    assert trace.status == 405 and b"Signature" not in trace.body
    text = b"plain"
    assert post(text, dict(signed_headers(text), **{"Content-Type": "text/plain"})).status == 415
    huge = envelope("e-4", *[dict(ORDER, beezUPOrderId=f"o-{i}") for i in range(300)])
    assert post(huge, signed_headers(huge)).status == 413
    assert receiver.inbox.count("pending") == 2  # nothing refused was stored
    assert receiver.stats["refused"] == 9 and receiver.stats["accepted"] == 3


def test_a_failing_handler_dead_letters_the_version_and_replay_delivers_it(receiver: push.Receiver) -> None:
    body = envelope("e-1", ORDER)
    assert receiver.handle("POST", "/p", "", signed_headers(body), body, "127.0.0.1").status == 200
    attempts: list[int] = []
    healthy = False

    def handler(delivery: push.Delivery) -> None:
        attempts.append(delivery.attempt)
        assert delivery.order.key == beezup.OrderKey("Amazon", 1001, "o-py-1")
        assert delivery.idempotency_key
        if not healthy:
            raise RuntimeError("database down")

    dispatcher = push.Dispatcher(receiver.inbox, handler, max_attempts=3, base_delay=0.01, max_delay=0.02)
    deadline = time.monotonic() + 10
    while receiver.inbox.count("dead") == 0 and time.monotonic() < deadline:
        dispatcher.dispatch_ready()
        time.sleep(0.02)
    assert attempts == [1, 2, 3]
    (dead,) = receiver.inbox.dead_letters()
    assert dead.attempts == 3 and "database down" in dead.last_error and dead.state == "dead"
    healthy = True
    assert receiver.inbox.replay(dead.sequence)
    assert dispatcher.dispatch_ready() == 1
    assert receiver.inbox.count("done") == 1 and receiver.inbox.count("dead") == 0


HANDLER_MODULE = '''
import json, os
def on_push(delivery):
    with open(os.environ["PUSH_LOG"], "a") as log:
        log.write(json.dumps([delivery.order.key.beezup_order_id, delivery.idempotency_key]) + "\\n")
'''


def test_the_worker_command_dispatches_until_sigterm(receiver: push.Receiver, store_location: str,
                                                     tmp_path: pathlib.Path) -> None:
    (tmp_path / "shop_handlers.py").write_text(HANDLER_MODULE)
    log = tmp_path / "handled.log"
    inbox_path = store_location  # the receiver's inbox
    package_root = str(pathlib.Path(beezup.__file__).absolute().parent.parent)  # this beezup, in the child too
    env = dict(os.environ, PUSH_LOG=str(log), PYTHONPATH=os.pathsep.join([str(tmp_path), package_root]))
    worker = subprocess.Popen([sys.executable, "-m", "beezup.push", "worker", "--inbox", inbox_path,
                               "--handler", "shop_handlers:on_push"], env=env, cwd=tmp_path)
    try:
        body = envelope("e-1", ORDER)
        assert receiver.handle("POST", "/p", "", signed_headers(body), body, "127.0.0.1").status == 200
        deadline = time.monotonic() + 15
        while not (log.exists() and log.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert json.loads(log.read_text().splitlines()[0])[0] == "o-py-1"
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
    listing = subprocess.run([sys.executable, "-m", "beezup.push", "dead-letters", "--inbox", inbox_path],
                             capture_output=True, text=True, env=env, check=True)
    assert listing.stdout == ""
    assert subprocess.run([sys.executable, "-m", "beezup.push", "replay", "--inbox", inbox_path, "1"],
                          capture_output=True, env=env).returncode == 1  # not a dead letter


# --- real servers on loopback receiving the sandbox's pushes -----------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on {port}")


@pytest.fixture(scope="module")
def pushing_sandbox() -> Iterator[Sandbox]:
    yield from sandbox_or_skip(orders=300, push_secret=SECRET, push_retry_base=0.1)


def serve_uvicorn(receiver: push.Receiver, port: int) -> Callable[[], None]:
    import fastapi
    import uvicorn

    app = fastapi.FastAPI()
    app.add_route("/beezup/push", push.asgi_app(receiver), methods=["POST"])

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    def stop() -> None:
        server.should_exit = True
        thread.join(10)

    return stop


def serve_waitress(receiver: push.Receiver, port: int) -> Callable[[], None]:
    import flask
    import waitress.server

    app = flask.Flask("shop")
    app.add_url_rule("/beezup/push", view_func=push.flask_view(receiver), methods=["POST"])
    server = waitress.server.create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()

    def stop() -> None:
        server.close()
        thread.join(10)

    return stop


def serve_http_server(receiver: push.Receiver, port: int) -> Callable[[], None]:
    server = ThreadingHTTPServer(("127.0.0.1", port), push.http_handler(receiver))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return stop


@pytest.mark.parametrize("serve", [serve_uvicorn, serve_waitress, serve_http_server], ids=["fastapi", "flask", "http.server"])
def test_sandbox_pushes_reach_the_app_and_the_handler(
    pushing_sandbox: Sandbox, tmp_path: pathlib.Path, serve: Callable[[push.Receiver, int], Callable[[], None]]
) -> None:
    receiver = push.Receiver(push.Inbox.sqlite(str(tmp_path / "inbox.db")), authenticators=[push.hmac_signature([SECRET])])
    port = free_port()
    stop = serve(receiver, port)
    client = pushing_sandbox.client()
    subscription = None
    try:
        wait_listening(port)
        subscription = client.subscriptions.create(target_url=f"http://127.0.0.1:{port}/beezup/push", name="pytest",
                                                   application_name="pytest", id=str(uuid.uuid4()))
        client.subscriptions.activate(subscription)
        assert receiver.stats["verifications"] == 1
        assert client.subscriptions.get(subscription).status == "active"

        changed = [o.key for o in client.orders.all(begin=beezup_days_ago(30))][:3]
        for i, key in enumerate(changed):
            client.orders.set_merchant_info(key, merchant_order_id=f"PUSH-{i}", software_name="pytest", software_version="1")
        handled: dict[beezup.OrderKey, str | None] = {}
        dispatcher = push.Dispatcher(receiver.inbox, lambda d: handled.__setitem__(d.order.key, d.order.merchant_order_id))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(handled.get(k) != f"PUSH-{i}" for i, k in enumerate(changed)):
            dispatcher.dispatch_ready()
            time.sleep(0.05)
        assert [handled.get(k) for k in changed] == ["PUSH-0", "PUSH-1", "PUSH-2"]

        # A forged push to the same app is refused and stores nothing.
        before = receiver.inbox.count("done") + receiver.inbox.count("pending")
        body = envelope(str(uuid.uuid4()), dict(ORDER, beezUPOrderId="forged"))
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("POST", "/beezup/push", body, signed_headers(body, "not-the-secret"))
        assert connection.getresponse().status == 401
        connection.close()
        assert receiver.inbox.count("done") + receiver.inbox.count("pending") == before
    finally:
        if subscription:
            client.subscriptions.delete(subscription)
        stop()


def beezup_days_ago(days: int) -> object:
    import datetime

    return datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days)
