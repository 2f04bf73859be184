#!/usr/bin/env bash
# make e2e-keycloak: real Keycloak (Maven Central zip) + Minka (embedded PostgreSQL and S3) +
# a PKCE journey (keycloak-journey.mjs). Leaves nothing running.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
KC_VERSION=${KC_VERSION:-26.4.7}
MVN=${MVN:-mvn -B}
WORK=${E2E_WORK:-$ROOT/backend/target/e2e-keycloak}
START=$(date +%s)
elapsed() { echo "$(( $(date +%s) - START ))s"; }
log() { echo "[e2e-keycloak $(elapsed)] $*"; }

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

# Keycloak 26 needs JDK 21+: KC_JAVA_HOME, else JAVA_HOME, else the newest under /usr/lib/jvm.
find_kc_java() {
  local candidate
  for candidate in "${KC_JAVA_HOME:-}" "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

wait_http() { # url seconds what
  local deadline=$(( $(date +%s) + $2 ))
  until curl -fs -o /dev/null "$1"; do
    if [ "$(date +%s)" -ge "$deadline" ]; then log "$3 not up after $2 s"; return 1; fi
    if [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null; then log "$3 exited early"; return 1; fi
    sleep 1
  done
}

KC_JAVA=$(find_kc_java) || {
  echo "No JDK 21 or newer found (KC_JAVA_HOME, JAVA_HOME, /usr/lib/jvm/*)." >&2
  echo "Install one, e.g. 'apt-get install temurin-21-jdk' (Adoptium apt repo) or 'openjdk-21-jdk'," >&2
  echo "then run again with KC_JAVA_HOME=/usr/lib/jvm/<that-jdk>." >&2
  exit 2
}
command -v node >/dev/null || { echo "node (20+) is needed for the journey" >&2; exit 2; }

KC_PID= API_PID=
cleanup() {
  local rc=$?
  [ -n "$API_PID" ] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null || true
  [ -n "$KC_PID" ] && kill "$KC_PID" 2>/dev/null && wait "$KC_PID" 2>/dev/null || true
  log "stopped Keycloak and the API; logs in $WORK"
  echo "e2e-keycloak: $([ $rc -eq 0 ] && echo PASSED || echo FAILED) in $(elapsed)"
  exit $rc
}
trap cleanup EXIT INT TERM

mkdir -p "$WORK"
ZIP=$HOME/.m2/repository/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.zip
if [ ! -f "$ZIP" ]; then
  log "fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central"
  $MVN -q dependency:get -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -Dtransitive=false
fi
KC_HOME=$WORK/keycloak-$KC_VERSION
[ -x "$KC_HOME/bin/kc.sh" ] || unzip -q "$ZIP" -d "$WORK"
rm -rf "$KC_HOME/data"   # a fresh dev database: both realms are imported again
mkdir -p "$KC_HOME/data/import"
cp "$ROOT/infra/keycloak/minka-realm.json" "$ROOT/infra/e2e/minka-other-realm.json" "$KC_HOME/data/import/"

KC_PORT=$(free_port); KC_MGMT_PORT=$(free_port); API_PORT=$(free_port)
KC_URL=http://localhost:$KC_PORT
log "Keycloak $KC_VERSION on $KC_URL with $KC_JAVA (Java $(java_major "$KC_JAVA"))"
(
  export JAVA_HOME=$KC_JAVA KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin
  exec "$KC_HOME/bin/kc.sh" start-dev --import-realm --http-port="$KC_PORT" \
    --http-management-port="$KC_MGMT_PORT" --hostname="$KC_URL" --health-enabled=true
) >"$WORK/keycloak.log" 2>&1 &
KC_PID=$!

log "compiling Minka and its test classpath (for the embedded PostgreSQL and S3)"
$MVN -q -f "$ROOT/backend/pom.xml" -Dspotless.check.skip=true test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"

wait_http "http://localhost:$KC_MGMT_PORT/health/ready" "${KC_WAIT:-900}" Keycloak "$KC_PID"
log "Keycloak ready, realms imported"

DATA=$WORK/data
rm -rf "$DATA"
(
  cd "$ROOT"
  export PORT=$API_PORT MINKA_DATA_DIR=$DATA OIDC_ISSUER_URI=$KC_URL/realms/minka OIDC_AUDIENCE=minka-api
  unset DATABASE_URL S3_ENDPOINT OIDC_JWK_SET_URI
  exec java -Xmx512m -cp "backend/target/test-classes:backend/target/classes:$(cat "$WORK/classpath.txt")" \
    org.minka.LocalMinkaApplication
) >"$WORK/api.log" 2>&1 &
API_PID=$!
wait_http "http://localhost:$API_PORT/actuator/health/readiness" "${API_WAIT:-600}" "the API" "$API_PID"
log "API ready on http://localhost:$API_PORT (issuer $KC_URL/realms/minka)"

KC_URL=$KC_URL API_URL=http://localhost:$API_PORT node "$ROOT/infra/e2e/keycloak-journey.mjs"
