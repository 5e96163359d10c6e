"""Unit tests of the response validator (spec.py) with synthetic responses: no server needed."""

from __future__ import annotations

import json

import pytest

import spec
from spec import Spec

JSON = {"Content-Type": "application/json; charset=utf-8"}
LOV = "/v2/user/lov/BeezUPOrderState"
ORDER = "/orders/v3/Amazon/1001/4c0e7a2e-4a83-4bd7-9a31-5bbbd0e3e1b6"

GOOD_LOV = {
    "items": [
        {"codeIdentifier": "New", "intIdentifier": 1, "position": 1, "translationText": "New"},
        {"codeIdentifier": "InProgress", "intIdentifier": 2},
    ],
    "links": {"self": {"href": LOV}},
}
COMMON_ERROR = {"errors": [{"code": "Boom", "message": "it broke", "arguments": [{"name": "x", "value": {}}]}]}
V3_ERROR = {"errors": [{"code": "Boom", "message": "it broke", "arguments": {"x": {}}}]}


def body(value) -> bytes:
    return json.dumps(value).encode()


def rejects(*args, match: str) -> str:
    with pytest.raises(AssertionError, match=match) as caught:
        spec.validate_response(*args)
    return str(caught.value)


# ---------------------------------------------------------------------------- operations


@pytest.mark.parametrize(
    "method, path, operation_id",
    [
        ("GET", "/v2/user/lov/", "GetUserLovIndex"),
        ("GET", "/v2/user/lov", "GetUserLovIndex"),  # trailing "/" tolerated
        ("GET", LOV, "GetUserListOfValues"),
        ("GET", "/v2/user/lov/Bee%7BUP?x=1", "GetUserListOfValues"),
        ("GET", "/v2/public/lov/BeezUPOrderState", "GetPublicListOfValues"),
        ("GET", ORDER, "GetOrderV3"),
        ("HEAD", ORDER, "HeadOrderV3"),
        ("GET", ORDER + "/history", "GetOrderHistoryV3"),  # literal "history" beats {changeOrderType}
        ("POST", ORDER + "/ShipOrder", "ChangeOrderV3"),
        ("POST", ORDER + "/harvest", "HarvestOrderV3"),
        ("GET", ORDER + "/history/0b5a9d6c-55a8-4a9e-8a3c-5b1c2f0e7d11", "GetOrderChangeReportingV3"),
        ("POST", "/orders/v3/Amazon/1001/harvest", "HarvestAccount"),  # literal beats {beezUPOrderId}
        ("POST", "/orders/v3/harvest", "HarvestAllV3"),
        ("POST", "/orders/v3/batches/changeOrders", "ChangeOrderListV3"),
        ("POST", "/orders/v3/batches/changeOrders/ShipOrder", "ChangeOrderListV2"),
        ("GET", "/orders/v3/lov/orderManagementReadyMarketplaceBusinessCode", "GetOrderManagementReadyMarketplaceBusinessCode"),
    ],
)
def test_find_operation_picks_the_most_specific_template(method, path, operation_id):
    assert spec.find_operation(method, path)["operationId"] == operation_id


def test_find_operation_rejects_unknown_paths_and_methods():
    with pytest.raises(AssertionError, match="no path template"):
        spec.find_operation("GET", "/v2/user/nothing/here")
    with pytest.raises(AssertionError, match="no DELETE operation"):
        spec.find_operation("DELETE", LOV)
    with pytest.raises(AssertionError, match="no path template"):
        spec.find_operation("GET", "/v2/user/lov//x")  # a {param} never matches an empty segment


# ---------------------------------------------------------------------------- bodies


def test_accepts_a_correct_body():
    spec.validate_response("GET", LOV, 200, {**JSON, "Content-Language": "fr", "ETag": '"e"'}, body(GOOD_LOV))
    spec.validate_response("GET", "/v2/user/lov/", 200, JSON, body({"links": {"lists": {"A": {"href": "/v2/user/lov/A"}}}}))


def test_rejects_a_wrong_type_with_json_and_schema_paths():
    bad = json.loads(json.dumps(GOOD_LOV))
    bad["items"][1]["intIdentifier"] = "2"  # the spec's examples do this; the schema says integer
    message = rejects("GET", LOV, 200, JSON, body(bad), match="not of type 'integer'")
    assert "$.items[1].intIdentifier" in message
    assert "#/components/schemas/BeezUP.Common.ListOfValueItem/properties/intIdentifier/type" in message


def test_rejects_a_missing_required_property():
    bad = json.loads(json.dumps(GOOD_LOV))
    del bad["items"][0]["codeIdentifier"]
    message = rejects("GET", LOV, 200, JSON, body(bad), match="'codeIdentifier' is a required property")
    assert "$.items[0]" in message
    assert "BeezUP.Common.ListOfValueItem/required" in message


def test_rejects_a_missing_required_property_in_a_referenced_link():
    bad = {**GOOD_LOV, "links": {"self": {"method": "GET"}}}
    message = rejects("GET", LOV, 200, JSON, body(bad), match="'href' is a required property")
    assert "$.links.self" in message and "BeezUP.Common.Link3/required" in message


def test_rejects_a_body_that_is_not_json():
    rejects("GET", LOV, 200, JSON, b"<html>oops</html>", match="not valid JSON")
    rejects("GET", LOV, 200, JSON, b'{"items": NaN}', match="not valid JSON")
    rejects("GET", LOV, 200, JSON, b'{"items": [], "items": []}', match="duplicate key")
    rejects("GET", LOV, 200, {"Content-Type": "text/plain"}, body(GOOD_LOV), match="Content-Type 'text/plain'")
    rejects("GET", LOV, 200, JSON, b"", match="body is empty")


