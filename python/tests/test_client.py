"""Client behaviour against a loopback HTTP server standing in for BeezUP's list-of-values API."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import pytest

import beezup
from conftest import API_KEY, LOV_ETAG, FakeBeezup, Reply, closed_port, error_reply


def test_fetches_a_list_with_the_api_key_and_language(server: FakeBeezup, make_client) -> None:
    client = make_client(user_agent_suffix="pytest-shop/1.0")

    lov = client.get_list_of_values("Carrier", language="fr")

    assert isinstance(lov, beezup.ListOfValues)
    assert (lov.name, lov.language, lov.etag, lov.content_language) == ("Carrier", "fr", LOV_ETAG, "fr")
    assert len(lov) == 1
    [item] = lov.items
    assert isinstance(item, beezup.ListOfValuesItem)
    assert (item.code_identifier, item.int_identifier, item.position, item.translation_text) == ("DHL", 1, 1, "DHL")
    assert [i.code_identifier for i in lov] == ["DHL"]
    found = lov.find("DHL")
    assert found is not None and found.int_identifier == 1
    assert lov.find("UPS") is None

    [request] = server.requests
    assert request.path == "/v2/user/lov/Carrier"
    assert request.headers["Ocp-Apim-Subscription-Key"] == API_KEY
    assert request.headers["Accept-Language"] == "fr"
    assert request.headers["User-Agent"].startswith("beezup-sdk-cpp/")
    assert request.headers["User-Agent"].endswith(" pytest-shop/1.0")


def test_no_accept_language_for_the_server_default(server: FakeBeezup, make_client) -> None:
    lov = make_client().get_list_of_values("Carrier")
    assert lov.language == ""
    assert lov.content_language is None
    assert "Accept-Language" not in server.requests[0].headers


def test_public_scope_uses_the_public_route(server: FakeBeezup, make_client) -> None:
    lov = make_client(api_key="").get_list_of_values("Carrier", scope="public")
    assert lov.find("DHL") is not None
    assert server.paths() == ["/v2/public/lov/Carrier"]
    assert "Ocp-Apim-Subscription-Key" not in server.requests[0].headers


def test_unknown_scope_is_a_value_error(server: FakeBeezup, make_client) -> None:
    with pytest.raises(ValueError, match="scope"):
        make_client().get_list_of_values("Carrier", scope="private")  # type: ignore[arg-type]
    assert server.requests == []


def test_second_call_revalidates_with_if_none_match_and_304_returns_the_cached_list(
    server: FakeBeezup, make_client
) -> None:
    client = make_client()
    first = client.get_list_of_values("Carrier", "en")
    assert "If-None-Match" not in server.requests[0].headers

    # A 304 has no body: the items can only come from the cache.
    server.script.append(Reply(304, {"ETag": LOV_ETAG}))
    second = client.get_list_of_values("Carrier", "en")

    assert len(server.requests) == 2
    assert server.requests[1].headers["If-None-Match"] == LOV_ETAG
    assert [(i.code_identifier, i.int_identifier) for i in second] == [("DHL", 1)]
    assert second.etag == first.etag == LOV_ETAG
    # The cache is per language: another language is a plain GET.
    client.get_list_of_values("Carrier", "de")
    assert "If-None-Match" not in server.requests[2].headers


def test_unknown_list_raises_not_found_with_the_beezup_details(server: FakeBeezup, make_client) -> None:
    with pytest.raises(beezup.NotFoundError) as caught:
        make_client().get_list_of_values("NoSuchList")

    e = caught.value
    assert isinstance(e, beezup.ApiError) and isinstance(e, beezup.BeezupError)
    assert not isinstance(e, beezup.TransportError)
    assert e.status == 404
    assert e.details[0]["code"] == "ListNotFound"
    assert "NoSuchList" in e.details[0]["message"]
    assert e.details[0]["culture_name"] is None and e.details[0]["arguments"] == {}
    assert e.has_code("ListNotFound") and not e.has_code("Other")
    assert json.loads(e.raw_body)["errors"][0]["code"] == "ListNotFound"
    assert "404" in str(e)
    assert len(server.requests) == 1  # a 404 is not retried


@pytest.mark.parametrize(
    ("status", "error_class"),
    [
        (400, beezup.BadRequestError),
        (401, beezup.UnauthorizedError),
        (403, beezup.ForbiddenError),
        (404, beezup.NotFoundError),
        (409, beezup.ConflictError),
        (412, beezup.PreconditionFailedError),
        (429, beezup.TooManyRequestsError),
        (500, beezup.ServerError),
        (503, beezup.ServerError),
        (418, beezup.ApiError),
    ],
)
def test_each_status_raises_its_class(server: FakeBeezup, make_client, status: int, error_class: type) -> None:
    server.script.append(error_reply(status, f"Code{status}", "nope"))
    with pytest.raises(beezup.ApiError) as caught:
        make_client(retry=beezup.RetryOptions(max_attempts=1)).get_list_of_values("Carrier")
    assert type(caught.value) is error_class
    assert caught.value.status == status
    assert caught.value.details[0]["code"] == f"Code{status}"


def test_response_metadata_reaches_the_exception(server: FakeBeezup, make_client) -> None:
    server.script.append(
        error_reply(409, "OrderChangeInProgress", "busy",
                    {"Retry-After": "3", "X-Request-Id": "req-42", "Location": "/v2/user/orders/x/executions/1"})
    )
    with pytest.raises(beezup.ConflictError) as caught:
        make_client(retry=beezup.RetryOptions(max_attempts=1)).get_list_of_values("Carrier")
    e = caught.value
    assert e.retry_after == 3.0 and isinstance(e.retry_after, float)
    assert e.request_id == "req-42"
    assert e.location == "/v2/user/orders/x/executions/1"


def test_a_non_utf8_error_body_still_raises_the_api_error(server: FakeBeezup, make_client) -> None:
    server.script.append(Reply(400, {"Content-Type": "text/plain; charset=latin-1"}, b"caf\xe9 \xff"))
    with pytest.raises(beezup.BadRequestError) as caught:
        make_client().get_list_of_values("Carrier")
    assert caught.value.raw_body.startswith("caf\ufffd")
    assert caught.value.details == []


def test_no_retry_after_is_none(server: FakeBeezup, make_client) -> None:
    with pytest.raises(beezup.NotFoundError) as caught:
        make_client().get_list_of_values("Missing")
    assert caught.value.retry_after is None and caught.value.location is None and caught.value.request_id is None


def test_503_then_200_is_retried(server: FakeBeezup, make_client) -> None:
    server.script.append(error_reply(503, "ServiceUnavailable", "try again"))
    lov = make_client(retry=beezup.RetryOptions(max_attempts=2, base_delay=0.01)).get_list_of_values("Carrier")
    assert lov.find("DHL") is not None
    assert server.paths() == ["/v2/user/lov/Carrier"] * 2


def test_503_is_not_retried_when_retries_are_off(server: FakeBeezup, make_client) -> None:
    server.script.append(error_reply(503, "ServiceUnavailable", "try again"))
    with pytest.raises(beezup.ServerError) as caught:
        make_client(retry=beezup.RetryOptions(max_attempts=1)).get_list_of_values("Carrier")
    assert caught.value.status == 503
    assert len(server.requests) == 1


def test_retries_stop_at_max_attempts(server: FakeBeezup, make_client) -> None:
    server.script.extend(error_reply(502, "BadGateway", "down") for _ in range(5))
    with pytest.raises(beezup.ServerError):
        make_client(retry=beezup.RetryOptions(max_attempts=3, base_delay=0.01)).get_list_of_values("Carrier")
    assert len(server.requests) == 3


def test_nested_options_set_in_place_take_effect(server: FakeBeezup, make_client) -> None:
    options = beezup.ClientOptions(base_url=server.url, api_key=API_KEY)
    options.rate_limit.enabled = False
    options.retry.max_attempts = 1
    server.script.append(error_reply(503, "ServiceUnavailable", "try again"))
    with pytest.raises(beezup.ServerError):
        beezup.Client(options).get_list_of_values("Carrier")
    assert len(server.requests) == 1


def test_malformed_json_raises_decode_error(server: FakeBeezup, make_client) -> None:
    server.script.append(Reply(200, {"Content-Type": "application/json", "ETag": '"x"'}, b'{"items":[{"codeIdent'))
    with pytest.raises(beezup.DecodeError) as caught:
        make_client().get_list_of_values("Carrier")
    assert isinstance(caught.value, beezup.BeezupError) and not isinstance(caught.value, beezup.ApiError)
    assert caught.value.path.startswith("$")


def test_wrong_json_type_names_the_path(server: FakeBeezup, make_client) -> None:
    body = json.dumps({"items": [{"codeIdentifier": "DHL", "intIdentifier": "one"}]}).encode()
    server.script.append(Reply(200, {"Content-Type": "application/json"}, body))
    with pytest.raises(beezup.DecodeError) as caught:
        make_client().get_list_of_values("Carrier")
    assert "items" in caught.value.path and "intIdentifier" in caught.value.path
    assert caught.value.path in str(caught.value)


def test_closed_port_raises_transport_error_connect(make_client) -> None:
    client = make_client(base_url=f"http://127.0.0.1:{closed_port()}", retry=beezup.RetryOptions(max_attempts=1))
    with pytest.raises(beezup.TransportError) as caught:
        client.get_list_of_values("Carrier")
    assert caught.value.failure == "connect"
    assert isinstance(caught.value, beezup.BeezupError) and not isinstance(caught.value, beezup.ApiError)


def test_silent_server_raises_timeout_quickly(server: FakeBeezup, make_client) -> None:
    server.script.append(Reply(hang=True))
    client = make_client(request_timeout=0.3, retry=beezup.RetryOptions(max_attempts=1))
    start = time.monotonic()
    with pytest.raises(beezup.TransportError) as caught:
        client.get_list_of_values("Carrier")
    elapsed = time.monotonic() - start
    assert caught.value.failure == "timeout"
    assert 0.25 <= elapsed < 2.5


def test_a_forked_child_opens_its_own_connections_and_its_calls_keep_their_deadline(
    server: FakeBeezup, make_client
) -> None:
    """Servers that fork workers after import (gunicorn, multiprocessing) hand each child the
    parent's client: the child must neither share the parent's sockets nor lose its deadlines."""
    client = make_client(request_timeout=0.3, retry=beezup.RetryOptions(max_attempts=1))
    assert client.get_list_of_values("Carrier").find("DHL") is not None  # a pooled connection, a watch thread
    server.script.append(Reply(hang=True))
    pid = os.fork()
    if pid == 0:  # the child: exit status 0 when its call timed out by its deadline
        status = 1
        try:
            client.get_list_of_values("Carrier")
        except beezup.TransportError as e:
            status = 0 if e.failure == "timeout" else 2
        except BaseException:
            status = 3
        os._exit(status)
    give_up = time.monotonic() + 10
    while (ended := os.waitpid(pid, os.WNOHANG))[0] == 0 and time.monotonic() < give_up:
        time.sleep(0.05)
    if ended[0] == 0:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail("the forked child's call did not end by its deadline")
    assert os.waitstatus_to_exitcode(ended[1]) == 0
    # The parent's pooled connection was neither used nor cut by the child.
    assert client.get_list_of_values("Carrier").find("DHL") is not None
    assert len({seen.peer for seen in server.requests}) == 2  # the parent's connection, and the child's own


def test_per_call_timeout_bounds_the_call(server: FakeBeezup, make_client) -> None:
    server.script.extend([Reply(hang=True), Reply(hang=True)])
    client = make_client(request_timeout=10.0)
    start = time.monotonic()
    with pytest.raises(beezup.TransportError) as caught:
        client.get_list_of_values("Carrier", timeout=0.3)
    assert caught.value.failure == "timeout"
    assert time.monotonic() - start < 2.5


def test_dropped_connection_is_a_transport_error(server: FakeBeezup, make_client) -> None:
    server.script.append(Reply(drop=True))
    with pytest.raises(beezup.TransportError) as caught:
        make_client(retry=beezup.RetryOptions(max_attempts=1)).get_list_of_values("Carrier")
    assert caught.value.failure in {"connection", "protocol"}


def test_cancel_from_another_python_thread(server: FakeBeezup, make_client) -> None:
    # The canceller is a Python thread: it can only run while the call waits if the call released
    # the GIL. Were it held, the call would end by its 10 s request timeout instead.
    server.script.append(Reply(hang=True))
    client = make_client(request_timeout=10.0, retry=beezup.RetryOptions(max_attempts=1))
    source = beezup.CancellationSource()
    timer = threading.Timer(0.2, source.cancel)
    timer.start()
    start = time.monotonic()
    try:
        with pytest.raises(beezup.TransportError) as caught:
            client.get_list_of_values("Carrier", cancellation=source.token)
    finally:
        timer.cancel()
    assert caught.value.failure == "cancelled"
    assert source.is_cancelled() and source.token.is_cancelled()
    assert time.monotonic() - start < 5.0


def test_blocking_call_releases_the_gil(server: FakeBeezup, make_client) -> None:
    server.script.append(Reply(hang=True))
    client = make_client(request_timeout=3.0, retry=beezup.RetryOptions(max_attempts=1))
    done = threading.Event()
    source = beezup.CancellationSource()

    def call() -> None:
        try:
            client.get_list_of_values("Carrier", cancellation=source.token)
        except beezup.TransportError:
            pass
        finally:
            done.set()

    worker = threading.Thread(target=call)
    worker.start()
    # This thread runs Python while the worker is inside the call: possible only if the call
    # released the GIL (holding it, the worker would let us run only after its 3 s timeout).
    deadline = time.monotonic() + 2.5
    while not server.requests and time.monotonic() < deadline:
        time.sleep(0.005)
    in_call = bool(server.requests) and not done.is_set()
    source.cancel()
    worker.join()
    assert in_call


def test_one_client_shared_by_threads(server: FakeBeezup, make_client) -> None:
    client = make_client()
    results: list[str] = []
    errors: list[BaseException] = []

    def call() -> None:
        try:
            for _ in range(5):
                lov = client.get_list_of_values("Carrier")
                results.append(lov.items[0].code_identifier)
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=call) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert results == ["DHL"] * 30


def test_logger_receives_redacted_lines(server: FakeBeezup, make_client) -> None:
    lines: list[tuple[str, str]] = []
    client = make_client(logger=lambda level, message: lines.append((level, message)), min_log_level="trace")

    client.get_list_of_values("Carrier", "fr")
    client.get_list_of_values("Carrier", "fr")

    assert lines, "the logger was never called"
    assert all(isinstance(level, str) and isinstance(message, str) for level, message in lines)
    assert {level for level, _ in lines} <= {"trace", "debug", "info", "warning", "error"}
    assert any(level == "debug" and "/v2/user/lov/Carrier" in message and "200" in message for level, message in lines)
    # The request headers are logged (trace), the key itself is not.
    assert any("Ocp-Apim-Subscription-Key" in message for _, message in lines)
    assert not any(API_KEY in message for _, message in lines)


def test_min_log_level_filters(server: FakeBeezup, make_client) -> None:
    lines: list[tuple[str, str]] = []
    server.script.append(error_reply(503, "ServiceUnavailable", "try again"))
    client = make_client(logger=lambda level, message: lines.append((level, message)), min_log_level="warning")
    client.get_list_of_values("Carrier")
    assert [level for level, _ in lines] == ["warning"]
    assert "retrying" in lines[0][1] and "503" in lines[0][1]


def test_a_failing_logger_does_not_fail_the_call(server: FakeBeezup, make_client, monkeypatch) -> None:
    reported: list[BaseException | None] = []
    monkeypatch.setattr("sys.unraisablehook", lambda unraisable: reported.append(unraisable.exc_value))

    def logger(level: str, message: str) -> None:
        raise RuntimeError("logger broke")

    lov = make_client(logger=logger, min_log_level="debug").get_list_of_values("Carrier")
    assert lov.find("DHL") is not None
    assert reported and all(isinstance(e, RuntimeError) for e in reported)


def test_api_key_never_in_logs_or_exception_messages(server: FakeBeezup, make_client) -> None:
    lines: list[str] = []
    failures: list[beezup.BeezupError] = []

    def log(level: str, message: str) -> None:
        lines.append(message)

    # A server echoing the key back, errors of every family, and retries that log warnings.
    server.script.extend(
        [
            error_reply(503, "ServiceUnavailable", f"key {API_KEY} is throttled"),
            error_reply(401, "Unauthorized", f"invalid subscription key {API_KEY}"),
            Reply(200, {"Content-Type": "application/json"}, f'{{"items": "{API_KEY}"'.encode()),
            *(Reply(hang=True) for _ in range(3)),  # timeouts are retried: hang on every attempt
        ]
    )
    client = make_client(logger=log, min_log_level="trace", request_timeout=0.3)
    for name in ("Carrier", "Carrier", "Carrier", "NoSuchList"):
        with pytest.raises(beezup.BeezupError) as caught:
            client.get_list_of_values(name)
        failures.append(caught.value)
    closed = make_client(base_url=f"http://127.0.0.1:{closed_port()}", logger=log, min_log_level="trace",
                         retry=beezup.RetryOptions(max_attempts=2, base_delay=0.01))
    with pytest.raises(beezup.TransportError) as caught_connect:
        closed.get_list_of_values("Carrier")
    failures.append(caught_connect.value)

    assert [type(e) for e in failures] == [
        beezup.UnauthorizedError, beezup.DecodeError, beezup.TransportError, beezup.NotFoundError, beezup.TransportError,
    ]
    assert lines
    assert not any(API_KEY in line for line in lines)
    for e in failures:
        assert API_KEY not in str(e)
        assert API_KEY not in repr(e)
        if isinstance(e, beezup.ApiError):
            assert API_KEY not in e.raw_body
    assert API_KEY not in repr(client.options)


def test_log_lines_reach_the_logging_module_redacted(server: FakeBeezup, make_client, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    import beezup.log

    logger = logging.getLogger("beezup.test")
    logger.setLevel(logging.DEBUG)
    assert beezup.log.min_log_level(logger) == "debug"
    server.script.append(error_reply(503, "ServiceUnavailable", "try again"))
    with caplog.at_level(logging.DEBUG, logger="beezup.test"):
        make_client(logger=beezup.log.to_logging(logger), min_log_level="trace").get_list_of_values("Carrier")
    records = [r for r in caplog.records if r.name == "beezup.test"]
    assert any(r.levelno == logging.WARNING and "503" in r.getMessage() for r in records)
    assert any(r.levelno == logging.DEBUG and "/v2/user/lov/Carrier" in r.getMessage() for r in records)
    assert all(r.levelno >= logging.DEBUG for r in records)  # trace lines are below the logger's level
    assert not any(API_KEY in r.getMessage() for r in caplog.records)
