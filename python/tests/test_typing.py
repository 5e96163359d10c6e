"""`mypy --strict` accepts the package, the Python samples and a file that uses every public name."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).parent
SAMPLES = HERE.parent.parent / "samples" / "python"


def test_mypy_strict_on_the_samples_and_every_public_name() -> None:
    pytest.importorskip("mypy")
    files = [str(HERE / "typing" / "every_public_name.py"), *map(str, sorted(SAMPLES.glob("*.py")))]
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", *files],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_package_itself() -> None:
    pytest.importorskip("mypy")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "beezup"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
