#!/usr/bin/env bash
# Runs a command against Minka: the one at MINKA_API when it answers, otherwise a `make run`
# started here in the background (its own port, issuer port and data folder), stopped afterwards.
#   PORT (default 8080), MINKA_ISSUER_PORT (default 8090), MINKA_DATA_DIR (default ./.minka-data)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
port="${PORT:-8080}"
issuer_port="${MINKA_ISSUER_PORT:-8090}"
export MINKA_API="${MINKA_API:-http://localhost:$port}"
export MINKA_ISSUER="${MINKA_ISSUER:-http://localhost:$issuer_port/minka}"

if curl -fsS -o /dev/null "$MINKA_API/actuator/health/readiness" 2>/dev/null; then
  echo "using the Minka already running at $MINKA_API (issuer $MINKA_ISSUER)"
  exec "$@"
fi

log="$root/backend/target/e2e-make-run.log"
mkdir -p "$root/backend/target"
echo "starting make run on port $port (issuer $issuer_port, data ${MINKA_DATA_DIR:-$root/.minka-data}); log: $log"
start=$(date +%s)
PORT="$port" MINKA_ISSUER_PORT="$issuer_port" setsid make -C "$root" run >"$log" 2>&1 &
run_pid=$!
stop() {
  echo "stopping make run (process group $run_pid)"
  kill -TERM -- "-$run_pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$run_pid" 2>/dev/null || return 0; sleep 1; done
  kill -KILL -- "-$run_pid" 2>/dev/null || true
}
trap stop EXIT
# ready when the banner is printed: demo data loaded, links and token commands shown
for _ in $(seq 1 900); do
  if grep -q "Minka is running" "$log"; then break; fi
  if ! kill -0 "$run_pid" 2>/dev/null; then echo "make run exited; see $log"; tail -20 "$log"; exit 1; fi
  sleep 1
done
grep -q "Minka is running" "$log" || { echo "make run not ready after 15 min; see $log"; exit 1; }
echo "make run ready after $(( $(date +%s) - start )) s"
"$@"
