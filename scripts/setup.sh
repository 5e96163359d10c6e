#!/usr/bin/env bash
# Installs what the project needs on Debian 12 (idempotent, fast when already done), builds
# cpprestsdk 2.10.18 against Boost 1.81 into a cached prefix, then configures and builds the project.
#
#   scripts/setup.sh [--sanitize] [--no-build]
#
# Environment: BEEZUP_DEPS_PREFIX (cpprestsdk cache, default ~/.cache/beezup-deps),
#              BEEZUP_BUILD_DIR (default build/release or build/sanitize),
#              BEEZUP_VERBOSE=1 (show every command's output; by default one line a step, the
#              full log kept under build/logs/ and named when a step fails).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

sanitize=0
build=1
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=1 ;;
    --no-build) build=0 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

CPPREST_VERSION=2.10.18
deps_root=${BEEZUP_DEPS_PREFIX:-$HOME/.cache/beezup-deps}
cpprest_prefix="$deps_root/cpprestsdk-$CPPREST_VERSION-boost1.81"
stamp="$cpprest_prefix/.beezup-stamp"
# Our own patches to cpprestsdk (scripts/cpprest-patches/): a change to one rebuilds the cache.
cpprest_patches=$(cat "$here"/cpprest-patches/*.patch | sha256sum | cut -c1-16)
stamp_value="cpprestsdk $CPPREST_VERSION boost 1.81 websockets-off patches $cpprest_patches"

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

# Quiet by default: a step prints one line with its duration, and what its commands say goes to a
# log file, named with its last lines when the step fails. BEEZUP_VERBOSE=1 shows everything.
log_dir="$top/build/logs"
mkdir -p "$log_dir"
log="$log_dir/setup-$(date +%Y%m%d-%H%M%S)-$$.log"
step() {  # step TITLE COMMAND [ARGS...]
  local title=$1 start=$SECONDS status
  shift
  if [ "${BEEZUP_VERBOSE:-0}" = 1 ]; then
    echo "== $title"
    "$@"
    return
  fi
  printf '%s ... ' "$title"
  set +e
  ( set -e; "$@" ) >>"$log" 2>&1
  status=$?
  set -e
  if [ "$status" -ne 0 ]; then
    echo "failed"
    echo "setup.sh: '$title' failed (exit $status); the whole log is $log; its end:" >&2
    tail -n 40 "$log" >&2
    exit "$status"
  fi
  echo "done ($((SECONDS - start)) s)"
}

debian_packages=(
  build-essential cmake ninja-build pkg-config dpkg-dev
  libboost1.81-dev libboost-json1.81-dev libboost-test1.81-dev libboost-system1.81-dev
  libboost-thread1.81-dev libboost-random1.81-dev libboost-chrono1.81-dev
  libboost-filesystem1.81-dev libboost-date-time1.81-dev libboost-regex1.81-dev
  libboost-atomic1.81-dev libboost-program-options1.81-dev
  libssl-dev zlib1g-dev libbrotli-dev libsqlite3-dev python3-dev python3-venv openssl libhpdf-dev libcsv-dev libgumbo-dev
  libdeflate-dev
  clang libclang-rt-14-dev
  poppler-utils doxygen
  libpq-dev postgresql libhiredis-dev redis-server
)

missing_packages() {
  local p
  for p in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

if [ -f /etc/debian_version ] && command -v apt-get >/dev/null; then
  missing=$(missing_packages)
  install_debian_packages() {
    "${sudo_cmd[@]}" apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends $missing
  }
  if [ -n "$missing" ]; then
    step "installing Debian packages: $(echo $missing)" install_debian_packages
  fi
fi

python=${PYTHON:-python3}
python_modules_ok() {
  "$python" - <<'PY' 2>/dev/null
import importlib.util, sys
need = ["pybind11", "pytest", "jsonschema", "pypdf", "hypothesis_jsonschema", "flask", "fastapi", "uvicorn", "waitress", "mypy"]
sys.exit(0 if all(importlib.util.find_spec(m) for m in need) else 1)
PY
}
if ! python_modules_ok; then
  step "installing Python packages" "$python" -m pip install -q -r "$top/python/requirements-dev.txt"
fi

# Schemathesis (tests/schemathesis) in its own virtualenv, rebuilt when its pins change.
schemathesis_venv="$deps_root/schemathesis"
schemathesis_pins=$(sha256sum < "$top/tests/schemathesis/requirements.txt" | cut -c1-16)
install_schemathesis() {
  rm -rf "$schemathesis_venv"
  "$python" -m venv "$schemathesis_venv"
  "$schemathesis_venv/bin/pip" install -q -r "$top/tests/schemathesis/requirements.txt"
  echo "$schemathesis_pins" > "$schemathesis_venv/.beezup-stamp"
}
if [ "$(cat "$schemathesis_venv/.beezup-stamp" 2>/dev/null)" != "$schemathesis_pins" ]; then
  step "installing Schemathesis into $schemathesis_venv" install_schemathesis
fi

# --- cpprestsdk -------------------------------------------------------------------------------
system_cpprest_ok() {
  # A packaged cpprestsdk is usable only when it was built against the Boost we compile with.
  [ -f /usr/lib/x86_64-linux-gnu/cmake/cpprestsdk/cpprestsdk-config.cmake ] &&
    dpkg-query -W -f='${Depends}\n' libcpprest2.10 2>/dev/null | grep -q 'boost.*1\.81'
}

if system_cpprest_ok; then
  cpprest_prefix=/usr
elif [ "$(cat "$stamp" 2>/dev/null)" != "$stamp_value" ]; then
  build_cpprest() {
    if ! ls /etc/apt/sources.list.d/beezup-src.sources >/dev/null 2>&1; then
      "${sudo_cmd[@]}" tee /etc/apt/sources.list.d/beezup-src.sources >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
      "${sudo_cmd[@]}" apt-get update -qq
    fi
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && apt-get source -qq --download-only cpprest >/dev/null && dpkg-source -x --skip-patches cpprest_*.dsc src >/dev/null)
    # Apply Debian's patches except the ones that only concern its packaging.
    if [ -f "$work/src/debian/patches/series" ]; then
      while read -r patch; do
        case "$patch" in ''|'#'*) continue ;; esac
        patch -d "$work/src" -p1 -s < "$work/src/debian/patches/$patch"
      done < "$work/src/debian/patches/series"
    fi
    for patch in "$here"/cpprest-patches/*.patch; do
      patch -d "$work/src" -p1 -s < "$patch"
    done
    rm -rf "$cpprest_prefix"
    cmake -S "$work/src" -B "$work/build" -G Ninja \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$cpprest_prefix" \
      -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBUILD_SHARED_LIBS=OFF \
      -DBUILD_TESTS=OFF -DBUILD_SAMPLES=OFF -DCPPREST_EXCLUDE_WEBSOCKETS=ON \
      -DCPPREST_EXCLUDE_BROTLI=OFF -DWERROR=OFF \
      -DCMAKE_CXX_FLAGS="-Wno-deprecated-declarations -Wno-error" >/dev/null
    cmake --build "$work/build" -j2
    cmake --install "$work/build" >/dev/null
    echo "$stamp_value" > "$stamp"
  }
  step "building cpprestsdk $CPPREST_VERSION against Boost 1.81 into $cpprest_prefix (about 3 minutes)" build_cpprest
fi

[ "$build" -eq 1 ] || { rm -f "$log"; exit 0; }

# --- the project ------------------------------------------------------------------------------
if [ "$sanitize" -eq 1 ]; then
  build_dir=${BEEZUP_BUILD_DIR:-$top/build/sanitize}
  build_type=Debug
  # The interpreter is not instrumented; benchmarks are not run there.
  extra=(-DBEEZUP_SANITIZE=ON -DBEEZUP_BUILD_PYTHON=OFF -DBEEZUP_BUILD_BENCH=OFF)
else
  build_dir=${BEEZUP_BUILD_DIR:-$top/build/release}
  build_type=Release
  extra=(-DBEEZUP_BUILD_PYTHON=ON -DBEEZUP_SCHEMATHESIS="$schemathesis_venv/bin/st")
fi
pybind11_dir=$("$python" -m pybind11 --cmakedir)
configure_project() {
  cmake -S "$top" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="$build_type" \
    -DCMAKE_PREFIX_PATH="$cpprest_prefix" -Dpybind11_DIR="$pybind11_dir" \
    -DPython_EXECUTABLE="$(command -v "$python")" "${extra[@]}"
}
step "configuring $(basename "$build_dir")" configure_project
step "building $(basename "$build_dir") (-j2)" cmake --build "$build_dir" -j2
rm -f "$log"  # kept only when a step failed
