#!/usr/bin/env bash
# Writes synthetic Falcon fleet telemetry. Its hosts start processes (a share of them watched
# tools), look up domains (about 1% of lookups to watched AI API domains), open connections and
# send many event types the job ignores. Timestamps advance over the span with bounded disorder,
# and a small share of lines is malformed. The same seed gives the same file.
#
# Usage: scripts/generate-telemetry.sh --output FILE [--events N] [--hosts N] [--seed N]
#            [--span DURATION] [--disorder DURATION] [--malformed SHARE]
# --help lists the defaults. A FILE ending in .gz is compressed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

build_if_needed
exec_java dev.aiapiwatch.tools.GenerateTelemetry "$@"
