#!/usr/bin/env bash
# Starts beezup-sandbox on a free loopback port, runs the given command with BEEZUP_BASE_URL and
# BEEZUP_API_KEY pointing at it, then stops the sandbox. Exits with the command's status.
#
#   scripts/with_sandbox.sh SANDBOX_BINARY COMMAND [ARGS...]
#
# BEEZUP_SANDBOX_ARGS, when set, adds sandbox options (split on blanks), e.g.
# BEEZUP_SANDBOX_ARGS="--new-orders-per-hour 36000 --change-delay 500ms".
set -euo pipefail
sandbox=$1
shift
key="sandbox-key-$$"
log=$(mktemp)
read -r -a extra_args <<<"${BEEZUP_SANDBOX_ARGS:-}"
"$sandbox" --api-key "$key" --rate-limit 0 ${extra_args[@]+"${extra_args[@]}"} >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  url=$(grep -o 'http://[^ ]*' "$log" | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.05
done
[ -n "$url" ] || { echo "with_sandbox: the sandbox did not start" >&2; cat "$log" >&2; exit 1; }
BEEZUP_BASE_URL=$url BEEZUP_API_KEY=$key "$@"
