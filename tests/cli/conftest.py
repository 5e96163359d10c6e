"""Fixtures of the CLI's tests: the `beezup` executable and sandboxes to point it at."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from beezup.testing import Sandbox


class Cli:
    """Runs `beezup` with the environment of a sandbox (or none)."""

    def __init__(self, executable: str, sandbox: Sandbox | None, home: str) -> None:
        self.executable = executable
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("BEEZUP_")}
        self.env["HOME"] = home  # no configuration file of the machine's user
        self.env.pop("XDG_CONFIG_HOME", None)
        if sandbox:
            self.env.update(BEEZUP_API_KEY=sandbox.api_key, BEEZUP_BASE_URL=sandbox.url, BEEZUP_USER_NAME="cli-test")

    def __call__(self, *args: str, env: dict[str, str] | None = None, timeout: float = 120,
                 **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.run([self.executable, *args], capture_output=True, text=True, timeout=timeout,
                              env={**self.env, **(env or {})}, **kwargs)

    def popen(self, *args: str, env: dict[str, str] | None = None, **kwargs: Any) -> subprocess.Popen[str]:
        return subprocess.Popen([self.executable, *args], text=True, env={**self.env, **(env or {})}, **kwargs)


@pytest.fixture(scope="session")
def executable() -> str:
    path = os.environ.get("BEEZUP_CLI")
    if not path:
        pytest.fail("BEEZUP_CLI must name the beezup executable (ctest sets it)")
    return path


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(orders=3000, change_delay=0.3, new_orders_per_hour=3600) as s:
        yield s


@pytest.fixture(scope="module")
def quiet_sandbox() -> Iterator[Sandbox]:
    """No orders arrive: what one call lists, the next lists too."""
    with Sandbox(orders=3000, change_delay=0.3) as s:
        yield s


@pytest.fixture
def cli(executable: str, sandbox: Sandbox, tmp_path: Any) -> Cli:
    return Cli(executable, sandbox, str(tmp_path))


@pytest.fixture
def quiet_cli(executable: str, quiet_sandbox: Sandbox, tmp_path: Any) -> Cli:
    return Cli(executable, quiet_sandbox, str(tmp_path))


@pytest.fixture
def bare_cli(executable: str, tmp_path: Any) -> Cli:
    """The CLI with no settings at all."""
    return Cli(executable, None, str(tmp_path))
