#!/usr/bin/env bash
# make bench-read: public reads of the production jar against a bare WebFlux hello, measured from
# outside with wrk (apt-get install -y wrk) or, when wrk is missing, the Java load generator in
# test sources. Same JVM flags for both apps; the sides alternate round by round; medians.
# BENCH_SECONDS (30), ROUNDS (3), BENCH_CONNECTIONS (64), BENCH_WARMUP (10) shorten it for trials;
# BENCH_JAR picks another jar (e.g. an older build, to compare); BENCH_JFR=1 profiles the app.
set -euo pipefail
. "$(dirname "$0")/common.sh"
SECONDS_EACH=${BENCH_SECONDS:-30}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
WARMUP=${BENCH_WARMUP:-10}
APP_PORT=${BENCH_APP_PORT:-28480}
HELLO_PORT=${BENCH_HELLO_PORT:-28481}
port_free "$APP_PORT" "$HELLO_PORT"
bench_classpath
start_servers

# BENCH_JFR=1: record the app with JFR (profile settings) into $OUT/app.jfr, for `jfr print`.
APP_EXTRA=()
if [ "${BENCH_JFR:-0}" = 1 ]; then APP_EXTRA=(-XX:StartFlightRecording=filename=$OUT/app.jfr,settings=profile,dumponexit=true); fi
# GC pauses of both JVMs go to their own logs; the summary at the end sets them beside the p99s
java $JAVA_FLAGS -Xlog:gc:file="$OUT/app-gc.log" "${APP_EXTRA[@]}" -jar "$JAR" --spring.config.additional-location="file:$OUT/servers.properties" \
  --server.port=$APP_PORT >"$OUT/app.log" 2>&1 &
PIDS+=($!); APP_PID=$!
java $JAVA_FLAGS -Xlog:gc:file="$OUT/hello-gc.log" -cp "$CP" benchhello.HelloApplication --server.port=$HELLO_PORT \
  --spring.main.banner-mode=off >"$OUT/hello.log" 2>&1 &
PIDS+=($!)
wait_http "http://localhost:$APP_PORT/actuator/health/readiness" 900
wait_http "http://localhost:$HELLO_PORT/hello" 900
EVENT=$(java -cp "$CP" org.minka.bench.ReadBenchSeed "http://localhost:$APP_PORT" "$OUT/servers.properties" | tail -1 | sed 's/^event=//')
echo "seeded event $EVENT"

API=http://localhost:$APP_PORT/api/v1
declare -A URL=(
  [hello]=http://localhost:$HELLO_PORT/hello
  [events]=$API/events
  [challenges]=$API/events/$EVENT/challenges
  [gallery]=$API/events/$EVENT/gallery/submissions
)
etag() { curl -fsS -D - -o /dev/null "$1" | tr -d '\r' | awk 'tolower($1)=="etag:" {print $2}'; }
declare -A TAG
for side in events challenges gallery; do
  TAG[$side]=$(etag "${URL[$side]}")
  [ -n "${TAG[$side]}" ] || { echo "no ETag on ${URL[$side]}" >&2; exit 1; }
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: ${TAG[$side]}" "${URL[$side]}")
  [ "$code" = 304 ] || { echo "${URL[$side]} with its ETag answered $code, not 304" >&2; exit 1; }
done
for side in events challenges gallery; do
  echo "$side: ETag ${TAG[$side]}; the 304, twice (the second from the cache):"
  for _ in 1 2; do curl -sS -D - -o /dev/null -H "If-None-Match: ${TAG[$side]}" "${URL[$side]}" | tr -d '\r' | grep -v '^$' | sed 's/^/    /'; done
done
SIDES=(hello events events_304 challenges challenges_304 gallery gallery_304)

