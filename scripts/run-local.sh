#!/usr/bin/env bash
# Runs ai-api-watch in Flink's embedded mini cluster on this machine. The project is built first
# when a source file or the pom changed since the last build. Every argument goes to the job:
# without any it reads the bundled sample telemetry and writes under target/ai-api-watch/;
# --help lists the options.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/target/classpath.txt"
build_stamp="$root/target/.run-local-build"

needs_build() {
    [[ ! -f "$build_stamp" || ! -f "$classpath_file" ]] && return 0
    [[ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$build_stamp" -print -quit)" ]]
}

if needs_build; then
    echo "Building ai-api-watch (mvn package without tests)..." >&2
    mkdir -p "$root/target"
    build_log="$root/target/run-local-build.log"
    if ! (cd "$root" && mvn -B -DskipTests package) >"$build_log" 2>&1 </dev/null; then
        tail -n 40 "$build_log" >&2
        echo "The build failed; the full log is in $build_log." >&2
        exit 1
    fi
    touch "$build_stamp"
fi

# Flink reflects into these JDK packages; its own launch scripts open them the same way.
java_options=(
    --add-opens=java.base/java.lang=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.net=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/java.text=ALL-UNNAMED
    --add-opens=java.base/java.time=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
    "-Dlog4j.configurationFile=$root/flink-conf/log4j-local.properties"
)

exec java "${java_options[@]}" ${AI_API_WATCH_JAVA_OPTS:-} \
    -cp "$root/target/classes:$(cat "$classpath_file")" \
    dev.aiapiwatch.AiApiWatchJob "$@"
