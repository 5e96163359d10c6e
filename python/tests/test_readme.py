"""The README's Python quickstart works as written: its code blocks run, unchanged, against the
sandbox — sync, async, and a FastAPI app (uvicorn) receiving a push that the worker command hands
to the README's handler."""

from __future__ import annotations

import os
import pathlib
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

import beezup
from beezup.testing import Sandbox, sandbox_or_skip

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"
SECRET = "readme-push-secret"


def python_blocks() -> list[str]:
    text = README.read_text()
    section = text[text.index("## Quickstart in Python"):]
    section = section[: section.index("\n## ", 1)]
    return re.findall(r"```python\n(.*?)```", section, re.S)


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    yield from sandbox_or_skip(orders=4000, push_secret=SECRET, push_retry_base=0.1)


def environment(sandbox: Sandbox, **extra: str) -> dict[str, str]:
    package_root = str(pathlib.Path(beezup.__file__).absolute().parent.parent)
    path = os.pathsep.join(p for p in [package_root, extra.pop("PYTHONPATH", ""), os.environ.get("PYTHONPATH", "")] if p)
    return dict(os.environ, BEEZUP_API_KEY=sandbox.api_key, BEEZUP_BASE_URL=sandbox.url, PYTHONPATH=path, **extra)


def run_block(code: str, env: dict[str, str], cwd: pathlib.Path) -> str:
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_readme_has_the_four_quickstart_blocks() -> None:
    assert len(python_blocks()) == 4


def test_sync_and_async_quickstarts_ship_an_order(sandbox: Sandbox, tmp_path: pathlib.Path) -> None:
    sync, asynchronous = python_blocks()[:2]
    assert " Shipped " in run_block(sync, environment(sandbox), tmp_path)
    assert run_block(asynchronous, environment(sandbox), tmp_path).strip() == "Shipped"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_fastapi_app_receives_a_push_and_the_worker_hands_it_over(sandbox: Sandbox, tmp_path: pathlib.Path) -> None:
    app_code, subscribe_code = python_blocks()[2:]
    (tmp_path / "shop.py").write_text(app_code)
    port = free_port()
    env = environment(sandbox, BEEZUP_PUSH_SECRET=SECRET, SHOP_PUSH_URL=f"http://127.0.0.1:{port}/beezup/push",
                      PYTHONPATH=str(tmp_path))
    # As the block's first line says.
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "shop:app", "--port", str(port), "--log-level", "warning"],
                              env=env, cwd=tmp_path)
    worker = None
    try:
        deadline = time.monotonic() + 20
        while socket.socket().connect_ex(("127.0.0.1", port)) != 0:
            assert time.monotonic() < deadline and server.poll() is None, "uvicorn did not start"
            time.sleep(0.1)
        run_block(subscribe_code, env, tmp_path)

        client = sandbox.client()
        order = next(iter(client.orders.all(begin=sandbox_days_ago(30))))
        client.orders.set_merchant_info(order.key, merchant_order_id="README-1", software_name="readme", software_version="1")

        worker = subprocess.Popen([sys.executable, "-m", "beezup.push", "worker", "--inbox", "pushes.db", "--handler", "shop:on_push"],
                                  env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True)
        expected = f"pushed: {order.key.beezup_order_id} {order.status} README-1"
        assert worker.stdout is not None
        deadline = time.monotonic() + 30
        lines: list[str] = []
        while expected not in lines and time.monotonic() < deadline:
            lines.append(worker.stdout.readline().strip())
        assert expected in lines
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0
    finally:
        for process in (worker, server):
            if process and process.poll() is None:
                process.terminate()
                process.wait(timeout=10)


def sandbox_days_ago(days: int) -> object:
    import datetime

    return datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days)
