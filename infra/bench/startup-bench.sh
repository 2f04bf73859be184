#!/usr/bin/env bash
# make bench-startup: the production jar against already-running PostgreSQL and S3 (started once,
# in their own JVM, before the first run; the database already migrated by a first, unmeasured
# start). Per run: launch -> /actuator/health/readiness UP, then VmRSS after BENCH_IDLE seconds
# idle (60). RUNS (5). Flags: STARTUP_JAVA_OPTS (default: the image's, sized for its 1 GiB limit).
# STARTUP_CDS=1 (default) starts from the extracted jar with the AppCDS archive that
# infra/bench/cds.sh builds (as the image does); STARTUP_CDS=0 starts the fat jar as it is.
set -euo pipefail
. "$(dirname "$0")/common.sh"
RUNS=${RUNS:-5}
IDLE=${BENCH_IDLE:-60}
PORT=${BENCH_APP_PORT:-18082}
FLAGS=${STARTUP_JAVA_OPTS:--Xmx768m -Xms192m -XX:+ExitOnOutOfMemoryError}
CDS=${STARTUP_CDS:-1}
bench_classpath
start_servers
CONFIG=(--spring.config.additional-location="file:$OUT/servers.properties" --server.port=$PORT)

if [ "$CDS" = 1 ]; then
  "$(dirname "$0")/cds.sh" "$JAR" "$OUT/cds" "${CONFIG[@]}"
  LAUNCH=(-XX:SharedArchiveFile="$OUT/cds/minka.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$OUT/cds/minka-backend.jar")
else
  LAUNCH=(-jar "$JAR")
  # a first start migrates the fresh database; it is not measured
  java $FLAGS "${LAUNCH[@]}" "${CONFIG[@]}" >"$OUT/startup-first.log" 2>&1 &
  first=$!
  wait_http "http://localhost:$PORT/actuator/health/readiness" 300
  kill "$first"; wait "$first" 2>/dev/null || true
fi

READY=(); RSS=()
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  java $FLAGS "${LAUNCH[@]}" "${CONFIG[@]}" >"$OUT/startup-$run.log" 2>&1 &
  pid=$!
  until curl -fs "http://localhost:$PORT/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$pid" 2>/dev/null || { echo "run $run: the app exited; see $OUT/startup-$run.log" >&2; exit 1; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep "$IDLE"
  rss=$(awk '/^VmRSS:/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  READY+=("$ready"); RSS+=("$rss")
  echo "run $run: ready ${ready} ms, RSS after ${IDLE} s idle ${rss} MiB (load avg $(cut -d' ' -f1 /proc/loadavg))"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "flags: $FLAGS; CDS: $CDS; load avg $(cut -d' ' -f1-3 /proc/loadavg)"
echo "startup-bench: ready_ms_median=$(median "${READY[@]}") rss_mib_median=$(median "${RSS[@]}")"
