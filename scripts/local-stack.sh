#!/usr/bin/env bash
# Starts, stops or shows a local Kafka broker (KRaft mode) and a single-node Elasticsearch on
# 127.0.0.1, both from artifacts on Maven Central, for running ai-api-watch end to end.
#
# Usage: scripts/local-stack.sh start|stop [kafka|elasticsearch]
#        scripts/local-stack.sh status|clean
# start and stop act on both servers, or on the one named, to rehearse an outage of one.
# status exits with 0 when both servers run, else with 1.
# The servers keep their topics and indices across stop and start, so events replayed twice count
# twice. clean stops both and deletes their data and logs, keeping the downloads: the next start
# begins with empty topics and no indices.
#
# Everything lives in one folder: downloads, data, logs and pid files. It is .local-stack/ at the
# project root, or LOCAL_STACK_DIR.
# Ports: Kafka 9092 (KAFKA_PORT) with its controller on 9093 (KAFKA_CONTROLLER_PORT),
# Elasticsearch 9200 (ELASTICSEARCH_PORT) with transport 9300 (ELASTICSEARCH_TRANSPORT_PORT).
# Elasticsearch runs without security: it is reachable from this machine only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

stack="${LOCAL_STACK_DIR:-$root/.local-stack}"
stack_pom="$root/scripts/local-stack/pom.xml"
kafka_port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
es_port="${ELASTICSEARCH_PORT:-9200}"
es_transport_port="${ELASTICSEARCH_TRANSPORT_PORT:-9300}"
es_version="8.19.21"
telemetry_topic="falcon-telemetry"
config_topic="ai-api-watch-config"
dead_letter_topic="ai-api-watch-dead-letters"
aidmaster_userinfo_topic="ai-api-watch-aidmaster-userinfo"

kafka_dir="$stack/kafka"
es_dir="$stack/elasticsearch"
kafka_pid_file="$stack/kafka.pid"
es_pid_file="$stack/elasticsearch.pid"

log() { echo "local-stack: $*" >&2; }

# Runs Maven on the stack's pom, with its output in the stack's maven.log.
run_maven() {
    if ! mvn -B -f "$stack_pom" "$@" >"$stack/maven.log" 2>&1 </dev/null; then
        tail -n 30 "$stack/maven.log" >&2
        log "Maven failed; the full log is in $stack/maven.log"
        exit 1
    fi
}

