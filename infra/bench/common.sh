# Shared by read-bench.sh and startup-bench.sh: the classpath, the servers, the production jar.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGET=$ROOT/backend/target
JAR=${BENCH_JAR:-$TARGET/minka-backend.jar}
OUT=${BENCH_OUT:-$TARGET/bench/$(basename "$0" .sh)}
JAVA_FLAGS=${BENCH_JAVA_OPTS:--Xms128m -Xmx512m}
mkdir -p "$OUT"
PIDS=()

# Stops what the bench started; the bench's own exit status stands (a server stopped here ends
# with 143, which is not the bench's failure).
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  exit "$rc"
}
trap cleanup EXIT

bench_classpath() {
  [ -f "$JAR" ] || { echo "no $JAR: run make jar first" >&2; exit 1; }
  [ -f "$TARGET/bench.classpath" ] || { echo "no $TARGET/bench.classpath" >&2; exit 1; }
  CP=$TARGET/test-classes:$TARGET/classes:$(cat "$TARGET/bench.classpath")
}

start_servers() {
  rm -f "$OUT/servers.properties"
  java -Xmx256m -cp "$CP" org.minka.bench.BenchServers "$OUT/servers.properties" >"$OUT/servers.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do
    [ -f "$OUT/servers.properties" ] && return 0
    sleep 0.2
  done
  echo "servers did not start; see $OUT/servers.log" >&2; exit 1
}

# wait_http URL [TIMEOUT_S]: until URL answers 200
wait_http() {
  local deadline=$(( $(date +%s) + ${2:-180} ))
  until curl -fs -o /dev/null "$1"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "no answer from $1" >&2; return 1; }
    sleep 0.1
  done
}

# port_free PORT...: fails when another process (another checkout, make run) listens there
port_free() {
  for port in "$@"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is taken; set BENCH_APP_PORT / BENCH_HELLO_PORT" >&2; exit 1
    fi
  done
}
