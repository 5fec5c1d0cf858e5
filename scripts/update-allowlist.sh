#!/usr/bin/env bash
# Adds, changes or removes allowlist entries and host groups while the job runs, through the
# detection-config topic of the local stack or of a cluster (--bootstrap-servers, --kafka-properties).
#
# Usage: scripts/update-allowlist.sh [--bootstrap-servers HOST:PORT] [--kafka-properties FILE] [--topic NAME] upsert FILE
#        scripts/update-allowlist.sh [--bootstrap-servers HOST:PORT] [--kafka-properties FILE] [--topic NAME] delete ID
#        scripts/update-allowlist.sh [--bootstrap-servers HOST:PORT] [--kafka-properties FILE] [--topic NAME] delete-host-group NAME
# 'upsert FILE' sends every host group and then every entry of FILE, a JSON file in the format of
# --allowlist, one message each. Defaults: --bootstrap-servers 127.0.0.1:9092 (or $KAFKA_PORT), --topic
# ai-api-watch-config.
# --kafka-properties FILE: Kafka client properties, checked as the job checks its own.
# deploy/kafka/client.properties logs in with SCRAM over TLS and takes the password from
# $KAFKA_PASSWORD.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

bootstrap_servers="127.0.0.1:${KAFKA_PORT:-9092}"
topic="ai-api-watch-config"
kafka_options=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bootstrap-servers) require_value "$1" "$0" $#; bootstrap_servers="$2"; shift 2 ;;
        --kafka-properties) require_value "$1" "$0" $#; kafka_options=(--kafka-properties "$2"); shift 2 ;;
        --topic) require_value "$1" "$0" $#; topic="$2"; shift 2 ;;
        -h|--help) print_usage "$0"; exit 0 ;;
        --*) reject_option "$1" "$0" ;;
        *) break ;;
    esac
done
if [[ $# -ne 2 ]]; then
    echo "update-allowlist.sh: expected 'upsert FILE', 'delete ID' or 'delete-host-group NAME'." >&2
    print_usage "$0" >&2
    exit 2
fi
case "$1" in
    upsert) update=(allowlist upsert "$2") ;;
    delete) update=(allowlist delete "$2") ;;
    delete-host-group) update=(host-group delete "$2") ;;
    *)
        echo "update-allowlist.sh: unknown command '$1'; expected upsert, delete or delete-host-group." >&2
        print_usage "$0" >&2
        exit 2
        ;;
esac

build_if_needed
exec_java dev.aiapiwatch.tools.SendConfigUpdate "${kafka_options[@]}" "$bootstrap_servers" "$topic" "${update[@]}"
