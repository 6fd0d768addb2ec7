#!/usr/bin/env bash
# Runs the fault benchmarks (Tests/AmpScopeIntegrationTests/Faults, plus the RFC 2217 first-byte
# test) and prints the figures they report. Needs what `bash .ci/run --prepare` installs (umockdev,
# ser2net) and root (the disk-full benchmark mounts a 4 MB tmpfs). About 5 minutes on 2 cores.
#
#   Benchmarks/faults/run.sh            every fault benchmark
#   Benchmarks/faults/run.sh Replug     only the ones whose suite name matches
set -euo pipefail
cd "$(dirname "$0")/../.."
filter=${1:-'Fault|RemoteFirstByteTests'}
figures=$(mktemp /tmp/ampscope-fault-figures.XXXXXX)
trap 'rm -f "$figures"' EXIT
swift build --build-tests 2>&1 | grep -E "error|warning:|Build complete" || true
printf '%s, %s, load %s\n' "$(git rev-parse --short HEAD)" "$(date -u +%FT%TZ)" "$(cut -d' ' -f1-3 /proc/loadavg)"
AMPSCOPE_FAULT_FIGURES=$figures swift test --skip-build --filter "AmpScopeIntegrationTests\.\w*($filter)" 2>&1 \
    | grep -E "^(✔|✘) (Test|Suite)|RemoteFirstByteTests:" || true
cat "$figures"
