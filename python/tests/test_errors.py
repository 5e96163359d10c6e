"""The Python exception tree mirrors the C++ one, class for class, with every attribute."""

from __future__ import annotations

import pickle

import pytest

import beezup
from beezup import _core

API_CLASSES = {
    "bad_request_error": (beezup.BadRequestError, 400),
    "unauthorized_error": (beezup.UnauthorizedError, 401),
    "forbidden_error": (beezup.ForbiddenError, 403),
    "not_found_error": (beezup.NotFoundError, 404),
    "conflict_error": (beezup.ConflictError, 409),
    "precondition_failed_error": (beezup.PreconditionFailedError, 412),
    "too_many_requests_error": (beezup.TooManyRequestsError, 429),
    "server_error": (beezup.ServerError, 503),
    "api_error": (beezup.ApiError, 418),
}


def test_tree_shape() -> None:
    for cls, _ in API_CLASSES.values():
        assert issubclass(cls, beezup.ApiError)
    for cls in (beezup.TransportError, beezup.ApiError, beezup.DecodeError, beezup.PushRejected):
        assert cls.__bases__ == (beezup.BeezupError,)
    assert beezup.BeezupError.__bases__ == (Exception,)
    assert beezup.errors.NotFoundError is beezup.NotFoundError


@pytest.mark.parametrize("kind", sorted(API_CLASSES))
def test_api_errors_translate_to_their_exact_class(kind: str) -> None:
    cls, status = API_CLASSES[kind]
    with pytest.raises(beezup.ApiError) as caught:
        _core._raise_native(kind, "a message")
    e = caught.value
    assert type(e) is cls
    assert str(e) == "a message"
    assert e.status == status
    assert e.details == [
        {
            "code": "SampleCode",
            "message": "a sample detail",
            "culture_name": "en-GB",
            "doc_url": "https://example.test/doc",
            "arguments": {"name": "value"},
        }
    ]
    assert e.has_code("SampleCode")
    assert e.codes == ["SampleCode"]
    assert '"SampleCode"' in e.raw_body
    assert e.request_id == "sample-request-id"
    assert e.retry_after == 7.0
    assert e.location == "/sample/location"


@pytest.mark.parametrize("failure", ["connect", "tls", "timeout", "cancelled", "connection", "protocol"])
def test_transport_errors_carry_their_failure(failure: str) -> None:
    with pytest.raises(beezup.TransportError) as caught:
        _core._raise_native(f"transport_error:{failure}", "no response")
    assert type(caught.value) is beezup.TransportError
    assert caught.value.failure == failure
    assert str(caught.value) == "no response"


def test_decode_push_and_base_errors() -> None:
    with pytest.raises(beezup.DecodeError) as decode:
        _core._raise_native("decode_error", "bad")
    assert decode.value.path == "$.items[0]" and str(decode.value) == "bad at $.items[0]"
    with pytest.raises(beezup.PushRejected) as push:
        _core._raise_native("push_rejected", "bad signature")
    assert type(push.value) is beezup.PushRejected and str(push.value) == "bad signature"
    with pytest.raises(beezup.BeezupError) as base:
        _core._raise_native("error", "plain")
    assert type(base.value) is beezup.BeezupError and base.value.message == "plain"


def test_has_code_matches_pattern_names() -> None:
    e = beezup.BadRequestError("x", status=400, details=[{"code": "InvalidValue(String field)", "message": "",
                                                          "culture_name": None, "doc_url": None, "arguments": {}}])
    assert e.has_code("InvalidValue") and e.has_code("InvalidValue(String field)")
    assert not e.has_code("Invalid") and not e.has_code("Value")


def test_exceptions_pickle_with_their_attributes() -> None:
    with pytest.raises(beezup.ConflictError) as caught:
        _core._raise_native("conflict_error", "busy")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert type(copy) is beezup.ConflictError
    assert (str(copy), copy.status, copy.retry_after, copy.details) == ("busy", 409, 7.0, caught.value.details)
    t = pickle.loads(pickle.dumps(beezup.TransportError("x", failure="tls")))
    assert t.failure == "tls"
    d = pickle.loads(pickle.dumps(beezup.DecodeError("y", path="$.a")))
    assert d.path == "$.a"


def test_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        _core._raise_native("nope", "x")


def test_invalid_request_and_change_failed() -> None:
    for cls in (beezup.InvalidRequest, beezup.ChangeFailed):
        assert cls.__bases__ == (beezup.BeezupError,)
    with pytest.raises(beezup.InvalidRequest) as invalid:
        _core._raise_native("invalid_request", "ShipOrder requires order_Shipping_ShipperTrackingNumber")
    assert type(invalid.value) is beezup.InvalidRequest
    assert str(invalid.value) == "ShipOrder requires order_Shipping_ShipperTrackingNumber"
    with pytest.raises(beezup.ChangeFailed) as failed:
        _core._raise_native("change_failed", "refused by the marketplace")
    assert type(failed.value) is beezup.ChangeFailed
    assert failed.value.execution_id == "sample-execution-id" and str(failed.value) == "refused by the marketplace"
    copy = pickle.loads(pickle.dumps(failed.value))
    assert type(copy) is beezup.ChangeFailed and copy.execution_id == "sample-execution-id"


def test_an_interrupted_batch_carries_every_item_and_its_cause_and_pickles() -> None:
    with pytest.raises(beezup.BatchInterrupted) as caught:
        _core._raise_native("batch_interrupted", "the batch stopped")
    e = caught.value
    assert type(e) is beezup.BatchInterrupted and isinstance(e, beezup.BeezupError)
    assert [r.key.beezup_order_id for r in e.results] == ["answered"] and e.results[0].success
    assert [k.beezup_order_id for k in e.in_doubt] == ["in-doubt"]
    assert [k.beezup_order_id for k in e.unsent] == ["unsent"]
    assert isinstance(e.cause, beezup.TransportError) and e.cause.failure == "connection"
    assert e.__cause__ is e.cause
    copy = pickle.loads(pickle.dumps(e))
    assert type(copy) is beezup.BatchInterrupted
    assert copy.results == e.results and copy.in_doubt == e.in_doubt and copy.unsent == e.unsent
    assert isinstance(copy.cause, beezup.TransportError) and copy.cause.failure == "connection"
    assert copy.__cause__ is copy.cause


def test_order_keys_pickle() -> None:
    key = beezup.OrderKey("Amazon", 12, "o-1")
    assert pickle.loads(pickle.dumps(key)) == key
