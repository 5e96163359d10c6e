#!/usr/bin/env bash
# Installs the SDK into a temporary prefix, then builds and runs a consumer with
# find_package(beezup) and with add_subdirectory.
set -euo pipefail
source_dir=$1 build_dir=$2 prefix_path=$3
work="$build_dir/packaging-check"
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build_dir" --prefix "$work/prefix" --component Unspecified >/dev/null

cmake -S "$source_dir/tests/packaging/consumer" -B "$work/find-package" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix;$prefix_path" >/dev/null
cmake --build "$work/find-package" -j2 >/dev/null
"$work/find-package/consumer"

cmake -S "$source_dir/tests/packaging/consumer" -B "$work/subdirectory" -G Ninja \
  -DBEEZUP_SOURCE_DIR="$source_dir" -DCMAKE_PREFIX_PATH="$prefix_path" >/dev/null
cmake --build "$work/subdirectory" -j2 >/dev/null
"$work/subdirectory/consumer"
echo "packaging: find_package and add_subdirectory consumers built and ran"
