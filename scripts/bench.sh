#!/usr/bin/env bash
# Runs the benchmarks and prints one table: the parse-only floor, ai-api-watch and the same
# detection in Flink SQL at parallelism 1 and 2, their ratios, the cost per event as the input
# grows, keyed state per entry, the latency from Kafka to Elasticsearch, and JMH micro-benchmarks
# of the hot functions. All run on the same generated input; the figures go to
# target/bench/results.json too, and each measuring JVM's output to target/bench/logs/.
#
# Usage: scripts/bench.sh [--skip-latency] [runner options]
#   --skip-latency   Do not start Kafka and Elasticsearch or measure latency.
#   --events N       Events in the main input (default 1000000); the scaling runs use multiples.
#   --sizes LIST     Multiples of --events for the scaling runs (default 1,2,4,8).
#   --hosts N, --seed N, --skip-sql, --skip-jmh, --profile, --latency-rate N,
#   --latency-seconds N: see scripts/bench.sh --help.
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
runner_args=()
for arg in "$@"; do
    case "$arg" in
        --skip-latency) latency=false ;;
        -h | --help)
            print_usage "$0"
            echo
            runner_args=(--help)
            latency=false
            ;;
        *) runner_args+=("$arg") ;;
    esac
done

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
