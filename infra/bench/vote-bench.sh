#!/usr/bin/env bash
# make bench-vote: the cast endpoint of the production jar, measured from outside. The servers
# (embedded PostgreSQL, S3Proxy, the dev issuer) and the jar run in their own JVMs; one driver JVM
# (org.minka.voting.VoteBench, test sources) seeds through the API, signs in the voters, and runs
# both load generators: the API (64 connections, signed JWTs, one client address per voter in
# X-Forwarded-For, which the app trusts from 127.0.0.1) and the same ballot SQL straight over
# R2DBC, alternated round by round; then the API at half the peak (p50/p99) and 1,000 SSE tally
# subscribers. Rate limits stay on (production defaults); VOTE_BENCH_LIMITS=off turns them off.
# Knobs: BENCH_SECONDS (15 per side and round), ROUNDS (3), BENCH_VOTERS (6000),
# BENCH_SUBSCRIBERS (1000), BENCH_WARMUP_API (180: until the JIT has settled, see docs/benchmarks.md),
# BENCH_WARMUP_DIRECT (30), BENCH_SETTLE_MS (11000:
# the wait for PostgreSQL's statistics after each side), BENCH_JAVA_OPTS (the app's JVM flags;
# default the image's in infra/k8s's 1 GiB pod: MaxRAMPercentage=75 and InitialRAMPercentage=25
# give -Xmx768m -Xms256m, and below 2 GB of memory the JVM picks SerialGC itself),
# DRIVER_JAVA_OPTS (the driver's), BENCH_JAR, BENCH_APP_PORT (28483), and
# BENCH_VOTING_OPENED (-1 minute: VOTING opens as the load begins; "-1 hour" makes the load a burst),
# BENCH_JFR=1 to record the app with JFR ($OUT/app.jfr). The last line is the driver's vote-bench:.
set -euo pipefail
. "$(dirname "$0")/common.sh"
APP_PORT=${BENCH_APP_PORT:-28483}
JAVA_FLAGS=${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx768m -Xms256m -XX:+ExitOnOutOfMemoryError}
DRIVER_FLAGS=${DRIVER_JAVA_OPTS:--Xms256m -Xmx768m}
port_free "$APP_PORT"
bench_classpath
start_servers

APP_ARGS=(--minka.rate-limit.trusted-proxies=127.0.0.1/32,::1/128)
case "${VOTE_BENCH_LIMITS:-on}" in
  on) ;;
  off) APP_ARGS+=(--minka.rate-limit.enabled=false --minka.voting.rate-limit-enabled=false) ;;
  *) echo "VOTE_BENCH_LIMITS is on or off" >&2; exit 1 ;;
esac
APP_EXTRA=()
if [ "${BENCH_JFR:-0}" = 1 ]; then APP_EXTRA=(-XX:FlightRecorderOptions:stackdepth=512 -XX:StartFlightRecording=filename=$OUT/app.jfr,settings=profile,dumponexit=true); fi
java $JAVA_FLAGS -Xlog:gc:file="$OUT/app-gc.log" "${APP_EXTRA[@]}" -jar "$JAR" --spring.config.additional-location="file:$OUT/servers.properties" \
  --server.port=$APP_PORT "${APP_ARGS[@]}" >"$OUT/app.log" 2>&1 &
PIDS+=($!); APP_PID=$!
wait_http "http://localhost:$APP_PORT/actuator/health/readiness" 900

KNOBS=()
[ -n "${BENCH_SECONDS:-}" ] && KNOBS+=(-Dminka.bench.seconds="$BENCH_SECONDS")
[ -n "${ROUNDS:-}" ] && KNOBS+=(-Dminka.bench.rounds="$ROUNDS")
[ -n "${BENCH_VOTERS:-}" ] && KNOBS+=(-Dminka.bench.voters="$BENCH_VOTERS")
[ -n "${BENCH_SUBSCRIBERS:-}" ] && KNOBS+=(-Dminka.bench.subscribers="$BENCH_SUBSCRIBERS")
[ -n "${BENCH_WARMUP_API:-}" ] && KNOBS+=(-Dminka.bench.warmup-api="$BENCH_WARMUP_API")
[ -n "${BENCH_WARMUP_DIRECT:-}" ] && KNOBS+=(-Dminka.bench.warmup-direct="$BENCH_WARMUP_DIRECT")
[ -n "${BENCH_SETTLE_MS:-}" ] && KNOBS+=(-Dminka.bench.settle-ms="$BENCH_SETTLE_MS")
KNOBS+=(-Dminka.bench.limits="${VOTE_BENCH_LIMITS:-on}")
[ -n "${BENCH_VOTING_OPENED:-}" ] && KNOBS+=(-Dminka.bench.voting-opened="$BENCH_VOTING_OPENED")
echo "app: $JAVA_FLAGS ${APP_ARGS[*]}; driver: $DRIVER_FLAGS ${KNOBS[*]}"

# the driver's summary lines are held back, so that they come last (after the GC line)
set +e
java $DRIVER_FLAGS "${KNOBS[@]}" -cp "$CP" org.minka.voting.VoteBench "http://localhost:$APP_PORT" \
  "$OUT/servers.properties" "$APP_PID" | tee "$OUT/driver.log" | grep -v '^tally-fanout:\|^vote-bench:'
status=${PIPESTATUS[0]}
set -e
[ "$status" = 0 ] || { echo "vote-bench: the driver failed (exit $status); see $OUT/app.log, $OUT/driver.log" >&2; exit 1; }

# "[12.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 60M->12M(128M) 3.456ms"
gc_pauses() {
  awk '/Pause/ && $NF ~ /ms$/ {v=$NF; sub(/ms/,"",v); print v}' "$1" | sort -g |
    awk '{c[NR]=$1; t+=$1} END {if (!NR) {print "no pauses logged"; exit}
         printf "%d pauses, median %.1f ms, max %.1f ms, total %.1f s", NR, c[int((NR+1)/2)], c[NR], t/1000}'
}
echo "GC pauses of the app over the whole run: $(gc_pauses "$OUT/app-gc.log"); load avg $(cut -d' ' -f1-3 /proc/loadavg)"
grep '^tally-fanout:' "$OUT/driver.log"
grep '^vote-bench:' "$OUT/driver.log"
