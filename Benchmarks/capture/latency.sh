#!/usr/bin/env bash
# Per-line timestamp error of `ampscope capture` beside grabserial, tio and the `ref` floor,
# measured with the shared harness (same load, same seeds), then the headline figures and the
# ratios ampscope/grabserial, ampscope/tio.
#
# The tools are measured round-robin: each round is one harness run of all four tools (seed =
# round number), so a noisy minute on this shared 2-core machine hits every tool alike instead of
# whichever tool the harness happened to be running then. Figures are medians over the rounds.
#
# Usage: Benchmarks/capture/latency.sh [--rounds N] [--workdir DIR] [--bin PATH] [-- harness args...]
#   --rounds N    rounds (default 3)
#   --workdir DIR logs and round-N.json go here (default: a new dir under /tmp)
#   --bin PATH    ampscope binary (default: <repo>/.build/release/ampscope; build it with
#                 `swift build -c release` first)
# Anything after `--` goes to latency-peers.py unchanged (e.g. --lines 100 --burst-len 200).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
harness="$repo/../shared/tools/latency-peers.py"
bin="$repo/.build/release/ampscope"
rounds=3
workdir=""
extra=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --workdir) workdir="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "latency.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

if [[ ! -f "$harness" ]]; then
    echo "latency.sh: the harness is not at $harness; the repo must sit beside shared/ (…/shared/tools/latency-peers.py)" >&2
    exit 1
fi
if [[ ! -x "$bin" ]]; then
    echo "latency.sh: no ampscope binary at $bin; run 'swift build -c release' in $repo first, or pass --bin PATH" >&2
    exit 1
fi
for tool in grabserial tio; do
    command -v "$tool" >/dev/null || { echo "latency.sh: '$tool' is not installed (grabserial: pip install grabserial; tio: apt-get install tio)" >&2; exit 1; }
done

workdir="${workdir:-$(mktemp -d /tmp/ampscope-latency-XXXXXX)}"
mkdir -p "$workdir"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

# The harness reads the stamps from {log}; ampscope writes DIR/NAME.log, so the wrapper points
# {log} at it with a symlink and then execs ampscope (so SIGINT reaches ampscope itself).
# --log-clock epoch gives CLOCK_REALTIME-based seconds, the harness's reference clock.
tool_cmd="sh -c 'rm -rf {log}.session && ln -sfn {log}.session/m4.log {log} && exec $bin capture --console m4={port},{baud} -o {log}.session -q --log-clock epoch'"

echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg); ampscope $("$bin" --version 2>/dev/null || echo '?')"
echo "# workdir: $workdir"
jsons=()
for round in $(seq 1 "$rounds"); do
    echo "# round $round/$rounds"
    python3 "$harness" --runs 1 --seed "$round" --workdir "$workdir/round-$round" \
        --json "$workdir/round-$round.json" \
        --name ampscope --tool-cmd "$tool_cmd" \
        --parse '^\[(?P<ts>\d+\.\d+)\] .*?seq=(?P<seq>\d+) ' \
        --tool grabserial --tool tio --tool ref \
        "${extra[@]}" | tee -a "$workdir/harness.txt"
    jsons+=("$workdir/round-$round.json")
done

python3 "$here/latency_summary.py" "${jsons[@]}"
