"""pytest fixtures for code that uses beezup, loaded automatically once beezup is installed.

- ``beezup_sandbox``: a :class:`beezup.testing.Sandbox` shared by a test module (1,000 orders,
  changes confirmed after 0.2 s, no rate limit). The test is skipped when no sandbox executable is
  found (see :func:`beezup.testing.find_sandbox_executable`).
- ``beezup_client``: a :class:`beezup.Client` of that sandbox.
- ``beezup_async_client``: a :class:`beezup.AsyncClient` of that sandbox.

Another sandbox: override ``beezup_sandbox`` in your conftest.py, e.g. to inject faults::

    @pytest.fixture(scope="module")
    def beezup_sandbox():
        yield from beezup.testing.sandbox_or_skip(orders=5000, faults={"503": 0.05})
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from . import _async, _core
from .testing import Sandbox, sandbox_or_skip


@pytest.fixture(scope="module")
def beezup_sandbox() -> Iterator[Sandbox]:
    yield from sandbox_or_skip()


@pytest.fixture
def beezup_client(beezup_sandbox: Sandbox) -> _core.Client:
    return beezup_sandbox.client()


@pytest.fixture
def beezup_async_client(beezup_sandbox: Sandbox) -> _async.AsyncClient:
    return beezup_sandbox.async_client()
