#!/usr/bin/env bash
# Set-up (as scripts/setup.sh) and every test: the C++ tests under AddressSanitizer + UBSan, the
# fuzz targets (libFuzzer, 30 s each), then the Release build's C++ unit and integration tests,
# packaging, samples, the decoders against the spec, the sandbox's spec conformance and the Python
# package. Ends with ctest's summary, then pytest's. The tests of the shared stores run against a
# throw-away PostgreSQL cluster and redis-server (scripts/with_stores.sh).
#
#   scripts/test.sh              everything
#   scripts/test.sh --sanitize   only the ASan + UBSan build and its C++ tests
#   scripts/test.sh --fuzz       only the fuzz targets
#   scripts/test.sh --release    only the Release build and its tests
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
python=${PYTHON:-python3}
mode=${1:-all}

sanitized() {
  "$top/scripts/setup.sh" --sanitize
  # Python and packaging are left to the Release run: the interpreter is not instrumented, and
  # packaging checks the install tree, not memory safety.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1} \
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$top/scripts/with_stores.sh" ctest --test-dir "$top/build/sanitize" --output-on-failure --no-tests=error \
      -E '^(python_tests|packaging_consumer|sample_python_.*|decoders_against_spec)$'
}

release() {
  "$top/scripts/setup.sh"
  local status=0
  "$top/scripts/with_stores.sh" ctest --test-dir "$top/build/release" --output-on-failure --no-tests=error \
    -E '^python_tests$' || status=1
  echo
  echo "== Spec conformance of the sandbox, then the Python package"
  # Two runs: each suite has its own conftest.py.
  BEEZUP_SANDBOX="$top/build/release/sandbox/beezup-sandbox" \
    "$python" -m pytest -q -rs "$top/tests/conformance" || status=1
  BEEZUP_SANDBOX="$top/build/release/sandbox/beezup-sandbox" PYTHONPATH="$top/build/release/python" \
    "$top/scripts/with_stores.sh" "$python" -m pytest -q -rs "$top/python/tests" || status=1
  return $status
}

fuzz() {
  "$top/scripts/setup.sh" --no-build
  "$top/scripts/fuzz.sh"
}

case "$mode" in
  --sanitize) sanitized ;;
  --fuzz) fuzz ;;
  --release) release ;;
  all)
    status=0
    echo "== C++ tests under AddressSanitizer and UndefinedBehaviorSanitizer"
    sanitized || status=1
    echo
    echo "== Fuzz targets (libFuzzer, ASan + UBSan)"
    fuzz || status=1
    echo
    echo "== Release build"
    release || status=1
    exit $status
    ;;
  *) echo "test.sh: unknown option $mode" >&2; exit 2 ;;
esac
