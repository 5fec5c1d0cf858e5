#!/usr/bin/env bash
# Runs the benchmarks and prints one table. All measurements read the same generated input. They
# cover the parse-only floor, and ai-api-watch and the same detection in Flink SQL at parallelism
# 1 and 2 with their ratios. They also cover the cost per event as the input grows, keyed state
# per entry, the latency from Kafka to Elasticsearch, and JMH micro-benchmarks of the hot
# functions. The figures go to
# target/bench/results.json too, and each measuring JVM's output to target/bench/logs/.
#
# Usage: scripts/bench.sh [options]
#   --events N               Events in the main input (default 1000000). Below about a million,
#                            job start and stop dominate the rates.
#   --hosts N                Hosts in the main input (default one per 2000 events, at least 10).
#   --seed N                 Seed of the generated input (default 1).
#   --sizes LIST             Multiples of --events for the scaling runs (default 1,2,4,8).
#   --output DIRECTORY       Where inputs, logs and results go (default target/bench).
#   --skip-latency           Do not start Kafka and Elasticsearch or measure latency.
#   --latency-rate N         Events per second sent to Kafka while latency is measured (5000).
#   --latency-seconds N      How long latency probes are sent (60).
#   --skip-sql               Do not run the Flink SQL version.
#   --skip-jmh               Do not run the JMH micro-benchmarks.
#   --profile                Profile the measured job and SQL runs with async-profiler; flame
#                            graphs go to profiles/ in the output folder.
#   --help                   Print this help.
#
# With the defaults it takes about 15 minutes on 2 cores and needs about 10 GB of disk under
# target/bench for the generated inputs, which later runs reuse.
# Just before the latency measurement it starts a Kafka broker and Elasticsearch of its own with
# scripts/local-stack.sh, in target/bench/stack on ports 19092, 19093, 19200 and 19300
# (BENCH_KAFKA_PORT, BENCH_KAFKA_CONTROLLER_PORT, BENCH_ELASTICSEARCH_PORT,
# BENCH_ELASTICSEARCH_TRANSPORT_PORT), and stops them and deletes their data right after it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

latency=true
for arg in "$@"; do
    case "$arg" in
        --skip-latency) latency=false ;;
        -h | --help)
            print_usage "$0"
            exit 0
            ;;
    esac
done
runner_args=("$@")

cd "$root"
bench_stamp="$root/target/.bench-build"
if [[ ! -f "$bench_stamp" || ! -s "$root/target/bench-classpath.txt" ]] ||
    [[ -n "$(find "$root/src" "$root/pom.xml" -newer "$bench_stamp" -print -quit)" ]]; then
    echo "Building ai-api-watch and its benchmarks (mvn package without tests)..." >&2
    mkdir -p "$root/target"
    build_log="$root/target/bench-build.log"
    if ! mvn -B -DskipTests package >"$build_log" 2>&1 </dev/null; then
        tail -n 40 "$build_log" >&2
        echo "The build failed; the full log is in $build_log." >&2
        exit 1
    fi
    touch "$bench_stamp" "$build_stamp"
fi

if [[ "$latency" == true ]]; then
    export LOCAL_STACK_DIR="${BENCH_STACK_DIR:-$root/target/bench/stack}"
    export KAFKA_PORT="${BENCH_KAFKA_PORT:-19092}"
    export KAFKA_CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-19093}"
    export ELASTICSEARCH_PORT="${BENCH_ELASTICSEARCH_PORT:-19200}"
    export ELASTICSEARCH_TRANSPORT_PORT="${BENCH_ELASTICSEARCH_TRANSPORT_PORT:-19300}"
    # The runner deletes the servers after measuring; this covers a run stopped before that.
    trap '"$root/scripts/local-stack.sh" clean >/dev/null 2>&1 || true' EXIT
    runner_args+=(--local-stack "$root/scripts/local-stack.sh"
        --bootstrap-servers "127.0.0.1:$KAFKA_PORT"
        --elasticsearch-url "http://127.0.0.1:$ELASTICSEARCH_PORT")
fi

# Not exec: the trap above must run when the runner ends.
java "${java_options[@]}" ${AI_API_WATCH_JAVA_OPTS:-} \
    -cp "$root/target/test-classes:$root/target/classes:$(cat "$root/target/bench-classpath.txt")" \
    dev.aiapiwatch.bench.BenchmarkRunner "${runner_args[@]}"
