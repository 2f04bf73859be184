#!/usr/bin/env bash
# make bench-startup: the production jar against already-running PostgreSQL and S3 (started once,
# in their own JVM, before the first run; the database migrated by an unmeasured first start).
# Per run: launch -> /actuator/health/readiness UP, then VmRSS after BENCH_IDLE seconds idle (60).
# RUNS (5). STARTUP_JAVA_OPTS: the JVM flags (default: the image's in a 1 GiB pod).
# Three ways to start, alternated run by run under the same load: "jar" (java -jar on the fat jar),
# "cds" (the jar extracted, with the AppCDS archive infra/bench/cds.sh records in a training run)
# and "aot" (as cds, with -Dspring.aot.enabled=true: the bean definitions Spring generated at build
# time, make jar-aot, instead of scanning and parsing the configuration at start-up).
# STARTUP_VARIANTS="cds aot" (default), or any of the three. The last line gives the last variant.
# STARTUP_STEPS=1: first one unmeasured run (of STEPS_VARIANT, default the last variant) that
# records Spring's start-up steps
# (MINKA_STARTUP_STEPS=<file>, see MinkaApplication) and prints where the time goes: JVM to main,
# main to context refreshed, refreshed to readiness UP, and the slowest steps (needs python3).
set -euo pipefail
. "$(dirname "$0")/common.sh"
RUNS=${RUNS:-5}
IDLE=${BENCH_IDLE:-60}
PORT=${BENCH_APP_PORT:-28482}
# heap 75%/25% of the 1 GiB limit (MaxRAMPercentage/InitialRAMPercentage), and SerialGC, which
# the JVM itself picks below 2 GB of memory
FLAGS=${STARTUP_JAVA_OPTS:--XX:+UseSerialGC -Xmx768m -Xms256m -XX:+ExitOnOutOfMemoryError}
read -r -a VARIANTS <<<"${STARTUP_VARIANTS:-cds aot}"
STEPS_VARIANT=${STEPS_VARIANT:-${VARIANTS[-1]}}
bench_classpath
start_servers
CONFIG=(--spring.config.additional-location="file:$OUT/servers.properties" --server.port=$PORT)

# the training run also migrates the fresh database; it is not measured
"$(dirname "$0")/cds.sh" "$JAR" "$OUT/cds" "${CONFIG[@]}"
if [[ " ${VARIANTS[*]} " == *" aot "* ]]; then
  unzip -l "$JAR" | grep '__ApplicationContextInitializer' >/dev/null \
    || { echo "the aot variant needs a jar built with -Paot (make jar-aot)" >&2; exit 1; }
  CDS_JAVA_OPTS=-Dspring.aot.enabled=true "$(dirname "$0")/cds.sh" "$JAR" "$OUT/aot" "${CONFIG[@]}"
fi
launch() {
  case $1 in
    jar) echo "-jar $JAR" ;;
    cds) echo "-XX:SharedArchiveFile=$OUT/cds/minka.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -jar $OUT/cds/$(basename "$JAR")" ;;
    aot) echo "-Dspring.aot.enabled=true -XX:SharedArchiveFile=$OUT/aot/minka.jsa -Xlog:cds=off -Xlog:cds+dynamic=off -jar $OUT/aot/$(basename "$JAR")" ;;
  esac
}

steps() {
  local start log=$OUT/startup-steps.log
  rm -f "$OUT/startup-steps.tsv"
  start=$(date +%s%N)
  # shellcheck disable=SC2046
  MINKA_STARTUP_STEPS="$OUT/startup-steps.tsv" java $FLAGS $(launch "$STEPS_VARIANT") "${CONFIG[@]}" >"$log" 2>&1 &
  local pid=$!
  until curl -fs "http://localhost:$PORT/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; do
    kill -0 "$pid" 2>/dev/null || { echo "steps run: the app exited; see $log" >&2; exit 1; }
    sleep 0.05
  done
  local ready=$(( ($(date +%s%N) - start) / 1000000 ))
  until [ -s "$OUT/startup-steps.tsv" ]; do sleep 0.2; done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "steps run ($STEPS_VARIANT): ready ${ready} ms after launch; $(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$log")"
  python3 "$(dirname "$0")/startup-steps.py" "$OUT/startup-steps.tsv"
}
[ "${STARTUP_STEPS:-0}" = 1 ] && steps

declare -A READY RSS
for run in $(seq 1 "$RUNS"); do
  for variant in "${VARIANTS[@]}"; do
    start=$(date +%s%N)
    # shellcheck disable=SC2046
    java $FLAGS $(launch "$variant") "${CONFIG[@]}" >"$OUT/startup-$variant-$run.log" 2>&1 &
    pid=$!
    until curl -fs "http://localhost:$PORT/actuator/health/readiness" 2>/dev/null | grep -q '"status":"UP"'; do
      kill -0 "$pid" 2>/dev/null || { echo "$variant run $run: the app exited; see $OUT/startup-$variant-$run.log" >&2; exit 1; }
      sleep 0.05
    done
    ready=$(( ($(date +%s%N) - start) / 1000000 ))
    sleep "$IDLE"
    rss=$(awk '/^VmRSS:/ {printf "%.0f", $2/1024}' "/proc/$pid/status")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    READY[$variant]+="$ready "; RSS[$variant]+="$rss "
    echo "run $run $variant: ready ${ready} ms, RSS after ${IDLE} s idle ${rss} MiB (load avg $(cut -d' ' -f1 /proc/loadavg))"
  done
done
median() { printf '%s\n' $1 | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "flags: $FLAGS; load avg $(cut -d' ' -f1-3 /proc/loadavg)"
for variant in "${VARIANTS[@]}"; do
  echo "startup-bench: ready_ms_median=$(median "${READY[$variant]}") rss_mib_median=$(median "${RSS[$variant]}") ($variant)"
done | sed '$ s/ ([a-z]*)$//'
