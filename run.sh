#!/usr/bin/env bash
# The partner settlement engine's single entry point. Builds the application when needed, then runs COMMAND.
#   ./run.sh              the demo: the whole pipeline on sample-data/
#   ./run.sh --help       every command
set -euo pipefail
cd "$(dirname "$0")"

JAR=target/partner-settlement-engine.jar
# the demo, the bench and the sample-data generator (src/tools): beside the engine, not in it
TOOLS=target/partner-settlement-engine-tools.jar
APP=target/app
if [ ! -f "$JAR" ] || [ ! -f "$TOOLS" ] || [ -n "$(find pom.xml src -newer "$JAR" -print -quit 2>/dev/null)" ]; then
  echo "building the engine (first run, or the sources changed)..." >&2
  ./mvnw -q -B -DskipTests package >&2
fi

# The application unpacked once per build: classes load faster from plain jars than from the jar's nested ones.
if [ ! -f "$APP/partner-settlement-engine.jar" ] || [ "$JAR" -nt "$APP/partner-settlement-engine.jar" ]; then
  rm -rf "$APP" "$APP.$$"
  java -Djarmode=tools -jar "$JAR" extract --destination "$APP.$$" >/dev/null
  cp "$TOOLS" "$APP.$$/"
  mv -T "$APP.$$" "$APP" 2>/dev/null || rm -rf "$APP.$$"
fi
# the engine's jar (its libraries come through its manifest), then the tools, which add the demo and bench commands
RUN=(-cp "$APP/partner-settlement-engine.jar:$APP/partner-settlement-engine-tools.jar" io.partnersettlement.SettlementApplication)

# Out of memory: the process ends at once with one line, "Terminating due to java.lang.OutOfMemoryError: …" (exit 3),
# rather than going on with a step or a database connection left half-way; what was committed is kept, and
# `restart` takes the run up again with a larger heap (JAVA_OPTS).
OOM=(-XX:+ExitOnOutOfMemoryError)

case "${1:-}${2:+ $2}" in
  status*|statements*|trace*|audit*|"invoices owed"*|help*|--help*|-h*|--version*|-V*)
    # Read-only commands answer in about a second: no optimising compiler, the small collector, and the classes
    # from a shared archive that the first such command after a build writes (target/app/read-only.jsa).
    OPTS="${JAVA_OPTS:--Xmx512m} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off"
    ARCHIVE="$APP/read-only.jsa"
    if [ -f "$ARCHIVE" ]; then
      exec java $OPTS "${OOM[@]}" -XX:SharedArchiveFile="$ARCHIVE" "${RUN[@]}" "$@"
    fi
    case "$1" in status|statements|trace|audit|invoices) ;; *) exec java $OPTS "${OOM[@]}" "${RUN[@]}" "$@" ;; esac
    rc=0
    java $OPTS "${OOM[@]}" -XX:ArchiveClassesAtExit="$ARCHIVE.$$" "${RUN[@]}" "$@" || rc=$?
    if [ "$rc" = 0 ] && [ -f "$ARCHIVE.$$" ]; then mv -f "$ARCHIVE.$$" "$ARCHIVE"; else rm -f "$ARCHIVE.$$"; fi
    exit $rc
    ;;
esac
exec java ${JAVA_OPTS:--Xmx1g -XX:+UseParallelGC} "${OOM[@]}" "${RUN[@]}" "$@"
