#!/usr/bin/env bash
# A bounded Schemathesis run against beezup-sandbox: every check (Schemathesis enables them all by
# default; --checks on the command line would override the allow-list) on every non-deprecated operation,
# with the documented allow-list of spec quirks (schemathesis.toml). Fails on any other finding,
# on a sandbox that dies during the run, and on a run that tested nothing.
#
#   tests/schemathesis/run.sh SANDBOX_EXECUTABLE ST_EXECUTABLE [REPORT_DIR]
#
# SCHEMATHESIS_MAX_TIME (seconds, default 150) bounds the run.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
spec="$here/../data/beezup-orders-openapi.json"
sandbox=${1:?sandbox executable}
st=${2:?st executable}
reports=${3:-$(mktemp -d)}
mkdir -p "$reports"

key="schemathesis-$RANDOM$RANDOM"
out="$reports/sandbox.out"
# --push-targets stays at its default (loopback): subscriptions the fuzzer creates never make
# the sandbox call off the machine.
"$sandbox" --port 0 --api-key "$key" --rate-limit 0 --orders 2000 --change-delay 200ms > "$out" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^beezup-sandbox listening on \(http[^ ]*\)$/\1/p' "$out")
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; echo "run.sh: the sandbox did not start" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "run.sh: the sandbox did not say where it listens" >&2; exit 1; }

# The config's relative paths (none today) and its auto-discovery are pinned by --config-file;
# running from the report directory keeps Schemathesis' own files out of the tree.
status=0
(cd "$reports" && BEEZUP_SANDBOX_KEY="$key" "$st" --config-file "$here/schemathesis.toml" run "$spec" \
  --url "$url" --max-time "${SCHEMATHESIS_MAX_TIME:-150}" --no-color \
  --report json --report-json-path "$reports/schemathesis.json") || status=$?

if ! kill -0 "$pid" 2>/dev/null; then
  echo "run.sh: the sandbox died during the run" >&2
  tail -20 "$out" >&2
  exit 1
fi
python3 - "$reports/schemathesis.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
tested = report.get("test_cases", {})
total = tested.get("total", tested) if isinstance(tested, dict) else tested
print(f"schemathesis: {json.dumps(report.get('operations'))} operations, test cases {json.dumps(tested)}")
if not total:
    sys.exit("schemathesis: no test case ran")
PY
exit $status
