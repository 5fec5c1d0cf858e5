#!/usr/bin/env bash
# Prints the dead letters of the local stack, one JSON object per line, from the beginning of the
# dead-letter topic to its end.
#
# Usage: scripts/read-dead-letters.sh [--bootstrap-servers HOST:PORT] [--kafka-properties FILE] [--topic NAME]
# Defaults: --bootstrap-servers 127.0.0.1:9092 (or $KAFKA_PORT), --topic ai-api-watch-dead-letters.
# --kafka-properties FILE: Kafka client properties, checked as the job checks its own.
# deploy/kafka/client.properties logs in with SCRAM over TLS and takes the password from
# $KAFKA_PASSWORD.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

bootstrap_servers="127.0.0.1:${KAFKA_PORT:-9092}"
topic="ai-api-watch-dead-letters"
kafka_options=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bootstrap-servers) require_value "$1" "$0" $#; bootstrap_servers="$2"; shift 2 ;;
        --kafka-properties) require_value "$1" "$0" $#; kafka_options=(--kafka-properties "$2"); shift 2 ;;
        --topic) require_value "$1" "$0" $#; topic="$2"; shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        --*) reject_option "$1" "$0" ;;
        *) echo "read-dead-letters.sh: unknown argument '$1'" >&2; print_usage "$0" >&2; exit 2 ;;
    esac
done

build_if_needed
exec_java dev.aiapiwatch.tools.PrintTopic "${kafka_options[@]}" "$bootstrap_servers" "$topic"
