"""Testing against a local BeezUP: the sandbox (``beezup-sandbox``), a simulator of the order API.

Example::

    from beezup.testing import Sandbox

    with Sandbox(orders=500, change_delay=0.2) as sandbox:
        client = sandbox.client()
        for order in client.orders.all(begin=...):
            ...

The sandbox runs as a child process on a free loopback port and stops with the ``with`` block. Its
executable is ``executable=``, else ``$BEEZUP_SANDBOX``, else ``beezup-sandbox`` on the PATH (the
C++ build installs it). pytest users get ready fixtures from :mod:`beezup.pytest_plugin`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator, Mapping
from types import TracebackType
from typing import Any

from . import _async, _core

_LISTENING = re.compile(r"beezup-sandbox listening on (https?://[^\s]+)\s*")


class SandboxNotFound(RuntimeError):
    """No sandbox executable: pass ``executable=``, set BEEZUP_SANDBOX or put beezup-sandbox on the PATH."""


def find_sandbox_executable(executable: str | os.PathLike[str] | None = None) -> str:
    """The sandbox executable to run (see the module's documentation); SandboxNotFound if none."""
    candidate = os.fspath(executable) if executable else os.environ.get("BEEZUP_SANDBOX") or shutil.which("beezup-sandbox")
    if not candidate or not os.access(candidate, os.X_OK):
        raise SandboxNotFound(
            "no beezup-sandbox executable: pass executable=, set BEEZUP_SANDBOX, or put beezup-sandbox on the PATH"
            + (f" ({candidate!r} is not executable)" if candidate else "")
        )
    return candidate


def _fault_spec(faults: Mapping[str, float | str]) -> str:
    return ",".join(f"{kind}={rate}" for kind, rate in faults.items())


def _seconds(value: float) -> str:
    return f"{int(round(value * 1000))}ms"


class Sandbox:
    """A sandbox process for the length of a ``with`` block (or between start() and stop()).

    Options are the executable's: ``orders`` generated over the last 365 days, ``seed``,
    ``change_delay`` (seconds until a marketplace confirms a change), ``rate_limit`` (calls per
    minute, 0 = none), ``faults`` (e.g. ``{"503": 0.05, "slow": "0.1:2s"}``), ``push_secret``,
    ``push_retry_base`` (seconds), ``new_orders_per_hour``, ``list_order``; ``extra_args`` are
    passed as they are. While it runs, advance_clock(), set_faults() and stats() control it.
    """

    def __init__(
        self,
        *,
        orders: int = 1000,
        seed: int | None = None,
        change_delay: float = 0.2,
        rate_limit: int = 0,
        faults: Mapping[str, float | str] | None = None,
        push_secret: str | None = None,
        push_retry_base: float | None = None,
        new_orders_per_hour: int | None = None,
        list_order: str | None = None,
        api_key: str = "sandbox-key",
        executable: str | os.PathLike[str] | None = None,
        extra_args: tuple[str, ...] = (),
        start_timeout: float = 30.0,
    ) -> None:
        self.api_key = api_key
        self._start_timeout = start_timeout
        self._process: subprocess.Popen[str] | None = None
        self._url: str | None = None
        self._command = [find_sandbox_executable(executable), "--port", "0", "--api-key", api_key, "--control",
                         "--rate-limit", str(rate_limit), "--orders", str(orders),
                         "--change-delay", _seconds(change_delay)]
        if seed is not None:
            self._command += ["--seed", str(seed)]
        if faults:
            self._command += ["--faults", _fault_spec(faults)]
        if push_secret is not None:
            self._command += ["--push-secret", push_secret]
        if push_retry_base is not None:
            self._command += ["--push-retry-base", _seconds(push_retry_base)]
        if new_orders_per_hour is not None:
            self._command += ["--new-orders-per-hour", str(new_orders_per_hour)]
        if list_order is not None:
            self._command += ["--list-order", list_order]
        self._command += list(extra_args)

    @property
    def url(self) -> str:
        """The sandbox's base URL, e.g. http://127.0.0.1:43215."""
        if self._url is None:
            raise RuntimeError("the sandbox is not started")
        return self._url

    def start(self) -> Sandbox:
        if self._process is not None:
            return self
        process = subprocess.Popen(self._command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(process.stdout.readline() if process.stdout else ""),
                                  daemon=True)
        reader.start()
        reader.join(self._start_timeout)
        match = _LISTENING.fullmatch(first[0]) if first else None
        if not match:
            process.kill()
            _, stderr = process.communicate(timeout=10)
            raise RuntimeError(f"the sandbox did not start: first line {first[0] if first else ''!r}, stderr {stderr!r}")
        self._process = process
        self._url = match.group(1)
        return self

    def stop(self) -> None:
        process, self._process, self._url = self._process, None, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.stop()

    # --- control (the sandbox's /_sandbox routes) ------------------------------------------------

    def _control(self, method: str, path: str, body: bytes | None = None) -> dict[str, Any]:
        request = urllib.request.Request(f"{self.url}/_sandbox/{path}", data=body, method=method,
                                         headers={"Ocp-Apim-Subscription-Key": self.api_key})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer: dict[str, Any] = json.loads(response.read())
            return answer

    def advance_clock(self, seconds: int) -> None:
        """Moves the marketplaces' clock forward: changes due complete, new orders arrive,
        shipped orders get delivered."""
        self._control("POST", f"clock?advance={int(seconds)}")

    def set_faults(self, faults: Mapping[str, float | str] | None) -> None:
        """Replaces the injected failures (e.g. ``{"503": 0.2}``); None or {} for none."""
        self._control("PUT", "faults", _fault_spec(faults or {}).encode())

    def stats(self) -> dict[str, Any]:
        """The sandbox's clock (``now``) and counters: ``requests``, ``changeExecutions``, ``faultsInjected``."""
        return self._control("GET", "stats")

    def client_options(self, **overrides: Any) -> _core.ClientOptions:
        """ClientOptions for this sandbox: its URL and key, no rate governor, short retries."""
        settings: dict[str, Any] = {
            "base_url": self.url,
            "api_key": self.api_key,
            "user_name": "beezup-testing",
            "request_timeout": 10.0,
            "operation_timeout": 60.0,
            "retry": _core.RetryOptions(max_attempts=4, base_delay=0.01, max_delay=0.05),
            "rate_limit": _core.RateLimitOptions(enabled=False),
        }
        settings.update(overrides)
        return _core.ClientOptions(**settings)

    def client(self, **overrides: Any) -> _core.Client:
        """A Client of this sandbox (see client_options())."""
        return _core.Client(self.client_options(**overrides))

    def async_client(self, **overrides: Any) -> _async.AsyncClient:
        """An AsyncClient of this sandbox (see client_options())."""
        return _async.AsyncClient(self.client_options(**overrides))


def sandbox_or_skip(**options: Any) -> Iterator[Sandbox]:
    """A running Sandbox(**options) for a pytest fixture to yield from; skips the test when no
    sandbox executable is found."""
    import pytest

    try:
        sandbox = Sandbox(**options)
    except SandboxNotFound as missing:
        pytest.skip(str(missing))
    with sandbox:
        yield sandbox
