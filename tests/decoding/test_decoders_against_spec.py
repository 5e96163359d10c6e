"""The SDK's decoders against answers generated from the copied OpenAPI description.

For each answer the SDK decodes, hypothesis-jsonschema draws schema-valid bodies: every one must
decode (the spec lets objects such as `links` carry members of any type the SDK does not use).
Mutations that make a body schema-invalid must give a `decode_error` or, where the SDK reads
leniently (numbers written as strings, members it does not use), decode; nothing else may escape.

The decoders run in `decode_responses` (tests/tools), whose path is in BEEZUP_DECODE_RESPONSES.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis_jsonschema import from_schema

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "conformance"))
import spec as spec_module  # noqa: E402

TOOL = os.environ.get("BEEZUP_DECODE_RESPONSES")
pytestmark = pytest.mark.skipif(not TOOL, reason="BEEZUP_DECODE_RESPONSES is not set")

SPEC = spec_module.default_spec()
BODIES_PER_KIND = 40

# The answers the SDK decodes: decoder kind -> schema of the 200 answer.
ANSWERS = {
    "order": "#/components/schemas/orderWithLinks",
    "list_full": "#/components/schemas/orderListFullWithLinks",
    "list_light": "#/components/schemas/orderListLightWithLinks",
    "history": "#/components/schemas/orderHistory",
    "change_report": "#/components/schemas/changeOrderReporting",
    "account_synchronizations": "#/components/schemas/accountSynchronizationList",
    "exportations": "#/components/schemas/orderExportations",
    "list_of_values": "#/components/schemas/userListOfValuesResponse",
}


def inline(node, seen=()):
    """The schema with every $ref replaced by what it points at (hypothesis-jsonschema wants one
    self-contained schema)."""
    if isinstance(node, list):
        return [inline(item, seen) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        ref = node["$ref"]
        assert ref not in seen, f"recursive schema at {ref}"
        return inline(SPEC.resolve_pointer(ref), (*seen, ref))
    out = {k: inline(v, seen) for k, v in node.items() if k not in ("example", "examples", "description", "x-nullable")}
    # The SDK holds integers in 32 or 64 bits, as their format says (64 without one).
    if out.get("type") == "integer" or out.get("type") == ["integer", "null"]:
        bits = 31 if out.get("format") == "int32" else 63
        out.setdefault("minimum", -(2**bits))
        out.setdefault("maximum", 2**bits - 1)
    # Amounts are exact decimals of up to 18 digits: drawn as BeezUP writes money.
    if out.get("type") == "number" or out.get("type") == ["number", "null"]:
        out.setdefault("minimum", -1e12)
        out.setdefault("maximum", 1e12)
        out.setdefault("multipleOf", 0.01)
    # Short arrays keep the drawing fast; what is drawn stays valid.
    if out.get("type") == "array" and out.get("minItems", 0) <= 2:
        out["maxItems"] = min(out.get("maxItems", 2), 2)
    # Dates are the SDK's to parse: the spec's date-time, in the form BeezUP writes it.
    if out.get("format") == "date-time" and out.get("type") in ("string", ["string", "null"]):
        del out["format"]  # drawn from the pattern alone: drawing a format, then filtering, is slow
        out["pattern"] = r"^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,7})?Z$"
    return out


def decode(kind_and_bodies):
    """Runs the decoders over [(kind, body)] and returns one outcome line per body."""
    text = "".join(f"{kind}\t{json.dumps(body, separators=(',', ':'))}\n" for kind, body in kind_and_bodies)
    done = subprocess.run([TOOL], input=text, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.splitlines()


def draw(schema, count):
    """`count` bodies valid for `schema`, drawn deterministically."""
    bodies = []

    @settings(max_examples=count, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(from_schema(schema))
    def collect(body):
        bodies.append(body)

    collect()
    return bodies


def without_orders(node):
    """The schema with every `orders` array limited to none (they are filled in afterwards)."""
    if isinstance(node, list):
        return [without_orders(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: without_orders(v) for k, v in node.items()}
    orders = out.get("properties", {}).get("orders")
    if isinstance(orders, dict) and orders.get("type") == "array":
        out["properties"]["orders"] = {"type": "array", "maxItems": 0}
    return out


@functools.lru_cache(maxsize=None)
def drawn_bodies(kind):
    """Schema-valid bodies for `kind`, drawn with a fixed seed (shared by the tests). A list's
    orders are drawn once, as single orders, and shared out over its pages: drawing whole pages
    from the schema takes minutes."""
    if kind not in ("list_full", "list_light"):
        return tuple(draw(inline({"$ref": ANSWERS[kind]}), BODIES_PER_KIND))
    orders = drawn_bodies("order")
    rng = random.Random(kind)
    pages = []
    # Drawing a page's links and paging slows down as examples grow: fewer pages, more orders each.
    for page in draw(without_orders(inline({"$ref": ANSWERS[kind]})), 12):
        page["orders"] = copy.deepcopy(rng.sample(orders, rng.randint(0, 6)))
        pages.append(page)
    return tuple(pages)


@pytest.mark.parametrize("kind", sorted(ANSWERS))
def test_schema_valid_answers_decode(kind):
    bodies = drawn_bodies(kind)
    assert len(bodies) >= 10
    for body in bodies:
        assert not SPEC.schema_errors(body, ANSWERS[kind]), "the generator drew an invalid body"
    outcomes = decode([(kind, body) for body in bodies])
    failures = [(o, b) for o, b in zip(outcomes, bodies) if o != "ok"]
    assert not failures, f"{len(failures)} of {len(bodies)} valid {kind} answers failed; first: {failures[0][0]}\n{json.dumps(failures[0][1])[:2000]}"


WRONG_VALUES = [{"unexpected": "object"}, ["an", "array"], True, 1.5e300, "not-what-was-expected", None]


def mutations(body, rng, count):
    """Bodies made invalid at a random place: a value of another type, or a member removed."""
    out = []
    for _ in range(count):
        mutated = copy.deepcopy(body)
        paths = []

        def walk(node, path):
            paths.append(path)
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, (*path, k))
            elif isinstance(node, list):
                for i, v in enumerate(node):
                    walk(v, (*path, i))

        walk(mutated, ())
        path = rng.choice(paths)
        if not path:
            out.append(rng.choice(WRONG_VALUES[:-1]))
            continue
        parent = mutated
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and rng.random() < 0.3:
            del parent[path[-1]]
        else:
            parent[path[-1]] = rng.choice(WRONG_VALUES)
        out.append(mutated)
    return out


@pytest.mark.parametrize("kind", sorted(ANSWERS))
def test_schema_invalid_answers_fail_with_decode_error_or_decode(kind):
    rng = random.Random(7)
    # Most mutations break the schema (some land in free-form members and do not); checking each
    # with the validator would cost more than the whole test, so a sample is checked.
    invalid = [m for body in drawn_bodies(kind) for m in mutations(body, rng, 8)]
    sample = invalid[:: max(1, len(invalid) // 20)]
    assert sum(1 for m in sample if SPEC.schema_errors(m, ANSWERS[kind])) >= len(sample) // 5
    outcomes = decode([(kind, body) for body in invalid])
    foreign = [(o, b) for o, b in zip(outcomes, invalid) if not (o == "ok" or o.startswith("decode_error\t$"))]
    assert not foreign, f"{foreign[0][0]}\n{json.dumps(foreign[0][1])[:2000]}"
    assert any(o.startswith("decode_error") for o in outcomes)


@pytest.mark.parametrize("kind", sorted(ANSWERS))
def test_broken_json_fails_with_decode_error_at_the_root(kind):
    broken = ["", "{", "[", "{\"a\":", "nul", "[1,2", "{\"orders\":[{]}", "\"unterminated", "{} {}", "\x00"]
    text = "".join(f"{kind}\t{b}\n" for b in broken)
    done = subprocess.run([TOOL], input=text, capture_output=True, text=True, timeout=60, check=True)
    outcomes = done.stdout.splitlines()
    assert len(outcomes) == len(broken)
    for body, outcome in zip(broken, outcomes):
        assert outcome.startswith("decode_error\t$"), f"{body!r}: {outcome}"
    # Valid JSON of the wrong shape: a decode_error too.
    outcomes = decode([(kind, body) for body in ([], 42, "text", True, None)])
    for outcome in outcomes:
        assert outcome.startswith("decode_error\t$"), outcome
