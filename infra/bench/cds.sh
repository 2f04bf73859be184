#!/usr/bin/env bash
# cds.sh JAR DIR [app args...]: extracts the Spring Boot jar into DIR (java -Djarmode=tools ...
# extract: a plain classpath, which class data sharing needs) and records an AppCDS archive
# DIR/minka.jsa in a training run that starts the app (against the given servers) and exits once
# the context is refreshed (-Dspring.context.exit=onRefresh). Start with:
#   java -XX:SharedArchiveFile=DIR/minka.jsa -jar DIR/minka-backend.jar
# The archive fits only the JDK build that wrote it; with another one the JVM just starts without it.
# CDS_JAVA_OPTS: JVM flags of the training run (-Dspring.aot.enabled=true for a jar built with -Paot:
# the archive must hold the classes the real runs load).
set -euo pipefail
JAR=$1 DIR=$2; shift 2
rm -rf "$DIR"
java -Djarmode=tools -jar "$JAR" extract --destination "$DIR" >/dev/null
# shellcheck disable=SC2086
java ${CDS_JAVA_OPTS:-} -XX:ArchiveClassesAtExit="$DIR/minka.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -Dspring.context.exit=onRefresh -jar "$DIR/$(basename "$JAR")" "$@" >"$DIR/training.log" 2>&1 \
  || { echo "CDS training run failed; see $DIR/training.log" >&2; exit 1; }
echo "CDS archive: $DIR/minka.jsa ($(du -m "$DIR/minka.jsa" | cut -f1) MiB)"
