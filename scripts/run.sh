#!/usr/bin/env bash
# Set-up (as scripts/setup.sh), then the main job on the embedded default, the sandbox:
# `beezup demo` pulls orders, ships one with tracking, follows it until the marketplace confirms,
# and receives its push through a local push receiver.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
echo "== beezup demo (on the sandbox)"
exec "$top/build/release/tools/beezup" demo
