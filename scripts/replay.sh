#!/usr/bin/env bash
# Writes telemetry files (newline-delimited Falcon JSON, .gz too) to the telemetry topic of the
# local stack, one record per line keyed by the event's aid. Aidmaster and userinfo lines are keyed
# aidmaster/<aid> and userinfo/<UserSid>, for --topic ai-api-watch-aidmaster-userinfo.
#
# Usage: scripts/replay.sh [--bootstrap-servers HOST:PORT] [--kafka-properties FILE] [--topic NAME] FILE...
# Defaults: --bootstrap-servers 127.0.0.1:9092 (or $KAFKA_PORT), --topic falcon-telemetry.
# --kafka-properties FILE: Kafka client properties, checked as the job checks its own.
# deploy/kafka/client.properties logs in with SCRAM over TLS and takes the password from
# $KAFKA_PASSWORD.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

bootstrap_servers="127.0.0.1:${KAFKA_PORT:-9092}"
topic="falcon-telemetry"
kafka_options=()
files=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bootstrap-servers) require_value "$1" "$0" $#; bootstrap_servers="$2"; shift 2 ;;
        --kafka-properties) require_value "$1" "$0" $#; kafka_options=(--kafka-properties "$2"); shift 2 ;;
        --topic) require_value "$1" "$0" $#; topic="$2"; shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        --*) reject_option "$1" "$0" ;;
        *) files+=("$1"); shift ;;
    esac
done
if [[ ${#files[@]} -eq 0 ]]; then
    echo "replay.sh: no file given. Usage: scripts/replay.sh [--topic NAME] FILE..." >&2
    exit 2
fi
for file in "${files[@]}"; do
    if [[ ! -f "$file" ]]; then
        echo "replay.sh: $file is not a file" >&2
        exit 2
    fi
done

build_if_needed
exec_java dev.aiapiwatch.tools.ReplayTelemetry "${kafka_options[@]}" "$bootstrap_servers" "$topic" "${files[@]}"
