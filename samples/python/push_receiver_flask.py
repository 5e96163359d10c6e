"""Receives BeezUP's pushes in a Flask app served by waitress: subscribes the app, ships an order
and hands the shipped version the push brings to a handler, then unsubscribes.

The receiver checks BeezUP's signature and stores a push durably before answering 200
(_push_sample.py: the part every receiver sample shares)."""

from __future__ import annotations

import sys
import threading

import flask
import waitress.server  # type: ignore[import-untyped]  # waitress ships no type hints

import beezup.push as push
from _connect import client_from_environment
from _push_sample import receiver, subscribe_ship_and_receive


def main() -> int:
    pushes = receiver()
    app = flask.Flask("shop")
    app.add_url_rule("/beezup/push", view_func=push.flask_view(pushes), methods=["POST"])
    server = waitress.server.create_server(app, host="127.0.0.1", port=0)  # port 0: a free one
    threading.Thread(target=server.run, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.effective_port}/beezup/push"
        return subscribe_ship_and_receive(client_from_environment(), pushes.inbox, url, "push_receiver_flask")
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(main())
