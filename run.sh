#!/usr/bin/env bash
# The partner settlement engine's single entry point. Builds the application when needed, then runs COMMAND.
#   ./run.sh              the demo: the whole pipeline on sample-data/
#   ./run.sh --help       every command
set -euo pipefail
cd "$(dirname "$0")"

JAR=target/partner-settlement-engine.jar
if [ ! -f "$JAR" ] || [ -n "$(find pom.xml src -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  echo "building the engine (first run, or the sources changed)..." >&2
  ./mvnw -q -B -DskipTests package >&2
fi
exec java ${JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} -jar "$JAR" "$@"
