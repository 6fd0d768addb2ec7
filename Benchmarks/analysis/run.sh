#!/usr/bin/env bash
# The analysis benchmark in one run (issue 3). Usage:
#   Benchmarks/analysis/run.sh [DATA_DIR] [RUNS]
# DATA_DIR (default /work/bench-data) gets boot10.log, boot100.log, boot1000.log (generated once,
# deterministic by seed), literals.txt and a tuxparse venv. Everything runs on core 0
# (taskset -c 0); each figure is the median of RUNS (default 3) runs by wall time, with
# /proc/loadavg printed per command so noisy runs can be spotted and rerun.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="${1:-/work/bench-data}"
RUNS="${2:-3}"
mkdir -p "$DATA"

( cd "$ROOT" && swift build -c release --product ampscope >/dev/null )
( cd "$HERE" && swift build -c release >/dev/null )
AMPSCOPE="$ROOT/.build/release/ampscope"
DRIVER="$HERE/.build/release/analysis-driver"

for size in 10 100 1000; do
    [ -s "$DATA/boot$size.log" ] || python3 "$HERE/generate_log.py" "$DATA/boot$size.log" "$size" 42
done
"$AMPSCOPE" rules list --literals > "$DATA/literals.txt"

# The analysis measured: `ampscope analyze --format json` (lines, events, boots, clock model,
# phases and the diagnosis: what issue 3's benchmark names), and for the breakdown
# `ampscope timeline --json` (everything up to the timeline) and the hot-path driver alone.
ANALYSIS_NAME="ampscope analyze --format json"

# measure NAME COMMAND...: median wall seconds and peak RSS (KiB) over $RUNS runs on core 0.
measure() {
    local name="$1"; shift
    local times=() rss=()
    for _ in $(seq "$RUNS"); do
        local load; load="$(cut -d' ' -f1 /proc/loadavg)"
        local out; out="$( { /usr/bin/time -f '%e %M' taskset -c 0 bash -c "$*" >/dev/null; } 2>&1 | tail -1)"
        times+=("${out% *}"); rss+=("${out#* }")
        echo "    $name: ${out% *} s, ${out#* } KiB, load $load" >&2
    done
    local median_time; median_time="$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")"
    local max_rss; max_rss="$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)"
    echo "$median_time $max_rss"
}

echo "analysis: $ANALYSIS_NAME"
echo "literals: $(wc -l < "$DATA/literals.txt") from ampscope rules list --literals"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F)"
printf '%-10s %10s %10s %10s %10s %10s %12s %10s %10s\n' file MB grep_s analyze_s analyze_MB/s ratio peak_RSS_KiB timeline_s driver_s
declare -A AMP_TIME
for size in 10 100 1000; do
    file="$DATA/boot$size.log"
    mb="$(python3 -c "import os;print(round(os.path.getsize('$file')/1e6,1))")"
    # grep's output to a pipe: on /dev/null GNU grep stops at the first match.
    read -r grep_t _ < <(measure "grep $size" "grep -F -c -f '$DATA/literals.txt' '$file' | cat")
    # analyze exits 3 when it finds an error (the generated log has Oopses): that is not a failure here.
    read -r amp_t amp_rss < <(measure "analyze $size" "'$AMPSCOPE' analyze --format json '$file'; [ \$? -le 3 ]")
    read -r tl_t _ < <(measure "timeline $size" "'$AMPSCOPE' timeline --json '$file'")
    read -r drv_t _ < <(measure "driver $size" "'$DRIVER' '$file'")
    AMP_TIME[$size]="$amp_t"
    python3 - "$size" "$mb" "$grep_t" "$amp_t" "$amp_rss" "$tl_t" "$drv_t" <<'PY'
import sys
size, mb, g, a, rss, tl, drv = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], float(sys.argv[6]), float(sys.argv[7])
print("%-10s %10.1f %10.3f %10.3f %10.0f %10.2f %12s %10.3f %10.3f" % ("boot%s" % size, mb, g, a, mb / a, a / g, rss, tl, drv))
PY
done
python3 -c "print('time growth 10 MB -> 1 GB: x%.1f for x100 the bytes' % (${AMP_TIME[1000]} / ${AMP_TIME[10]}))"

# tuxparse on the 10 MB file only (about 1.4 MB/s), extrapolated linearly.
if [ ! -x "$DATA/venv/bin/tuxparse" ]; then
    python3 -m venv "$DATA/venv" && "$DATA/venv/bin/pip" install -q tuxparse || echo "tuxparse: could not install"
fi
if [ -x "$DATA/venv/bin/tuxparse" ]; then
    read -r tux_t tux_rss < <(measure "tuxparse 10" "'$DATA/venv/bin/tuxparse' --log-parser boot_test --unique < '$DATA/boot10.log'")
    python3 -c "
t=$tux_t; a=${AMP_TIME[10]}
print('tuxparse boot10: %.1f s (%.2f MB/s), peak %s KiB; ampscope is %.0fx faster; 1 GB would take about %.0f s' % (t, 10.0/t, '$tux_rss', t/a, t*100))"
fi

# logspec (KernelCI), if a runnable copy is in DATA_DIR/logspec (not installable from PyPI; see README).
if [ -f "$DATA/logspec/logspec.py" ]; then
    for size in 10 100; do
        read -r ls_t ls_rss < <(measure "logspec $size" "'$DATA/venv/bin/python' '$DATA/logspec/logspec.py' '$DATA/boot$size.log' generic_linux_boot -o json")
        python3 -c "
t=$ls_t; a=${AMP_TIME[$size]}
print('logspec boot$size: %.1f s (%.1f MB/s), peak %s KiB; ampscope analyze is %.0fx faster' % (t, $size/t, '$ls_rss', t/a))"
    done
else
    echo "logspec: no copy in $DATA/logspec (see README): not measured"
fi
