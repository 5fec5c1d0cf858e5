#!/usr/bin/env bash
# Runs ai-api-watch in Flink's embedded mini cluster on this machine. The project is built first
# when a source file or the pom changed since the last build. Every argument goes to the job:
# without any it reads the bundled sample telemetry and writes under target/ai-api-watch/;
# --help lists the options.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

build_if_needed
exec_java dev.aiapiwatch.AiApiWatchJob "$@"
