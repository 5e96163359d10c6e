#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) and runs each for
# FUZZ_SECONDS (default 30) from the committed seed corpus, under ctest.
#
#   scripts/fuzz.sh            build, then run every target
#   FUZZ_SECONDS=600 scripts/fuzz.sh   a longer campaign
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BEEZUP_FUZZ_BUILD_DIR:-$top/build/fuzz}
seconds=${FUZZ_SECONDS:-30}
cmake -S "$top/tests/fuzz" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DFUZZ_SECONDS="$seconds" >/dev/null
cmake --build "$build_dir" -j2
ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j2
