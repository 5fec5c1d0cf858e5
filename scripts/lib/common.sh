# Shared by the scripts in scripts/: the project root, the build step and the Java command line.
# Source it; it defines functions and variables and runs nothing.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
classpath_file="$root/target/classpath.txt"
provided_classpath_file="$root/target/provided-classpath.txt"
build_stamp="$root/target/.run-local-build"

# Builds the project (mvn package without tests) when a source file or the pom changed since the
# last build, writing the Maven output to target/run-local-build.log.
build_if_needed() {
    if [[ -f "$build_stamp" && -f "$classpath_file" && -f "$provided_classpath_file" ]] &&
        [[ -z "$(find "$root/src/main" "$root/pom.xml" -newer "$build_stamp" -print -quit)" ]]; then
        return 0
    fi
    echo "Building ai-api-watch (mvn package without tests)..." >&2
    mkdir -p "$root/target"
    local build_log="$root/target/run-local-build.log"
    if ! (cd "$root" && mvn -B -DskipTests package) >"$build_log" 2>&1 </dev/null; then
        tail -n 40 "$build_log" >&2
        echo "The build failed; the full log is in $build_log." >&2
        exit 1
    fi
    touch "$build_stamp"
}

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

# Prints the comment block at the top of script $1, without the '#' marks.
print_usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1"
}

# The project's classes and their dependencies, Flink included.
project_classpath() {
    echo "$root/target/classes:$(cat "$classpath_file"):$(cat "$provided_classpath_file")"
}

# Runs a main class of the project.
run_java() {
    java "${java_options[@]}" ${AI_API_WATCH_JAVA_OPTS:-} -cp "$(project_classpath)" "$@"
}

# Replaces the shell with a main class of the project, so that signals sent to the script
# (SIGTERM from a service manager, say) reach the JVM.
exec_java() {
    exec java "${java_options[@]}" ${AI_API_WATCH_JAVA_OPTS:-} -cp "$(project_classpath)" "$@"
}

# Exits with status 2 when option $1 of script $2 has no value. $3 is the number of arguments
# left, the option included.
require_value() {
    if [[ $3 -lt 2 ]]; then
        echo "$(basename "$2"): missing value for $1." >&2
        exit 2
    fi
}

# Exits with status 2 for the unknown option $1 of script $2, after its usage.
reject_option() {
    echo "$(basename "$2"): unknown option '$1'." >&2
    print_usage "$2" >&2
    exit 2
}
