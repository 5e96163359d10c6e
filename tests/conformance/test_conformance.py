"""Conformance of the sandbox's responses to BeezUP's OpenAPI spec (tests/data/beezup-orders-openapi.json).

Run:  BEEZUP_SANDBOX=build/release/sandbox/beezup-sandbox python3 -m pytest -q tests/conformance
(skipped with a reason when BEEZUP_SANDBOX is unset; an error, never a skip, when it is set and the
sandbox does not start).

How it works: each test sends requests through the `recorded` fixture (conftest.py); when the test
ends, every recorded response is validated against the operation the spec declares for its method
and path (spec.py). Tests themselves only assert what a schema cannot say.

Rules of the validation (details in spec.py's docstring):
* Schemas win over examples: only schemas are enforced; the spec's examples (strings for numbers
  and booleans, a 47-character "uuid") and `format`s are ignored; `nullable` means "or null".
* Status: the declared status, else `default` -- but `default` covers only non-2xx. So 429, 503,
  500 (and 405, 413...) are allowed everywhere through `default` = GeneralError when the body
  validates against BeezUP.Common.ErrorResponseMessage; an undeclared 2xx always fails.
* 401 rule: the spec declares no security and no 401, yet every non-public operation needs the
  key. 401 is allowed on every non-public operation when its body validates against
  BeezUP.Common.ErrorResponseMessage or errorResponseMessage; 401 on /v2/public/* fails.
* A JSON response must be JSON with a JSON Content-Type; a 2xx (or 304) declaring no content must
  have no body.

Adding an endpoint: write a plain test function taking `recorded`, send the requests, assert the
behaviour, e.g.

    def test_order_history(recorded):
        order = recorded.post("/orders/v3/list/light", json={...}).json()["orders"][0]
        r = recorded.get(order["links"]["self"]["href"] + "/history")
        assert r.status == 200

Nothing else is needed: the response is checked against GetOrderHistoryV3 at teardown. For a
sandbox started with other arguments, take `sandbox_factory` too and use
`recorded.on(sandbox_factory("--some-option", "value"))`.
"""

from __future__ import annotations

import dataclasses

import pytest

from sandbox_process import API_KEY

NO_KEY = None  # `key=NO_KEY` sends no Ocp-Apim-Subscription-Key
LANGUAGES = ("fr", "en")


def user_lov_names(recorded) -> dict[str, str]:
    """{list name: href} from the user LOV index (shape `userLovIndex`: links.lists.<name>.href)."""
    index = recorded.get("/v2/user/lov/")
    assert index.status == 200, index.body
    lists = index.json()["links"]["lists"]
    assert lists, "the LOV index lists no list"
    return {name: link["href"] for name, link in lists.items()}


def test_user_lov_index(recorded):
    names = user_lov_names(recorded)
    assert {"BeezUPOrderState", "OrderChangeBusinessOperationType"} <= names.keys()
    for name, href in names.items():
        assert href == f"/v2/user/lov/{name}", "index hrefs must resolve against the base URL"


def test_public_lov_index(recorded):
    index = recorded.get("/v2/public/lov/", key=NO_KEY)
    assert index.status == 200
    assert "BeezUPOrderState" in index.json()["links"]["lists"]


def test_every_user_lov_in_every_language(recorded):
    names = user_lov_names(recorded)
    for name, href in names.items():
        codes = {}
        for language in LANGUAGES:
            r = recorded.get(href, headers={"Accept-Language": language})
            assert r.status == 200, f"{name} ({language}): {r.status}"
            assert r.header("Content-Language") == language, name
            assert r.header("ETag"), f"{name}: no ETag"
            items = r.json()["items"]
            assert items, f"{name} ({language}) is empty"
            codes[language] = [item["codeIdentifier"] for item in items]
        assert codes["fr"] == codes["en"], f"{name}: the codes must not depend on the language"
    # 1 index + 2 per list, every one validated at teardown
    assert len(recorded.exchanges) == 1 + len(LANGUAGES) * len(names)


@pytest.mark.parametrize("prefix, key", [("/v2/user/lov/", API_KEY), ("/v2/public/lov/", NO_KEY)])
@pytest.mark.parametrize("language", LANGUAGES)
def test_lov_if_none_match_is_304(recorded, prefix, key, language):
    first = recorded.get(prefix + "BeezUPOrderState", headers={"Accept-Language": language}, key=key)
    assert first.status == 200
    etag = first.header("ETag")
    assert etag
    again = recorded.get(
        prefix + "BeezUPOrderState", headers={"Accept-Language": language, "If-None-Match": etag}, key=key
    )
    assert again.status == 304
    assert again.body == b""
    changed = recorded.get(
        prefix + "BeezUPOrderState", headers={"Accept-Language": language, "If-None-Match": '"stale"'}, key=key
    )
    assert changed.status == 200


def test_public_lov_order_state(recorded):
    r = recorded.get("/v2/public/lov/BeezUPOrderState", key=NO_KEY)
    assert r.status == 200
    codes = {item["codeIdentifier"] for item in r.json()["items"]}
    assert {"InProgress", "Shipped"} <= codes  # the spec's own examples of order states


@pytest.mark.parametrize("prefix, key", [("/v2/user/lov/", API_KEY), ("/v2/public/lov/", NO_KEY)])
def test_unknown_lov_is_404(recorded, prefix, key):
    r = recorded.get(prefix + "NoSuchList", key=key)
    assert r.status == 404
    # The body is validated at teardown against the declared 404 schema (BeezUP.Common.ErrorResponseMessage).
    assert r.json()["errors"][0]["code"]


@pytest.mark.parametrize("path", ["/v2/user/lov/", "/v2/user/lov/BeezUPOrderState", "/v2/user/lov/NoSuchList"])
@pytest.mark.parametrize("key", [NO_KEY, "wrong-key"], ids=["no-key", "wrong-key"])
def test_user_operations_need_the_key(recorded, path, key):
    r = recorded.get(path, key=key)
    # 401 is not in the spec; the 401 rule (spec.py) accepts it on non-public operations when the
    # body is one of BeezUP's error shapes.
    assert r.status == 401


def test_public_operations_need_no_key(recorded):
    for path in ("/v2/public/lov/", "/v2/public/lov/BeezUPOrderState"):
        assert recorded.get(path, key=NO_KEY).status == 200
        assert recorded.get(path, key="wrong-key").status == 200


def test_recorder_reports_a_nonconforming_exchange(recorded):
    """The teardown check is the suite's only assertion on bodies: prove it catches a violation."""
    good = recorded.get("/v2/user/lov/BeezUPOrderState")
    assert recorded.violations() == []
    bad_body = dataclasses.replace(good, body=b'{"items": [{"codeIdentifier": 1, "intIdentifier": 1}]}')
    undeclared = dataclasses.replace(good, status=201)
    problems = recorded.violations([bad_body, undeclared])
    assert len(problems) == 2
    assert "$.items[0].codeIdentifier" in problems[0]
    assert "status 201 is not declared" in problems[1]
