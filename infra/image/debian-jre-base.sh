#!/usr/bin/env bash
# Builds a small JRE 17 base image as a `docker save` tarball, for machines that cannot pull
# eclipse-temurin:17-jre from a registry (Jib then uses -Djib.from.image=tar://<this tarball>).
# Contents: Debian 12 packages libc6, libgcc-s1, libstdc++6, zlib1g (apt-get download), a jlink
# runtime made from the local Debian OpenJDK 17 jmods, the local Java trust store, /tmp (1777)
# and a passwd entry for uid 10001. No shell, no package manager.
#   infra/image/debian-jre-base.sh [output.tar]
set -euo pipefail

OUT=${1:-backend/target/jib-base/debian12-jre17.tar}
JDK=${BASE_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}
[ -d "$JDK/jmods" ] || { echo "need a JDK 17 with jmods at $JDK (apt-get install openjdk-17-jdk-headless)" >&2; exit 2; }
command -v apt-get >/dev/null || { echo "needs apt-get (Debian/Ubuntu)" >&2; exit 2; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
ROOTFS=$WORK/rootfs
mkdir -p "$ROOTFS" "$WORK/debs" "$(dirname "$OUT")"

(cd "$WORK/debs" && apt-get download -q libc6 libgcc-s1 libstdc++6 zlib1g >/dev/null)
for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$ROOTFS"; done
rm -rf "$ROOTFS"/usr/share/doc "$ROOTFS"/usr/share/lintian "$ROOTFS"/usr/share/locale \
  "$ROOTFS"/usr/share/gcc "$ROOTFS"/usr/lib/x86_64-linux-gnu/gconv
# Debian 12 is merged-/usr: the loader is looked up at /lib64, libraries at /lib.
for d in bin lib lib64 sbin; do [ -e "$ROOTFS/$d" ] || ln -s "usr/$d" "$ROOTFS/$d"; done
mkdir -p "$ROOTFS/usr/lib64" "$ROOTFS/usr/bin"
[ -e "$ROOTFS/usr/lib64/ld-linux-x86-64.so.2" ] ||
  ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$ROOTFS/usr/lib64/ld-linux-x86-64.so.2"

"$JDK/bin/jlink" --module-path "$JDK/jmods" --output "$ROOTFS/opt/java" \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.management,jdk.naming.dns,jdk.zipfs,jdk.localedata \
  --include-locales en,es --strip-debug --no-header-files --no-man-pages --compress=2
cp -L /etc/ssl/certs/java/cacerts "$ROOTFS/opt/java/lib/security/cacerts"

mkdir -p "$ROOTFS/tmp" "$ROOTFS/etc" "$ROOTFS/app"
chmod 1777 "$ROOTFS/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\nminka:x:10001:10001:minka:/app:/sbin/nologin\n' >"$ROOTFS/etc/passwd"
printf 'root:x:0:\nminka:x:10001:\n' >"$ROOTFS/etc/group"
printf 'hosts: files dns\n' >"$ROOTFS/etc/nsswitch.conf"

tar --numeric-owner --owner=0 --group=0 --sort=name --mtime=@0 -C "$ROOTFS" -cf "$WORK/layer.tar" .
DIFF=sha256:$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)
cat >"$WORK/config.json" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],"WorkingDir":"/app"},
 "rootfs":{"type":"layers","diff_ids":["$DIFF"]}}
EOF
echo '[{"Config":"config.json","RepoTags":["minka-base:debian12-jre17"],"Layers":["layer.tar"]}]' >"$WORK/manifest.json"
tar -C "$WORK" -cf "$OUT" manifest.json config.json layer.tar
echo "base image: $OUT ($(du -h "$OUT" | cut -f1)), use -Djib.from.image=tar://$(realpath "$OUT")"