# ---------------------------------------------------------------------------- statuses


def test_rejects_an_undeclared_status():
    rejects("GET", LOV, 201, JSON, body(GOOD_LOV), match="status 201 is not declared")
    # `default` never covers a 2xx
    rejects("POST", "/orders/v3/harvest", 200, JSON, body({}), match="status 200 is not declared")


def test_follows_component_responses():
    # 304 -> #/components/responses/304_NotModified (no content): no body allowed
    spec.validate_response("GET", ORDER, 304, {"ETag": '"e"'}, b"")
    rejects("GET", ORDER, 304, JSON, body({}), match="304_NotModified.*declares no content")
    # default -> #/components/responses/GeneralError
    spec.validate_response("GET", ORDER, 500, JSON, body(COMMON_ERROR))
    rejects("GET", ORDER, 500, JSON, body({"error": "x"}), match="(?s)GeneralError.*'errors' is a required property")


@pytest.mark.parametrize("status", [429, 503, 500, 405])
def test_default_allows_any_error_status_with_a_general_error_body(status):
    spec.validate_response("GET", LOV, status, JSON, body(COMMON_ERROR))
    rejects("GET", LOV, status, JSON, body({"errors": [{"code": "x"}]}), match="'message' is a required property")


def test_declared_error_schema_is_used():
    # GetOrderV3's 404 declares errorResponseMessage, whose arguments is a map (an array in the Common one)
    spec.validate_response("GET", ORDER, 404, JSON, body(V3_ERROR))
    rejects("GET", ORDER, 404, JSON, body(COMMON_ERROR), match=r"\$.errors\[0\].arguments")


def test_2xx_without_declared_content_must_have_no_body():
    spec.validate_response("POST", "/orders/v3/harvest", 202, {"Retry-After": "30"}, b"")
    rejects("POST", "/orders/v3/harvest", 202, JSON, body({}), match="declares no content but a 2-byte body")


def test_declared_headers_are_checked_when_present():
    rejects("POST", "/orders/v3/harvest", 202, {"Retry-After": "soon"}, b"", match="Retry-After.*integer")


def test_head_responses_have_no_body_to_check():
    spec.validate_response("HEAD", ORDER, 200, {"ETag": '"e"'}, b"")
    spec.validate_response("HEAD", ORDER, 404, JSON, b"")


# ---------------------------------------------------------------------------- the 401 rule


@pytest.mark.parametrize("error", [COMMON_ERROR, V3_ERROR], ids=["Common.ErrorResponseMessage", "errorResponseMessage"])
def test_401_is_allowed_on_non_public_operations_with_an_error_body(error):
    spec.validate_response("GET", LOV, 401, JSON, body(error))
    spec.validate_response("POST", ORDER + "/ShipOrder?userName=u", 401, JSON, body(error))


def test_401_needs_an_error_body():
    rejects("GET", LOV, 401, JSON, b"", match="error body")
    rejects("GET", LOV, 401, JSON, body({"message": "denied"}), match="matches neither error schema")


def test_401_is_rejected_on_public_operations():
    rejects("GET", "/v2/public/lov/BeezUPOrderState", 401, JSON, body(COMMON_ERROR), match="public operation")


# ---------------------------------------------------------------------------- schema dialect


def tiny_spec(schema: dict) -> Spec:
    return Spec(
        {
            "openapi": "3.0.0",
            "paths": {
                "/things/{id}": {
                    "get": {
                        "responses": {
                            "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}
                        }
                    }
                },
                "/things/special": {"get": {"operationId": "Special", "responses": {"204": {"description": "ok"}}}},
            },
            "components": {"schemas": {"Thing": schema}},
        }
    )


def test_nullable_means_or_null():
    s = tiny_spec(
        {
            "type": "object",
            "properties": {
                "name": {"type": "string", "nullable": True},
                "kind": {"type": "string", "enum": ["a"], "nullable": True},
                "strict": {"type": "string"},
            },
        }
    )
    s.validate_response("GET", "/things/1", 200, JSON, body({"name": None, "kind": None}))
    with pytest.raises(AssertionError, match=r"\$.strict: None is not of type 'string'"):
        s.validate_response("GET", "/things/1", 200, JSON, body({"strict": None}))


def test_literal_template_beats_parameter_in_any_spec():
    s = tiny_spec({"type": "object"})
    assert s.find_operation("GET", "/things/special")["operationId"] == "Special"
    assert "operationId" not in s.find_operation("GET", "/things/other")


def test_formats_and_examples_are_ignored():
    s = tiny_spec({"type": "object", "properties": {"id": {"type": "string", "format": "uuid", "example": 12}}})
    s.validate_response("GET", "/things/1", 200, JSON, body({"id": "not-a-uuid-at-all-but-47-chars"}))


def test_the_nested_star_url_pattern_does_not_backtrack_forever():
    # The spec's httpUrl pattern ends in ([...]*)*, which takes seconds to reject a 25-character
    # near-miss (exponential backtracking); Spec rewrites it to the equivalent ([...]*).
    raw = spec.default_spec().raw["components"]["schemas"]["httpUrl"]["pattern"]
    assert raw.endswith("*)*\\/?$")
    s = tiny_spec({"type": "object", "properties": {"u": {"type": "string", "pattern": raw}}})
    s.validate_response("GET", "/things/1", 200, JSON, body({"u": "https://www.example.com/push/orders"}))
    with pytest.raises(AssertionError, match="does not match"):
        s.validate_response("GET", "/things/1", 200, JSON, body({"u": "https://example.com/" + "a" * 60 + "?"}))
