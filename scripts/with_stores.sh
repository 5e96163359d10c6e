#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster and a redis-server on free loopback ports, runs the given
# command with their URLs in the environment, then stops both and removes their files.
#
#   scripts/with_stores.sh COMMAND [ARGS...]
#
# The command sees BEEZUP_TEST_POSTGRESQL_URL (an administrator's URL: tests make a database
# each), BEEZUP_TEST_REDIS_URL, and BEEZUP_TEST_RESTART_POSTGRESQL / BEEZUP_TEST_RESTART_REDIS
# (scripts that restart each server in place, for the tests of what survives a restart).
# Exits with the command's status.
set -euo pipefail

# Two ports the kernel picks, both held until both are known (so they differ).
free_ports() {
  python3 -c 'import socket; s = [socket.socket() for _ in range(2)]; [x.bind(("127.0.0.1", 0)) for x in s]; print(*(x.getsockname()[1] for x in s))'
}

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "with_stores: PostgreSQL's server is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
for tool in redis-server redis-cli; do
  command -v "$tool" >/dev/null || { echo "with_stores: $tool is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
done

work=$(mktemp -d)
chmod 755 "$work"
# initdb refuses to run as root: the cluster then belongs to the postgres account.
as_owner=()
if [ "$(id -u)" = 0 ]; then
  as_owner=(runuser -u postgres --)
  chown postgres "$work"
fi
read -r pg_port redis_port <<<"$(free_ports)"
data="$work/pg"
redis_pid=""

stop_all() {
  "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
  # By its port: after a restart by the tests, the server is no longer the child started here.
  redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  [ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null && wait "$redis_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap stop_all EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$data" -U beezup -A trust -E UTF8 --no-sync >"$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log" >&2; exit 1; }
pg_options="-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c max_connections=200"
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$data" -o "$pg_options" -l "$work/postgresql.log" -w start >/dev/null ||
  { cat "$work/postgresql.log" >&2; exit 1; }

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    >>"$work/redis.log" 2>&1 &
  redis_pid=$!
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "with_stores: redis-server did not start" >&2
  cat "$work/redis.log" >&2
  return 1
}
start_redis

cat >"$work/restart-postgresql" <<SCRIPT
#!/usr/bin/env bash
exec ${as_owner[*]} "$pg_bin/pg_ctl" -D "$data" -o "$pg_options" -l "$work/postgresql.log" -m fast -w restart >/dev/null
SCRIPT
# Redis keeps nothing on disk here: a restart is a stop and a start on the same port.
cat >"$work/restart-redis" <<SCRIPT
#!/usr/bin/env bash
redis-cli -p $redis_port shutdown nosave >/dev/null 2>&1 || true
# Until the old server has let the port go, so that the probe below reaches the new one.
for _ in \$(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$redis_port) 2>/dev/null || break; sleep 0.05; done
redis-server --port $redis_port --bind 127.0.0.1 --save '' --appendonly no --daemonize yes >>"$work/redis.log" 2>&1
for _ in \$(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$redis_port) 2>/dev/null && exit 0; sleep 0.05; done
exit 1
SCRIPT
chmod +x "$work/restart-postgresql" "$work/restart-redis"

set +e
BEEZUP_TEST_POSTGRESQL_URL="postgresql://beezup@127.0.0.1:$pg_port/postgres" \
BEEZUP_TEST_REDIS_URL="redis://127.0.0.1:$redis_port/0" \
BEEZUP_TEST_RESTART_POSTGRESQL="$work/restart-postgresql" \
BEEZUP_TEST_RESTART_REDIS="$work/restart-redis" \
  "$@"
status=$?
set -e
exit "$status"
