"""Receives BeezUP's pushes in a FastAPI app served by uvicorn: subscribes the app, ships an order
and hands the shipped version the push brings to a handler, then unsubscribes.

The receiver checks BeezUP's signature and stores a push durably before answering 200, its commit
off the event loop (_push_sample.py: the part every receiver sample shares)."""

from __future__ import annotations

import socket
import sys
import threading
import time

import fastapi
import uvicorn

import beezup.push as push
from _connect import client_from_environment
from _push_sample import receiver, subscribe_ship_and_receive


def main() -> int:
    pushes = receiver()
    app = fastapi.FastAPI()
    # An ASGI app, which Starlette's add_route mounts as it is (its annotation only names request handlers).
    app.add_route("/beezup/push", push.asgi_app(pushes), methods=["POST"])  # type: ignore[arg-type]
    with socket.socket() as probe:  # a free port, as the subscription must name it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:  # BeezUP calls the URL when the subscription is activated
        time.sleep(0.05)
    try:
        url = f"http://127.0.0.1:{port}/beezup/push"
        return subscribe_ship_and_receive(client_from_environment(), pushes.inbox, url, "push_receiver_fastapi")
    finally:
        server.should_exit = True
        thread.join(10)


if __name__ == "__main__":
    sys.exit(main())
