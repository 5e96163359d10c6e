"""Validate HTTP responses against BeezUP's OpenAPI 3.0 description of the order API.

The spec is ``tests/data/beezup-orders-openapi.json``: a verbatim copy of the order-management
subset of BeezUP's official OpenAPI 3.0.0 description (APIs-guru ``beezup.com/2.0/openapi.yaml``). ``validate_response`` raises ``AssertionError``
with a message that names the operation, the status and what is wrong.

Rules (the spec is silent or contradicts itself on these; each rule is tested in
``test_spec_validator.py``):

* **Schemas win over examples.** Only schemas are enforced; ``example`` values (which often carry
  strings where the schema says integer/boolean) are ignored, as are ``format``s (``int32``,
  ``date-time``, ``uuid``... -- e.g. ``beezUPOrderId`` is ``format: uuid`` but its example is a
  47-character string, and ``Last-Modified`` is ``date-time`` but HTTP sends an HTTP-date).
* Schemas are OpenAPI 3.0 Schema Objects, validated as JSON Schema draft 4 (same
  ``exclusiveMinimum``/``$ref`` semantics: keywords beside a ``$ref`` are ignored). ``nullable:
  true`` is translated to "or null" (added to ``type`` and ``enum``; beside a ``$ref``/``allOf``
  without ``type`` it wraps the schema in ``anyOf: [null, schema]``). A pattern of the form
  ``([class]*)*`` (the spec's ``httpUrl``) is rewritten to the equivalent ``([class]*)``: as
  written it backtracks exponentially (seconds to reject a 25-character URL). ``$ref``s to
  ``#/components/...`` resolve through a registry built over the whole spec document; response
  ``$ref``s (``#/components/responses/GeneralError``, ``304_NotModified``...) are followed too.
* **Status codes**: an explicitly declared status (``"404"``, then a range such as ``"4XX"``) wins;
  otherwise ``default`` covers the status **only for non-2xx** (so 429/503/500/405/413... are
  allowed everywhere through ``default`` = GeneralError *when the body validates* against
  ``BeezUP.Common.ErrorResponseMessage``); an undeclared 2xx always fails.
* **401 rule**: the OpenAPI 3 file declares no ``security`` and no 401 anywhere (the Swagger 2 ->
  OpenAPI 3 conversion dropped it), yet every ``/v2/user/*`` and ``/orders/v3/*`` operation needs
  the ``Ocp-Apim-Subscription-Key``. So 401 is allowed on every **non-public** operation when its
  body validates against ``BeezUP.Common.ErrorResponseMessage`` **or** ``errorResponseMessage``
  (BeezUP uses both error shapes). On ``/v2/public/*`` operations (no credentials needed) an
  undeclared 401 is a failure, even though ``default`` would otherwise cover it.
* **Bodies**: when the matched response declares ``application/json`` content the body must be
  non-empty, sent with a JSON ``Content-Type``, strict UTF-8 JSON (no NaN/Infinity, no duplicate
  keys) and valid against the schema. A 2xx or 304 that declares no content must have no body.
  A non-2xx response that declares no content (e.g. ``412_PreConditionFailed``) may carry a body
  only if it is one of the two BeezUP error shapes. HEAD responses are never checked for a body.
* **Headers**: declared response headers are optional (none is ``required`` in the spec); when one
  is present its value must match its schema (``integer`` parses as an integer, arrays with
  ``style: simple`` are comma-separated lists). Undeclared headers are allowed.
* **Paths**: a concrete path (query string ignored, segments percent-decoded) matches a template
  segment by segment; a ``{param}`` matches one non-empty segment; when several templates match,
  the most specific wins (compared left to right, a literal segment beats a ``{param}``). If no
  template matches exactly, a template differing only by a trailing ``/`` is accepted (BeezUP
  declares e.g. ``/v2/user/lov/`` and ``/v2/user/marketplaces/orders/`` with one).
* **Public** operations are those under ``/v2/public/`` (``info.description``: they need no
  credentials); everything else is authenticated.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import referencing
import referencing.jsonschema

#: Where the project's copy of the spec lives; BEEZUP_OPENAPI_SPEC overrides it.
DEFAULT_SPEC_PATH = Path(__file__).resolve().parents[1] / "data" / "beezup-orders-openapi.json"

#: The URI the spec document is registered under, so "#/components/..." refs resolve inside it.
SPEC_URI = "urn:beezup:orders-openapi"

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

#: The two error shapes BeezUP uses (see the 401 rule in the module docstring).
ERROR_SCHEMAS = (
    "#/components/schemas/BeezUP.Common.ErrorResponseMessage",
    "#/components/schemas/errorResponseMessage",
)

PUBLIC_PREFIX = "/v2/public/"

#: How many schema violations one message lists.
MAX_REPORTED_ERRORS = 10


@dataclass(frozen=True)
class OperationMatch:
    """The operation a concrete request path resolved to."""

    method: str  # lower case, as in the spec
    template: str  # e.g. "/v2/user/lov/{listName}"
    operation: dict  # the spec's operation object
    path_params: dict  # {"listName": "BeezUPOrderState"}

    @property
    def operation_id(self) -> str:
        return self.operation.get("operationId", f"{self.method.upper()} {self.template}")

    @property
    def is_public(self) -> bool:
        return self.template.startswith(PUBLIC_PREFIX)

    def describe(self) -> str:
        return f"{self.operation_id} ({self.method.upper()} {self.template})"


def _escape_pointer(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _unescape_pointer(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


# "(X*)*" around a character class matches exactly what "(X*)" matches, but backtracks
# exponentially on a near-miss (the spec's `httpUrl` pattern takes seconds on a 25-character URL).
_NESTED_STAR = re.compile(r"\((\[(?:\\.|[^\]\\])*\])\*\)\*")


def _safe_pattern(pattern: str) -> str:
    return _NESTED_STAR.sub(lambda m: f"({m.group(1)}*)", pattern)


def _prepare(node: Any) -> Any:
    """A copy of ``node`` ready for a draft 4 validator.

    OpenAPI 3.0 ``nullable: true`` becomes JSON Schema "or null"; patterns with a nested star
    are rewritten to the equivalent single star.
    """
    if isinstance(node, list):
        return [_prepare(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _prepare(value) for key, value in node.items()}
    if isinstance(out.get("pattern"), str):
        out["pattern"] = _safe_pattern(out["pattern"])
    if out.get("nullable") is True:
        del out["nullable"]
        if "type" in out:
            types = out["type"] if isinstance(out["type"], list) else [out["type"]]
            if "null" not in types:
                out["type"] = [*types, "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def _json_path(path: Iterable[Any]) -> str:
    text = "$"
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(part)):
            text += f".{part}"
        else:
            text += f"[{json.dumps(part)}]"
    return text


def _strict_json(body: bytes) -> Any:
    def no_duplicates(pairs):
        seen = {}
        for key, value in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r} in a JSON object")
            seen[key] = value
        return seen

    def no_constants(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(body.decode("utf-8"), object_pairs_hook=no_duplicates, parse_constant=no_constants)


def _normalise_headers(headers: Any) -> dict[str, str]:
    """Headers as a lower-case-name dict; repeated headers are joined with ", " as HTTP allows."""
    if headers is None:
        return {}
    items = headers.items() if hasattr(headers, "items") else headers
    out: dict[str, str] = {}
    for name, value in items:
        key = str(name).lower()
        out[key] = f"{out[key]}, {value}" if key in out else str(value)
    return out


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _is_json_media_type(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


class Spec:
    """An OpenAPI 3.0 document prepared for response validation."""

    def __init__(self, document: Mapping):
        self.raw = document
        self.document = _prepare(copy.deepcopy(dict(document)))
        resource = referencing.Resource(contents=self.document, specification=referencing.jsonschema.DRAFT4)
        self.registry = referencing.Registry().with_resource(SPEC_URI, resource)
        self._templates = [(template, self._segments(template)) for template in self.document.get("paths", {})]

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "Spec":
        path = Path(path or os.environ.get("BEEZUP_OPENAPI_SPEC") or DEFAULT_SPEC_PATH)
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    # ---------------------------------------------------------------- references and pointers

    def resolve_pointer(self, pointer: str) -> Any:
        """The node at a local JSON pointer such as ``#/components/schemas/link3``."""
        if not pointer.startswith("#"):
            raise ValueError(f"only local references are supported, not {pointer!r}")
        node: Any = self.document
        for token in filter(None, pointer[1:].split("/")):
            token = _unescape_pointer(token)
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node

    def _deref(self, node: Any, pointer: str, seen: tuple = ()) -> tuple[Any, str]:
        """Follow ``$ref`` chains (responses, schemas) to the referenced node and its pointer."""
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if ref in seen:
                raise ValueError(f"circular $ref {ref}")
            seen = (*seen, ref)
            pointer = ref
            node = self.resolve_pointer(ref)
        return node, pointer

    # ---------------------------------------------------------------- paths

    @staticmethod
    def _segments(path: str) -> list[str]:
        return path.split("/")[1:]

    @staticmethod
    def _match(template_segments: list[str], segments: list[str]) -> dict | None:
        if len(template_segments) != len(segments):
            return None
        params = {}
        for pattern, value in zip(template_segments, segments):
            if pattern.startswith("{") and pattern.endswith("}") and len(pattern) > 2:
                if value == "":
                    return None
                params[pattern[1:-1]] = value
            elif pattern != value:
                return None
        return params

    @staticmethod
    def _specificity(template_segments: list[str]) -> tuple:
        # Left to right, a literal segment (1) beats a {param} (0).
        return tuple(0 if s.startswith("{") and s.endswith("}") else 1 for s in template_segments)

    def match_path(self, path: str) -> tuple[str, dict]:
        """The most specific path template matching a concrete path, and its path parameters."""
        raw_path = urllib.parse.urlsplit(path).path if "://" in path else path.split("?", 1)[0].split("#", 1)[0]
        if not raw_path.startswith("/"):
            raise AssertionError(f"request path {path!r} is not absolute")
        segments = [urllib.parse.unquote(s) for s in self._segments(raw_path)]
        candidates = []
        for template, template_segments in self._templates:
            params = self._match(template_segments, segments)
            if params is not None:
                candidates.append((self._specificity(template_segments), template, params))
        if not candidates:
            # Tolerate a trailing "/" difference, e.g. "/v2/user/lov" for "/v2/user/lov/".
            alternative = segments[:-1] if segments and segments[-1] == "" else [*segments, ""]
            for template, template_segments in self._templates:
                params = self._match(template_segments, alternative)
                if params is not None:
                    candidates.append((self._specificity(template_segments), template, params))
        if not candidates:
            raise AssertionError(f"no path template of the spec matches {raw_path!r}")
        candidates.sort(key=lambda c: c[0], reverse=True)
        _, template, params = candidates[0]
        return template, params

    def resolve_operation(self, method: str, path: str) -> OperationMatch:
        template, params = self.match_path(path)
        item = self.document["paths"][template]
        method = method.lower()
        operation = item.get(method)
        if operation is None:
            declared = sorted(m.upper() for m in item if m in HTTP_METHODS)
            raise AssertionError(
                f"the spec declares no {method.upper()} operation on {template} "
                f"(request path {path!r}); declared methods: {', '.join(declared) or 'none'}"
            )
        return OperationMatch(method=method, template=template, operation=operation, path_params=params)

    def find_operation(self, method: str, path: str) -> dict:
        """The operation object of the spec that serves ``method path`` (most specific template)."""
        return self.resolve_operation(method, path).operation

    # ---------------------------------------------------------------- schemas

    def schema_errors(self, instance: Any, schema_pointer: str) -> list[str]:
        """Readable violations of the schema at ``schema_pointer`` (empty when valid)."""
        wrapper = {"$ref": f"{SPEC_URI}{schema_pointer}"}
        validator = jsonschema.Draft4Validator(wrapper, registry=self.registry)
        errors = sorted(validator.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.message))
        messages = []
        for error in errors[:MAX_REPORTED_ERRORS]:
            messages.append(
                f"at {_json_path(error.absolute_path)}: {self._short(error.message)} "
                f"(schema: {self._schema_location(schema_pointer, error.absolute_schema_path)})"
            )
        if len(errors) > MAX_REPORTED_ERRORS:
            messages.append(f"... and {len(errors) - MAX_REPORTED_ERRORS} more")
        return messages

    @staticmethod
    def _short(message: str, limit: int = 300) -> str:
        return message if len(message) <= limit else message[: limit - 3] + "..."

    def _schema_location(self, start_pointer: str, schema_path: Iterable[Any]) -> str:
        """The spec location of the failing keyword, following the $refs the validator followed.

        jsonschema leaves "$ref" out of ``schema_path``; in draft 4 a node with "$ref" is replaced
        by its target, so following every "$ref" before consuming the next step is exact.
        """
        try:
            node, pointer = self._deref(self.resolve_pointer(start_pointer), start_pointer)
            for step in schema_path:
                node, pointer = self._deref(node, pointer)
                node = node[step] if isinstance(node, dict) else node[int(step)]
                pointer = f"{pointer}/{_escape_pointer(str(step))}"
            return pointer
        except (KeyError, IndexError, TypeError, ValueError):
            return f"{start_pointer} -> {'/'.join(map(str, schema_path))}"

    # ---------------------------------------------------------------- responses

    def _select_response(self, match: OperationMatch, status: int) -> tuple[dict | None, str, str]:
        """(response object or None, its pointer, how it was chosen)."""
        responses = match.operation.get("responses", {})
        base = f"#/paths/{_escape_pointer(match.template)}/{match.method}/responses"
        for key, how in ((str(status), "declared"), (f"{str(status)[0]}XX", "range"), (f"{str(status)[0]}xx", "range")):
            if key in responses:
                response, pointer = self._deref(responses[key], f"{base}/{_escape_pointer(key)}")
                return response, pointer, f"{how} {key}"
        if "default" in responses and not 200 <= status < 300:
            response, pointer = self._deref(responses["default"], f"{base}/default")
            return response, pointer, "default"
        return None, "", ""

    def _check_headers(self, response: dict, headers: dict[str, str], pointer: str) -> list[str]:
        problems = []
        for name, header in (response.get("headers") or {}).items():
            header, header_pointer = self._deref(header, f"{pointer}/headers/{_escape_pointer(name)}")
            value = headers.get(name.lower())
            if value is None:
                if header.get("required"):
                    problems.append(f"required header {name} is missing")
                continue
            schema = header.get("schema")
            if not isinstance(schema, dict):
                continue
            schema, schema_pointer = self._deref(schema, f"{header_pointer}/schema")
            instance = self._header_instance(value, schema)
            if instance is _UNPARSABLE:
                problems.append(f"header {name}: {value!r} is not a valid {schema.get('type')}")
                continue
            for message in self.schema_errors(instance, schema_pointer):
                problems.append(f"header {name}: {message}")
        return problems

    def _header_instance(self, value: str, schema: dict) -> Any:
        kind = schema.get("type")

        def scalar(text: str, kind: Any) -> Any:
            text = text.strip()
            try:
                if kind == "integer":
                    return int(text)
                if kind == "number":
                    return float(text)
                if kind == "boolean":
                    return {"true": True, "false": False}[text]
            except (ValueError, KeyError):
                return _UNPARSABLE
            return text

        if kind == "array":
            item_kind = (self._deref(schema.get("items", {}), "")[0] or {}).get("type")
            items = [scalar(part, item_kind) for part in value.split(",")]
            return _UNPARSABLE if _UNPARSABLE in items else items
        return scalar(value, kind)

    def validate_response(
        self, method: str, path: str, status: int, headers: Any = None, body: bytes | None = b""
    ) -> None:
        """Raise AssertionError unless the response conforms to the spec (see the module docstring)."""
        match = self.resolve_operation(method, path)
        status = int(status)
        headers = _normalise_headers(headers)
        body = body or b""
        where = f"{method.upper()} {path} -> {status}, operation {match.describe()}"

        def fail(problem: str) -> None:
            preview = body[:500].decode("utf-8", "replace")
            raise AssertionError(f"{where}: {problem}" + (f"\n  body: {preview}" if body else ""))

        response, pointer, chosen = self._select_response(match, status)

        if status == 401 and not chosen.startswith(("declared", "range")):
            # 401 rule: the spec omits auth errors (no `security`, no 401 anywhere) although every
            # non-public operation requires Ocp-Apim-Subscription-Key. Allow 401 on non-public
            # operations when the body is one of BeezUP's two error shapes; never on public ones.
            if match.is_public:
                fail("401 on a public operation, which needs no credentials (and the spec declares no 401)")
            self._check_error_body(body, headers, fail, "401 (auth rule)")
            return

        if response is None:
            declared = ", ".join(match.operation.get("responses", {})) or "none"
            note = " (`default` covers only non-2xx statuses)" if 200 <= status < 300 else ""
            fail(f"status {status} is not declared for this operation; declared: {declared}{note}")

        problems = self._check_headers(response, headers, pointer)
        if problems:
            fail(f"headers do not match {pointer} ({chosen}):\n  " + "\n  ".join(problems))

        if match.method == "head":
            return  # HEAD responses carry no body whatever the content says.

        content = response.get("content") or {}
        if not content:
            if body and (200 <= status < 300 or status == 304):
                fail(f"response {pointer} ({chosen}) declares no content but a {len(body)}-byte body was sent")
            if body:
                self._check_error_body(body, headers, fail, f"{chosen} without declared content")
            return

        if not body:
            fail(f"response {pointer} ({chosen}) declares content {sorted(content)} but the body is empty")
        content_type = headers.get("content-type")
        if content_type is None:
            fail(f"a body was sent without Content-Type; {pointer} declares {sorted(content)}")
        media_type = _media_type(content_type)
        declared_type = next((t for t in content if _media_type(t) == media_type), None)
        if declared_type is None and _is_json_media_type(media_type):
            declared_type = next((t for t in content if _is_json_media_type(_media_type(t))), None)
        if declared_type is None:
            fail(f"Content-Type {content_type!r} is not among the declared {sorted(content)} ({pointer})")
        if not _is_json_media_type(_media_type(declared_type)):
            return  # e.g. application/pdf: nothing more to check.
        try:
            instance = _strict_json(body)
        except (UnicodeDecodeError, ValueError) as e:
            fail(f"{declared_type} is declared ({pointer}) but the body is not valid JSON: {e}")
        media = content[declared_type] or {}
        if "schema" not in media:
            return
        schema_pointer = f"{pointer}/content/{_escape_pointer(declared_type)}/schema"
        messages = self.schema_errors(instance, schema_pointer)
        if messages:
            fail(f"body does not match the schema of {pointer} ({chosen}):\n  " + "\n  ".join(messages))

    def _check_error_body(self, body: bytes, headers: dict[str, str], fail, why: str) -> None:
        """The body must be one of BeezUP's error shapes (see ERROR_SCHEMAS)."""
        if not body:
            fail(f"{why}: an error body ({' or '.join(ERROR_SCHEMAS)}) is expected, the body is empty")
        content_type = headers.get("content-type", "")
        if not _is_json_media_type(_media_type(content_type)):
            fail(f"{why}: the error body must be JSON, Content-Type is {content_type!r}")
        try:
            instance = _strict_json(body)
        except (UnicodeDecodeError, ValueError) as e:
            fail(f"{why}: the error body is not valid JSON: {e}")
        reports = {pointer: self.schema_errors(instance, pointer) for pointer in ERROR_SCHEMAS}
        if all(reports.values()):
            details = "\n  ".join(f"against {p}:\n    " + "\n    ".join(m) for p, m in reports.items())
            fail(f"{why}: the body matches neither error schema:\n  {details}")


_UNPARSABLE = object()


@functools.lru_cache(maxsize=1)
def default_spec() -> Spec:
    """The project's spec, loaded once."""
    return Spec.load()


def find_operation(method: str, path: str) -> dict:
    """The spec's operation object for a concrete request, e.g. ("GET", "/v2/user/lov/Go2CultureName")."""
    return default_spec().find_operation(method, path)


def resolve_operation(method: str, path: str) -> OperationMatch:
    return default_spec().resolve_operation(method, path)


def validate_response(method: str, path: str, status: int, headers: Any = None, body: bytes | None = b"") -> None:
    """Raise AssertionError unless the response conforms to the project's spec."""
    default_spec().validate_response(method, path, status, headers, body)
