#!/usr/bin/env bash
# Checks the Jib image tarball without a container runtime: entrypoint, user, exposed port,
# memory flags, and that no test-scope jar made it into the layers.
#   infra/image/check-image.sh backend/target/minka-api-image.tar
set -euo pipefail
TAR=${1:-backend/target/minka-api-image.tar}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
tar -xf "$TAR" -C "$WORK"
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

# docker-save layout (manifest.json) or OCI layout (index.json + blobs).
if [ -f "$WORK/manifest.json" ]; then
  CONFIG=$WORK/$(jq -r '.[0].Config' "$WORK/manifest.json")
  mapfile -t LAYERS < <(jq -r '.[0].Layers[]' "$WORK/manifest.json" | sed "s|^|$WORK/|")
else
  blob() { echo "$WORK/blobs/${1/://}"; }
  M=$(blob "$(jq -r '.manifests[0].digest' "$WORK/index.json")")
  CONFIG=$(blob "$(jq -r '.config.digest' "$M")")
  mapfile -t LAYERS < <(jq -r '.layers[].digest' "$M" | while read -r d; do blob "$d"; done)
fi

ENTRY=$(jq -c '.config.Entrypoint' "$CONFIG")
echo "entrypoint: $ENTRY"
echo "user: $(jq -r '.config.User' "$CONFIG"), ports: $(jq -c '.config.ExposedPorts' "$CONFIG")"
check "entrypoint starts java with org.minka.MinkaApplication" \
  "jq -e '.config.Entrypoint[0]==\"java\" and (.config.Entrypoint|index(\"org.minka.MinkaApplication\"))' '$CONFIG' >/dev/null"
check "container-aware heap (-XX:MaxRAMPercentage)" \
  "jq -e '.config.Entrypoint|any(startswith(\"-XX:MaxRAMPercentage=\"))' '$CONFIG' >/dev/null"
check "no -Xmx (the heap follows the container limit)" \
  "! jq -e '.config.Entrypoint|any(startswith(\"-Xmx\"))' '$CONFIG' >/dev/null"
check "runs as a non-root user" \
  "jq -e '(.config.User // \"\") as \$u | \$u != \"\" and (\$u|test(\"^(0|root)(:|\$)\")|not)' '$CONFIG' >/dev/null"
check "exposes 8080/tcp" "jq -e '.config.ExposedPorts|has(\"8080/tcp\")' '$CONFIG' >/dev/null"

: >"$WORK/files.txt"
for layer in "${LAYERS[@]}"; do tar -tzf "$layer" 2>/dev/null >>"$WORK/files.txt" || tar -tf "$layer" >>"$WORK/files.txt"; done
JARS=$(grep -c '^app/libs/.*\.jar$' "$WORK/files.txt" || true)
echo "layers: ${#LAYERS[@]}, files: $(wc -l <"$WORK/files.txt"), app jars: $JARS"
check "app classes and runtime jars are in /app" "grep -q '^app/classes/org/minka/MinkaApplication.class$' '$WORK/files.txt' && [ '$JARS' -gt 50 ]"
check "the image has a java runtime" "grep -qE '(^|/)bin/java$' '$WORK/files.txt'"
for banned in embedded-postgres s3proxy mock-oauth2-server blockhound greenmail archunit junit reactor-test spring-boot-test; do
  check "no test-scope jar: $banned" "! grep -E '^app/libs/$banned[^/]*\.jar$' '$WORK/files.txt' | grep -q ."
done
check "no test classes (org/minka/support)" "! grep -q 'org/minka/support/' '$WORK/files.txt'"
echo "image check: $([ $fail -eq 0 ] && echo passed || echo FAILED) ($(du -h "$TAR" | cut -f1))"
exit $fail