# load SIDE SECONDS -> "rps p99_ms"
load() {
  local side=$1 base=${1%_304} header=()
  [ "$side" = "$base" ] || header=(-H "If-None-Match: ${TAG[$base]}")
  if command -v wrk >/dev/null; then
    local out
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${2}s" --latency "${header[@]}" "${URL[$base]}")
    if grep -q "Non-2xx or 3xx" <<<"$out"; then echo "$side: errors" >&2; echo "$out" >&2; exit 1; fi
    if grep -q "Socket errors" <<<"$out"; then echo "$side: $(grep 'Socket errors' <<<"$out")" >&2; fi
    local rps p99
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' <<<"$out")
    echo "$rps $p99"
  else
    java -cp "$CP" org.minka.bench.LoadGenerator "${URL[$base]}" "$CONNECTIONS" "$2" "${header[@]:1}" | tail -1
  fi
}

echo "warm-up: ${WARMUP}s per side"
for side in "${SIDES[@]}"; do load "$side" "$WARMUP" >/dev/null; done

declare -A RPS P99
for round in $(seq 1 "$ROUNDS"); do
  order=("${SIDES[@]}")
  if (( round % 2 == 0 )); then order=($(printf '%s\n' "${SIDES[@]}" | tac)); fi
  for side in "${order[@]}"; do
    read -r rps p99 < <(load "$side" "$SECONDS_EACH")
    RPS[$side]+="$rps "; P99[$side]+="$p99 "
    printf 'round %d %-15s %10.0f req/s  p99 %7.2f ms  (load avg %s)\n' "$round" "$side" "$rps" "$p99" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done

median() { printf '%s\n' $1 | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A MED MP99
for side in "${SIDES[@]}"; do MED[$side]=$(median "${RPS[$side]}"); MP99[$side]=$(median "${P99[$side]}"); done
printf '%-15s %10s %8s\n' side "req/s" "p99 ms"
for side in "${SIDES[@]}"; do printf '%-15s %10.0f %8.2f\n' "$side" "${MED[$side]}" "${MP99[$side]}"; done
hello=${MED[hello]}
ratio_min=$(awk -v h="$hello" -v a="${MED[events]}" -v b="${MED[challenges]}" -v c="${MED[gallery]}" 'BEGIN {m=a; if (b<m) m=b; if (c<m) m=c; printf "%.2f", m/h}')
nm_ratio=$(awk -v h="$hello" -v a="${MED[events_304]}" -v b="${MED[challenges_304]}" -v c="${MED[gallery_304]}" 'BEGIN {m=a; if (b<m) m=b; if (c<m) m=c; printf "%.2f", m/h}')
p99=$(printf '%s\n' "${MP99[events]}" "${MP99[challenges]}" "${MP99[gallery]}" "${MP99[events_304]}" "${MP99[challenges_304]}" "${MP99[gallery_304]}" | sort -g | tail -1)
# "[12.345s][info][gc] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 60M->12M(128M) 3.456ms"
gc_pauses() {
  awk '/Pause/ && $NF ~ /ms$/ {v=$NF; sub(/ms/,"",v); print v}' "$1" | sort -g |
    awk '{c[NR]=$1; t+=$1} END {if (!NR) {print "no pauses logged"; exit}
         printf "%d pauses, median %.1f ms, max %.1f ms, total %.1f s", NR, c[int((NR+1)/2)], c[NR], t/1000}'
}
echo "GC pauses over the whole run: app $(gc_pauses "$OUT/app-gc.log"); hello $(gc_pauses "$OUT/hello-gc.log")"
echo "load: wrk -t2 -c$CONNECTIONS, ${SECONDS_EACH}s per side, $ROUNDS rounds, JVM flags: $JAVA_FLAGS; load avg $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'read-bench: hello_rps=%.0f events_rps=%.0f challenges_rps=%.0f gallery_rps=%.0f ratio_min=%s not_modified_ratio=%s p99_ms=%.1f\n' \
  "$hello" "${MED[events]}" "${MED[challenges]}" "${MED[gallery]}" "$ratio_min" "$nm_ratio" "$p99"
