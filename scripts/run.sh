#!/usr/bin/env bash
# Set-up (as scripts/setup.sh), then the main job on the embedded default, the sandbox: start
# beezup-sandbox on loopback and run the SDK against it.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/setup.sh"
echo "== running the SDK against the sandbox"
exec "$top/scripts/with_sandbox.sh" "$top/build/release/sandbox/beezup-sandbox" \
  "$top/build/release/samples/sample_list_order_statuses"
