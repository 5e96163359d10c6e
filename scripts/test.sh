#!/usr/bin/env bash
# Set-up (as scripts/setup.sh) and every test: C++ unit and integration, packaging, samples, Python.
# Ends with ctest's summary, then pytest's.
#
#   scripts/test.sh              Release build, every test
#   scripts/test.sh --sanitize   ASan + UBSan build, the C++ tests and samples
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
python=${PYTHON:-python3}

if [ "${1:-}" = "--sanitize" ]; then
  "$top/scripts/setup.sh" --sanitize
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  # Python and packaging tests are left to the Release run: the interpreter is not instrumented,
  # and packaging checks the install tree, not memory safety.
  exec ctest --test-dir "$top/build/sanitize" --output-on-failure --no-tests=error -E '^(python_tests|packaging_consumer|sample_python_.*)$'
fi

"$top/scripts/setup.sh"
status=0
ctest --test-dir "$top/build/release" --output-on-failure --no-tests=error -E '^python_tests$' || status=1
echo
echo "== Spec conformance of the sandbox, then the Python package"
# Two runs: each suite has its own conftest.py.
BEEZUP_SANDBOX="$top/build/release/sandbox/beezup-sandbox" \
  "$python" -m pytest -q -rs "$top/tests/conformance" || status=1
PYTHONPATH="$top/python" "$python" -m pytest -q -rs "$top/python/tests" || status=1
exit $status
