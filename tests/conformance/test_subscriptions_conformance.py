"""Push subscriptions (/v2/user/marketplaces/orders/subscriptions...) and the push contract (docs/push.md).

The `recorded` tests check the API against the spec. Their target URL must match the spec's
`httpUrl` pattern, which rejects IP addresses and ports, so it is a host under `.invalid` (RFC 6761:
never resolves): activation then fails with 503, itself a declared answer.

`test_push_end_to_end_with_a_local_receiver` receives real pushes on 127.0.0.1 and checks the
envelope and its signature independently (Python's hmac). Its responses name an IP target URL, so
they are checked against the spec by hand, minus the URL pattern.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import http.server
import json
import threading
import time
import urllib.error
import urllib.request
import uuid

import pytest

import sandbox_process
import spec

ROOT = "/v2/user/marketplaces/orders/subscriptions/"
TARGET = "https://push-target.invalid/beezup"
SECRET = "conformance-push-secret"
PUSH_ARGS = ("--orders", "200", "--seed", "5", "--push-secret", SECRET, "--push-retry-base", "100ms",
             "--push-max-retries", "1", "--push-timeout", "2s")


def create_body(**overrides) -> dict:
    body = {"name": "conformance", "targetUrl": TARGET, "merchantApplicationName": "conformance-tests",
            "merchantApplicationVersion": "1.0", "merchantEmailAlert": "alerts@example.com"}
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


def new_id() -> str:
    return str(uuid.uuid4())


def iso(t: dt.datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_create_get_list_delete(recorded):
    sid = new_id()
    created = recorded.post(ROOT + sid, json=create_body())
    assert created.status == 202 and created.body == b""
    got = recorded.get(ROOT + sid)
    assert got.status == 200
    sub = got.json()
    assert (sub["id"], sub["status"], sub["targetUrl"]) == (sid, "inactive", TARGET)
    assert sub["merchantEmailAlert"] == "alerts@example.com"
    assert sub["links"]["activate"]["href"] == ROOT + sid + "/activate"
    listed = recorded.get(ROOT)
    assert listed.status == 200 and sid in [s["id"] for s in listed.json()]
    assert recorded.post(ROOT + sid, json=create_body(name="again")).status == 409
    assert recorded.delete(ROOT + sid).status == 202
    assert recorded.get(ROOT + sid).status == 404
    assert recorded.delete(ROOT + sid).status == 404


@pytest.mark.parametrize("body", [
    create_body(name=None),
    create_body(targetUrl=None),
    create_body(merchantApplicationName=None),
    create_body(merchantApplicationVersion=None),
    create_body(targetUrl="ftp://files.example.com/x"),
    create_body(merchantEmailAlert="nobody"),
    create_body(name=""),
    [],
], ids=["no-name", "no-target", "no-app-name", "no-app-version", "ftp", "bad-email", "empty-name", "array"])
def test_create_validation_is_400(recorded, body):
    r = recorded.post(ROOT + new_id(), json=body)
    assert r.status == 400
    assert r.json()["errors"][0]["code"]


def test_unreachable_target_activation_retry_reporting(recorded):
    sid = new_id()
    assert recorded.post(ROOT + sid, json=create_body()).status == 202
    r = recorded.post(ROOT + sid + "/activate")
    assert r.status == 503
    assert r.json()["errors"][0]["code"] == "OrderSubscriptionTargetNotAvailable"
    now = dt.datetime.now(dt.timezone.utc)
    window = {"recoverBeginPeriodOrderLastModificationUtcDate": iso(now - dt.timedelta(days=2)),
              "recoverEndPeriodOrderLastModificationUtcDate": iso(now - dt.timedelta(days=1))}
    assert recorded.post(ROOT + sid + "/activate", json=window).status == 503
    end_only = {"recoverEndPeriodOrderLastModificationUtcDate": iso(now - dt.timedelta(days=1))}
    assert recorded.post(ROOT + sid + "/activate", json=end_only).status == 400
    sub = recorded.get(ROOT + sid).json()
    assert sub["status"] == "inactive" and sub["consumerHealthStatus"] == "Unavailable"
    assert sub["lastErrorMessage"]["errors"][0]["message"]

    assert recorded.post(ROOT + sid + "/deactivate").status == 202
    assert recorded.post(ROOT + sid + "/retry").status == 409
    report = recorded.get(ROOT + sid + "/reporting", params={"pageNumber": 1, "pageSize": 10})
    assert report.status == 200 and report.json() == []
    assert report.header("X-Total-Count") == "0"
    assert 'rel="first"' in report.header("Link") and 'rel="last"' in report.header("Link")
    assert recorded.get(ROOT + sid + "/reporting", params={"pageSize": 101}).status == 400
    assert recorded.get(ROOT + sid + "/reporting", params={"pageNumber": 0}).status == 400

    unknown = new_id()
    for method, suffix in (("POST", "/activate"), ("POST", "/deactivate"), ("POST", "/retry"), ("GET", "/reporting")):
        assert recorded.request(method, ROOT + unknown + suffix).status == 404
    assert recorded.delete(ROOT + sid).status == 202


# ------------------------------------------------------------------------------------------ end to end


class Receiver:
    """A merchant endpoint on 127.0.0.1 recording what it gets; answers `status` to pushes."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        self.lock = threading.Lock()
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                entry = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body}
                with owner.lock:
                    owner.requests.append(entry)
                verification = entry["headers"].get("x-beezup-verification") == "true"
                self.send_response(200 if verification else owner.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks?token=t0k3n"

    def pushes(self, count: int, timeout: float = 10.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                found = [r for r in self.requests if "x-beezup-verification" not in r["headers"]]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.02)

    def verifications(self) -> list[dict]:
        with self.lock:
            return [r for r in self.requests if "x-beezup-verification" in r["headers"]]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def call(base: str, method: str, path: str, body=None, params: str = "") -> tuple[int, dict, object]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Ocp-Apim-Subscription-Key": sandbox_process.API_KEY}
    if data is not None:
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(base + path + params, data=data, method=method, headers=headers)
    try:
        with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(req, timeout=30) as r:
            status, response_headers, raw = r.status, dict(r.headers.items()), r.read()
    except urllib.error.HTTPError as e:
        status, response_headers, raw = e.code, dict(e.headers.items()), e.read()
    return status, response_headers, (json.loads(raw) if raw else None)


def check_signature(request: dict) -> dict:
    headers = request["headers"]
    timestamp = headers["x-beezup-timestamp"]
    assert abs(int(timestamp) - time.time()) < 60
    mac = hmac.new(SECRET.encode(), timestamp.encode() + b"." + request["body"], hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["x-beezup-signature"], "sha256=" + mac)
    assert headers["content-type"].startswith("application/json")
    body = json.loads(request["body"])
    assert headers["x-beezup-event-id"] == body["eventId"]
    assert headers["x-beezup-subscription-id"] == body["subscriptionId"]
    return body


def schema_errors(instance, schema: str, ignore_urls: bool = False) -> list[str]:
    errors = spec.default_spec().schema_errors(instance, f"#/components/schemas/{schema}")
    if ignore_urls:  # the IP target URL does not match httpUrl (docs/push.md §1)
        errors = [e for e in errors if not any(f"$.{name}" in e for name in
                                               ("targetUrl", "consumerLastRequestSentUri", "requestUri"))]
    return errors


def test_push_end_to_end_with_a_local_receiver(sandbox_factory):
    base = sandbox_factory(*PUSH_ARGS)
    receiver = Receiver()
    try:
        sid = new_id()
        assert call(base, "POST", ROOT + sid, create_body(targetUrl=receiver.url))[0] == 202
        assert call(base, "POST", ROOT + sid + "/activate")[0] == 202
        [verification] = receiver.verifications()
        assert verification["path"] == "/hooks?token=t0k3n"
        assert check_signature(verification)["verification"] is True

        # An order change: merchant info set through the order API.
        end = dt.datetime.now(dt.timezone.utc).replace(microsecond=0) - dt.timedelta(seconds=2)
        status, _, listed = call(base, "POST", "/orders/v3/list/full", {
            "beginPeriodUtcDate": iso(end - dt.timedelta(days=30)), "endPeriodUtcDate": iso(end),
            "pageNumber": 1, "pageSize": 25, "dateSearchType": "Purchase"})
        assert status == 200 and listed["orders"]
        order = listed["orders"][0]
        info = {"order_MerchantOrderId": "PUSH-1", "order_MerchantECommerceSoftwareName": "Shop",
                "order_MerchantECommerceSoftwareVersion": "1.0"}
        assert call(base, "POST", order["links"]["setMerchantInfo"]["href"], info)[0] == 202

        [push] = receiver.pushes(1)
        assert push["path"] == "/hooks?token=t0k3n"
        envelope = check_signature(push)
        assert envelope["subscriptionId"] == sid
        [pushed] = envelope["orders"]
        status, _, current = call(base, "GET", order["links"]["self"]["href"])
        assert status == 200 and pushed == current  # exactly as the order API writes it
        assert pushed["order_MerchantOrderId"] == "PUSH-1"
        assert schema_errors(pushed, "orderWithLinks") == []

        status, headers, rows = call(base, "GET", ROOT + sid + "/reporting")
        assert status == 200 and headers["X-Total-Count"] == "1"
        assert rows[0]["succeed"] and rows[0]["eventId"] == envelope["eventId"] and rows[0]["orderCount"] == 1
        assert schema_errors(rows[0], "subscriptionPushReporting", True) == []

        # The receiver fails: one retry (--push-max-retries 1), then the subscription is deactivated.
        receiver.status = 500
        info["order_MerchantOrderId"] = "PUSH-2"
        assert call(base, "POST", order["links"]["setMerchantInfo"]["href"], info)[0] == 202
        pushes = receiver.pushes(3)
        assert len(pushes) == 3
        assert [check_signature(p)["eventId"] for p in pushes[1:]] == [json.loads(pushes[1]["body"])["eventId"]] * 2
        deadline = time.monotonic() + 10
        while (sub := call(base, "GET", ROOT + sid)[2])["status"] != "inactive" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (sub["status"], sub["consumerHealthStatus"], sub["retryCount"], sub["maxRetryCount"]) == (
            "inactive", "Unavailable", 1, 1)
        assert schema_errors(sub, "subscriptionIndex", True) == []
        status, headers, rows = call(base, "GET", ROOT + sid + "/reporting", params="?pageNumber=1&pageSize=2")
        assert headers["X-Total-Count"] == "3" and 'rel="next"' in headers["Link"]
        assert [(r["succeed"], r.get("httpStatus"), r["retryCount"]) for r in rows] == [(False, 500, 1), (False, 500, 0)]
        for row in rows:
            assert schema_errors(row, "subscriptionPushReporting", True) == []
        assert call(base, "POST", ROOT + sid + "/retry")[0] == 409
    finally:
        receiver.close()