is_running() {
    local pid_file="$1"
    [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# Waits up to $2 seconds for $1 (a command) to succeed.
wait_for() {
    local check="$1" seconds="$2" waited=0
    until eval "$check" >/dev/null 2>&1; do
        if ((waited >= seconds)); then
            return 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

es_healthy() { curl -sf "http://127.0.0.1:$es_port/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null; }

start_kafka() {
    if is_running "$kafka_pid_file"; then
        log "Kafka is already running (pid $(cat "$kafka_pid_file"))"
        return
    fi
    if port_open "$kafka_port"; then
        log "port $kafka_port is in use by another process; set KAFKA_PORT to another port"
        exit 1
    fi
    mkdir -p "$kafka_dir/data" "$kafka_dir/logs"
    if [[ ! -s "$stack/kafka-classpath.txt" || "$stack_pom" -nt "$stack/kafka-classpath.txt" ]]; then
        log "resolving the Kafka $(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$stack_pom") broker from Maven Central..."
        run_maven dependency:build-classpath -Dmdep.outputFile="$stack/kafka-classpath.txt"
    fi
    cat >"$kafka_dir/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
listeners=PLAINTEXT://127.0.0.1:$kafka_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$kafka_port
controller.listener.names=CONTROLLER
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$kafka_dir/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPERTIES
    local kafka_java=(java -Xms512m -Xmx512m
        "-Dlog4j2.configurationFile=$root/scripts/local-stack/log4j2-kafka.properties"
        "-Dkafka.logs.dir=$kafka_dir/logs"
        -cp "$(cat "$stack/kafka-classpath.txt")")
    if [[ ! -f "$kafka_dir/data/meta.properties" ]]; then
        log "formatting the Kafka log folder"
        "${kafka_java[@]}" kafka.tools.StorageTool format --standalone \
            -t "$("${kafka_java[@]}" kafka.tools.StorageTool random-uuid)" \
            -c "$kafka_dir/server.properties" >"$kafka_dir/logs/format.log" 2>&1
    fi
    log "starting Kafka on 127.0.0.1:$kafka_port"
    nohup "${kafka_java[@]}" kafka.Kafka "$kafka_dir/server.properties" \
        >"$kafka_dir/logs/console.log" 2>&1 </dev/null &
    echo $! >"$kafka_pid_file"
    if ! wait_for "grep -q 'Kafka Server started' '$kafka_dir/logs/server.log' && port_open $kafka_port" 60; then
        log "Kafka did not start within 60 s; see $kafka_dir/logs/server.log"
        exit 1
    fi
}

start_elasticsearch() {
    if is_running "$es_pid_file"; then
        log "Elasticsearch is already running (pid $(cat "$es_pid_file"))"
        return
    fi
    if port_open "$es_port"; then
        log "port $es_port is in use by another process; set ELASTICSEARCH_PORT to another port"
        exit 1
    fi
    local home="$es_dir/elasticsearch-$es_version"
    if [[ ! -d "$home" ]]; then
        log "downloading Elasticsearch $es_version from Maven Central..."
        mkdir -p "$stack/downloads" "$es_dir"
        run_maven dependency:copy -DoutputDirectory="$stack/downloads"
        (cd "$es_dir" && jar xf "$stack/downloads/elasticsearch-$es_version.zip")
        cp -r "$home/config" "$es_dir/config"
    fi

    mkdir -p "$es_dir/data" "$es_dir/logs" "$es_dir/tmp" "$es_dir/user-home"
    local launcher=(bash "$home/bin/elasticsearch")
    if [[ "$(id -u)" == 0 ]]; then
        # Elasticsearch refuses to run as root.
        chown -R nobody:nogroup "$es_dir"
        if ! setpriv --reuid=nobody --regid=nogroup --clear-groups test -r "$home/bin/elasticsearch"; then
            log "user nobody, which runs Elasticsearch here, cannot read $es_dir;" \
                "set LOCAL_STACK_DIR to a folder it can reach, such as /tmp/ai-api-watch-stack"
            exit 1
        fi
        launcher=(setpriv --reuid=nobody --regid=nogroup --clear-groups "${launcher[@]}")
    fi
    log "starting Elasticsearch on http://127.0.0.1:$es_port"
    env -i PATH="/usr/local/bin:/usr/bin:/bin" \
        HOME="$es_dir/user-home" \
        ES_JAVA_HOME="${ES_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}" \
        ES_PATH_CONF="$es_dir/config" \
        ES_TMPDIR="$es_dir/tmp" \
        ES_JAVA_OPTS="-Xms512m -Xmx512m" \
        CLI_JAVA_OPTS="-Djava.io.tmpdir=$es_dir/tmp" \
        nohup "${launcher[@]}" \
        -E network.host=127.0.0.1 \
        -E http.port="$es_port" \
        -E transport.port="$es_transport_port" \
        -E discovery.type=single-node \
        -E xpack.security.enabled=false \
        -E cluster.routing.allocation.disk.threshold_enabled=false \
        -E path.data="$es_dir/data" \
        -E path.logs="$es_dir/logs" \
        >"$stack/elasticsearch-console.log" 2>&1 </dev/null &
    echo $! >"$es_pid_file"

    if ! wait_for es_healthy 120; then
        log "Elasticsearch was not healthy within 120 s; see $stack/elasticsearch-console.log"
        exit 1
    fi
}

create_topics() {
    build_if_needed
    run_java dev.aiapiwatch.tools.CreateTopics "127.0.0.1:$kafka_port" \
        "$telemetry_topic" "$config_topic" "$dead_letter_topic" 2 "$aidmaster_userinfo_topic" |
        sed 's/^/local-stack: /' >&2
}

# Stops the process in pid file $1 (named $2): TERM, up to 60 s, then KILL with its children.
stop_process() {
    local pid_file="$1" name="$2"
    if ! is_running "$pid_file"; then
        log "$name is not running"
        rm -f "$pid_file"
        return
    fi
    local pid
    pid="$(cat "$pid_file")"
    log "stopping $name (pid $pid)"
    kill "$pid" 2>/dev/null || true
    if ! wait_for "! kill -0 $pid" 60; then
        log "$name did not stop within 60 s; killing it"
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
}

show_status() {
    if is_running "$kafka_pid_file"; then
        echo "Kafka:         running (pid $(cat "$kafka_pid_file")), bootstrap servers 127.0.0.1:$kafka_port"
    else
        echo "Kafka:         stopped"
    fi
    if is_running "$es_pid_file"; then
        local health
        health="$(curl -sf "http://127.0.0.1:$es_port/_cluster/health" | sed -n 's/.*"status":"\([a-z]*\)".*/\1/p')"
        echo "Elasticsearch: running (pid $(cat "$es_pid_file")), http://127.0.0.1:$es_port, health ${health:-unknown}"
    else
        echo "Elasticsearch: stopped"
    fi
    echo "Data:          $stack"
    is_running "$kafka_pid_file" && is_running "$es_pid_file"
}

# The server that start or stop acts on: both when none is named.
server="${2:-both}"
case "$server" in
    both | kafka | elasticsearch) ;;
    *)
        log "unknown server '$server' for ${1:-}: name kafka or elasticsearch, or none for both"
        exit 2
        ;;
esac
if [[ $# -gt 2 || ($# -eq 2 && "$1" != start && "$1" != stop) ]]; then
    log "too many arguments for ${1:-}: only start and stop take a server name"
    exit 2
fi

case "${1:-}" in
    start)
        mkdir -p "$stack"
        if [[ "$server" != elasticsearch ]]; then
            start_kafka
        fi
        if [[ "$server" != kafka ]]; then
            start_elasticsearch
        fi
        if [[ "$server" == elasticsearch ]]; then
            show_status || true
            exit 0
        fi
        create_topics
        show_status || true
        cat <<TEXT

Next, replay the sample and run the job against the stack:
  scripts/replay.sh --bootstrap-servers 127.0.0.1:$kafka_port \
      src/main/resources/sample/falcon-sample.ndjson
  scripts/run-local.sh --kafka-bootstrap-servers 127.0.0.1:$kafka_port \\
      --telemetry-topic $telemetry_topic --config-topic $config_topic \\
      --elasticsearch-url http://127.0.0.1:$es_port --stop-at-latest
TEXT
        ;;
    stop)
        if [[ "$server" != kafka ]]; then
            stop_process "$es_pid_file" Elasticsearch
        fi
        if [[ "$server" != elasticsearch ]]; then
            stop_process "$kafka_pid_file" Kafka
        fi
        ;;
    status)
        show_status
        ;;
    clean)
        stop_process "$es_pid_file" Elasticsearch
        stop_process "$kafka_pid_file" Kafka
        rm -rf "$kafka_dir" "$es_dir/data" "$es_dir/logs" "$es_dir/tmp" "$stack/elasticsearch-console.log"
        log "deleted the topics, indices and logs under $stack; the downloads stay"
        ;;
    -h | --help)
        print_usage "$0"
        ;;
    *)
        print_usage "$0" >&2
        exit 2
        ;;
esac
