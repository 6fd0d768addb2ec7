#!/usr/bin/env bash
# The soak of `ampscope analyze DIR` over a board farm's sessions (issue 21). Usage:
#   Benchmarks/sessions/run.sh [DATA_DIR] [RUNS]
# Environment:
#   COUNTS="100 1000"   farm sizes in sessions (add 4000 to see that memory does not grow with them)
#   JOBS="1 0"          --jobs values to measure; 0 = the default (one per core)
#   AMPSCOPE=path       the binary to measure (default: this tree's release build, built here)
#   LOOP=1              also time what a lab script does without it: one `ampscope analyze SESSION
#                       --format json` per session, in a shell loop, over the smallest farm
# DATA_DIR (default /work/bench-data) gets sessions-N/ (generated once by generate_sessions.py,
# seed 42, with sessions-N.injected: the faulty sessions) and the outputs. Per count and jobs,
# `analyze DIR --format json` runs RUNS times (default 3) interleaved; each figure is the median
# by wall time, peak RSS the largest seen, with /proc/loadavg per run. Every run's document is
# checked: the boots it names as differing from their board's majority must be exactly the
# injected sessions, and --jobs must not change a byte of it.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="${1:-/work/bench-data}"
RUNS="${2:-3}"
COUNTS="${COUNTS:-100 1000}"
JOBS="${JOBS:-1 0}"
mkdir -p "$DATA"

if [ -z "${AMPSCOPE:-}" ]; then
    ( cd "$ROOT" && swift build -c release --product ampscope >/dev/null )
    AMPSCOPE="$ROOT/.build/release/ampscope"
fi
echo "ampscope: $AMPSCOPE; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"

for count in $COUNTS; do
    farm="$DATA/sessions-$count"
    if [ ! -s "$DATA/sessions-$count.injected" ] || [ ! -d "$farm" ]; then
        rm -rf "$farm"
        python3 "$HERE/generate_sessions.py" "$farm" "$count" 42 > "$DATA/sessions-$count.injected"
    fi
    bytes=$(find "$farm" -name session.amps -printf '%s\n' | awk '{s+=$1} END {print s}')
    echo
    echo "== $count sessions, $(( bytes / 1024 )) KiB of session.amps, $(wc -l < "$DATA/sessions-$count.injected") injected faults"
    for run in $(seq 1 "$RUNS"); do
        for jobs in $JOBS; do
            option=(); [ "$jobs" != 0 ] && option=(--jobs "$jobs")
            out="$DATA/sessions-$count.jobs$jobs.json"
            load="$(cut -d' ' -f1 /proc/loadavg)"
            figures="$( { /usr/bin/time -f '%e %M' "$AMPSCOPE" analyze "$farm" --format json "${option[@]}" > "$out"; } 2>&1 | tail -1)" || true
            echo "$figures $load" >> "$DATA/sessions-$count.jobs$jobs.times"
            echo "  run $run, jobs $jobs: ${figures% *} s, ${figures#* } KiB, load $load"
        done
    done
    python3 - "$DATA" "$count" "$bytes" $JOBS <<'PY'
import json, statistics, sys
data, count, size, jobs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
injected = sorted(tuple(line.split()[:2]) for line in open("%s/sessions-%d.injected" % (data, count)) if line.strip())
documents = []
for job in jobs:
    rows = [line.split() for line in open("%s/sessions-%d.jobs%s.times" % (data, count, job)) if line.strip()]
    seconds = statistics.median(float(r[0]) for r in rows)
    label = "every core" if job == "0" else "--jobs %s" % job
    print("  %s: median %.2f s, %.0f sessions/s, %.1f MiB/s, peak RSS %d KiB (load %s-%s, %d runs)" % (
        label, seconds, count / seconds, size / seconds / 2**20, max(int(r[1]) for r in rows),
        min(r[2] for r in rows), max(r[2] for r in rows), len(rows)))
    text = open("%s/sessions-%d.jobs%s.json" % (data, count, job)).read()
    documents.append(text)
    doc = json.loads(text)
    named = sorted((s["board"], s["path"].rsplit("/", 1)[1]) for b in doc["boards"] for d in b["differing"]
                   for s in [doc["sessions"][d["session"] - 1]])
    print("    %s: %d sessions, %d boots, verdict %s; differing boots %s the injected faults (%d)" % (
        label, doc["summary"]["sessions"], doc["summary"]["boots"], doc["verdict"]["outcome"],
        "are exactly" if named == injected else "DO NOT MATCH", len(injected)))
print("  --jobs changes nothing: %s" % ("yes, byte for byte" if len(set(documents)) == 1 else "NO, the documents differ"))
PY
    rm -f "$DATA"/sessions-"$count".jobs*.times
done

if [ "${LOOP:-0}" = 1 ]; then
    count=$(echo $COUNTS | tr ' ' '\n' | sort -n | head -n 1)
    echo
    echo "== a shell loop of one analyze per session over the $count sessions (load $(cut -d' ' -f1 /proc/loadavg))"
    start=$(date +%s.%N)
    find "$DATA/sessions-$count" -name session.amps -printf '%h\n' | sort | while read -r session; do
        "$AMPSCOPE" analyze "$session" --format json > /dev/null || true
    done
    end=$(date +%s.%N)
    python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print('  %.2f s, %.0f sessions/s' % (s, int(sys.argv[3])/s))" "$start" "$end" "$count"
fi
