"""Start and stop the `beezup-sandbox` executable for the conformance tests.

    with sandbox() as base_url:            # BEEZUP_SANDBOX names the executable
        ...                                # base_url == "http://127.0.0.1:PORT"

The sandbox runs with ``--port 0 --api-key conformance-key --rate-limit 0`` plus the caller's extra
arguments (passed through untouched, even ones the executable does not know yet: it then fails to
start and the error says so). It is stopped with SIGTERM, then SIGKILL after 5 s.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence

ENV_VAR = "BEEZUP_SANDBOX"
API_KEY = "conformance-key"
BASE_ARGS = ("--port", "0", "--api-key", API_KEY, "--rate-limit", "0")
STARTUP_TIMEOUT_S = 30.0
STOP_GRACE_S = 5.0
_READY = re.compile(r"^beezup-sandbox listening on (https?://\S+?)/?\s*$")


class SandboxNotConfigured(RuntimeError):
    """BEEZUP_SANDBOX is not set: the caller decides whether that is a skip."""


class SandboxStartError(RuntimeError):
    """The executable did not come up (missing, crashed, rejected an argument, never said ready)."""


def executable_from_env() -> str:
    path = os.environ.get(ENV_VAR, "").strip()
    if not path:
        raise SandboxNotConfigured(f"{ENV_VAR} is not set (path of the beezup-sandbox executable)")
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        raise SandboxStartError(f"{ENV_VAR}={path!r} is not an executable file")
    return path


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def sandbox(
    extra_args: Sequence[str] = (),
    executable: str | None = None,
    startup_timeout: float = STARTUP_TIMEOUT_S,
) -> Iterator[str]:
    """Run the sandbox for the duration of the block; yield its base URL (no trailing slash)."""
    executable = executable or executable_from_env()
    command = [executable, *BASE_ARGS, *map(str, extra_args)]
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr
        )
        reader = None
        try:
            lines: queue.Queue = queue.Queue()
            # Read stdout on a thread: readline() on the pipe cannot time out by itself. The thread
            # keeps draining stdout so the sandbox never blocks on a full pipe.
            def pump() -> None:
                for raw in iter(process.stdout.readline, b""):
                    lines.put(raw.decode("utf-8", "replace"))
                lines.put(None)

            reader = threading.Thread(target=pump, name="sandbox-stdout", daemon=True)
            reader.start()

            def failure(reason: str) -> SandboxStartError:
                _stop(process)
                stderr.seek(0)
                err = stderr.read().decode("utf-8", "replace").strip()
                return SandboxStartError(
                    f"{reason}\n  command: {' '.join(command)}\n  exit code: {process.returncode}"
                    + (f"\n  stderr:\n{err}" if err else "")
                )

            try:
                first = lines.get(timeout=startup_timeout)
            except queue.Empty:
                raise failure(f"beezup-sandbox printed nothing within {startup_timeout:.0f} s") from None
            if first is None:
                raise failure("beezup-sandbox exited before it was ready")
            ready = _READY.match(first.strip())
            if not ready:
                raise failure(f"unexpected first line from beezup-sandbox: {first.strip()!r}")
            yield ready.group(1)
        finally:
            _stop(process)
            if reader is not None:
                reader.join(timeout=STOP_GRACE_S)  # EOF follows the exit
            if process.stdout and (reader is None or not reader.is_alive()):
                process.stdout.close()
