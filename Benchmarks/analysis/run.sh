#!/usr/bin/env bash
# The analysis benchmark of issues 3 and 20 in one run. Usage:
#   Benchmarks/analysis/run.sh [DATA_DIR] [RUNS]
# Environment:
#   SIZES="10 100 1000"   log sizes in MB (add 2000 for the memory check on 2 GB)
#   AMPSCOPE=path          the binary to measure (default: this tree's release build, built here)
#   TIMELINE=1             also measure `ampscope timeline --json` of every boot (writes every
#                          event: an output about as big as the input, JSON-encoding dominates)
#   TUX100=1               also run tuxparse on the 100 MB file (about 100 s at ~1 MB/s)
#   NO_OTHERS=1            skip tuxparse and logspec
#   BASELINE=path          also run this other ampscope's analyze, interleaved (sizes up to 1 GB)
#   REPORT_MAX=10          largest size (MB) on which `ampscope report --no-redact` runs too (all cores), against analyze
#   REPORT_REDACT=1        also run `ampscope report` with redaction (its first pass reads the whole input once more)
# DATA_DIR (default /work/bench-data, outside git) gets bootN.log (generated once, seed 42, with
# genN.txt: what the generator injected), literals.txt, a tuxparse venv, and the outputs.
# grep, `analyze --jobs 1` and the timeline part run on core 0 (taskset -c 0); `analyze` with its
# default (one thread per core) and `report` run on every core. Per size, the commands run
# interleaved (grep, ampscope, grep, ampscope, ...) so that load changes hit all of them alike;
# each figure is the median of RUNS (default 3) by wall time, peak RSS the largest seen, with
# /proc/loadavg per run.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="${1:-/work/bench-data}"
RUNS="${2:-3}"
SIZES="${SIZES:-10 100 1000}"
mkdir -p "$DATA"

if [ -z "${AMPSCOPE:-}" ]; then
    ( cd "$ROOT" && swift build -c release --product ampscope >/dev/null )
    AMPSCOPE="$ROOT/.build/release/ampscope"
fi

for size in $SIZES; do
    [ -s "$DATA/boot$size.log" ] && [ -s "$DATA/gen$size.txt" ] \
        || python3 "$HERE/generate_log.py" "$DATA/boot$size.log" "$size" 42 > "$DATA/gen$size.txt"
done
"$AMPSCOPE" rules list --literals > "$DATA/literals.txt"

# once NAME COMMAND [CPUS]: one run on CPUS (default core 0); prints "seconds peak_KiB load".
once() {
    local load; load="$(cut -d' ' -f1 /proc/loadavg)"
    local cpus="${3:-0}"
    local out; out="$( { /usr/bin/time -f '%e %M' taskset -c "$cpus" bash -c "$2" >/dev/null; } 2>&1 | tail -1)"
    echo "    $1: ${out% *} s, ${out#* } KiB, load $load" >&2
    echo "${out% *} ${out#* } $load"
}
ALL_CPUS="0-$(( $(nproc) - 1 ))"

# median FILE: median of column 1; max of column 2; min-max of column 3.
summarize() {
    python3 - "$1" <<'PY'
import sys, statistics
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
times = sorted(float(r[0]) for r in rows)
print("%.3f %d %s-%s" % (statistics.median(times), max(int(r[1]) for r in rows),
                         min((r[2] for r in rows), key=float), max((r[2] for r in rows), key=float)))
PY
}

echo "ampscope: $AMPSCOPE ($("$AMPSCOPE" --version 2>/dev/null || echo '?'))"
echo "literals: $(wc -l < "$DATA/literals.txt") from ampscope rules list --literals"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u '+%F %H:%M UTC')"
TABLE="$DATA/table.txt"
printf '%-9s %8s %9s %10s %9s %8s %11s %13s %12s %9s %11s %8s %11s\n' file MB grep_s analyze1_s MB/s ratio1 RSS1_MiB load timeline_s tl_ratio analyzeN_s ratioN RSSN_MiB > "$TABLE"
declare -A AMP_TIME
for size in $SIZES; do
    file="$DATA/boot$size.log"
    mb="$(python3 -c "import os;print(round(os.path.getsize('$file')/1e6,1))")"
    : > "$DATA/baseline$size.runs"; : > "$DATA/grep$size.runs"; : > "$DATA/analyze$size.runs"; : > "$DATA/timeline$size.runs"; : > "$DATA/last$size.runs"
    : > "$DATA/analyzeN$size.runs"; : > "$DATA/report$size.runs"; : > "$DATA/reportR$size.runs"
    for _ in $(seq "$RUNS"); do
        # grep's output to a pipe: on /dev/null GNU grep stops at the first match.
        once "grep $size" "grep -F -c -f '$DATA/literals.txt' '$file' | cat" >> "$DATA/grep$size.runs"
        # analyze exits 3 when it finds an error (the generated log has them): not a failure here.
        once "analyze --jobs 1 $size" "'$AMPSCOPE' analyze --jobs 1 --format json '$file' > '$DATA/analyze$size.json'; [ \$? -le 3 ]" >> "$DATA/analyze$size.runs"
        # Every core: boots in parallel; the document must be the one-core document, byte for byte.
        once "analyze $size (all cores)" "'$AMPSCOPE' analyze --format json '$file' > '$DATA/analyzeN$size.json'; [ \$? -le 3 ]" "$ALL_CPUS" >> "$DATA/analyzeN$size.runs"
        if [ "$size" -le "${REPORT_MAX:-10}" ]; then
            once "report $size (all cores)" "'$AMPSCOPE' report --no-redact -o '$DATA/report$size' '$file'; [ \$? -le 3 ]" "$ALL_CPUS" >> "$DATA/report$size.runs"
            if [ -n "${REPORT_REDACT:-}" ]; then
                once "report redacted $size (all cores)" "'$AMPSCOPE' report -o '$DATA/reportR$size' '$file'; [ \$? -le 3 ]" "$ALL_CPUS" >> "$DATA/reportR$size.runs"
            fi
        fi
        if [ -n "${BASELINE:-}" ] && [ "$size" -le 1000 ]; then
            once "baseline analyze $size" "'$BASELINE' analyze --format json '$file' > /dev/null; [ \$? -le 3 ]" >> "$DATA/baseline$size.runs"
        fi
        # Everything up to the timeline (every boot is built; only the last is written out).
        once "timeline-last $size" "'$AMPSCOPE' timeline --json --boot last '$file'" >> "$DATA/last$size.runs"
        if [ -n "${TIMELINE:-}" ]; then
            once "timeline $size" "'$AMPSCOPE' timeline --json '$file' > '$DATA/timeline$size.json'" >> "$DATA/timeline$size.runs"
        fi
    done
    read -r grep_t _ grep_load < <(summarize "$DATA/grep$size.runs")
    read -r amp_t amp_rss amp_load < <(summarize "$DATA/analyze$size.runs")
    read -r last_t _ _ < <(summarize "$DATA/last$size.runs")
    read -r ampn_t ampn_rss ampn_load < <(summarize "$DATA/analyzeN$size.runs")
    AMP_TIME[$size]="$amp_t"
    python3 - "$size" "$mb" "$grep_t" "$amp_t" "$amp_rss" "$grep_load/$amp_load" "$last_t" "$ampn_t" "$ampn_rss" >> "$TABLE" <<'PY'
import sys
size, mb, g, a, rss, load, t, n, nrss = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6], float(sys.argv[7]), float(sys.argv[8]), int(sys.argv[9])
print("%-9s %8.1f %9.3f %10.3f %9.0f %8.2f %11.1f %13s %12.3f %9.2f %11.3f %8.2f %11.1f" % ("boot%s" % size, mb, g, a, mb / a, a / g, rss / 1024, load, t, t / g, n, n / g, nrss / 1024))
PY
    echo "  load during the every-core runs of boot$size: $ampn_load" >> "$TABLE"
    if cmp -s "$DATA/analyze$size.json" "$DATA/analyzeN$size.json"; then
        echo "  identity boot$size: analyze on every core wrote the one-core document byte for byte" >> "$TABLE"
    else
        echo "  identity boot$size: DIFFERENT documents on one core and on every core" >> "$TABLE"
    fi
    if [ -s "$DATA/report$size.runs" ]; then
        read -r rep_t rep_rss _ < <(summarize "$DATA/report$size.runs")
        python3 -c "print('  report boot$size (all cores): %.3f s, %.2fx analyze on every core, peak %.1f MiB; report.json %d bytes' % ($rep_t, $rep_t / $ampn_t, $rep_rss / 1024, $(stat -c %s "$DATA/report$size/report.json")))" >> "$TABLE"
        # report.json must list exactly the boots analyze found findings in, and count every boot.
        python3 - "$DATA/report$size/report.json" "$DATA/analyzeN$size.json" >> "$TABLE" <<'PY'
import json, sys
report, analyze = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
listed = [entry["boot"]["index"] for entry in report["bootsWithFindings"]]
found = sorted({finding["boot"] for finding in analyze["findings"]})
ok = listed == found and report["boots"]["total"] == len(analyze["boots"])
print("  report check: %d boots, %d listed with findings (analyze: %d boots, %d with findings): %s"
      % (report["boots"]["total"], len(listed), len(analyze["boots"]), len(found), "ok" if ok else "MISMATCH"))
PY
    fi
    if [ -s "$DATA/reportR$size.runs" ]; then
        read -r rr_t rr_rss _ < <(summarize "$DATA/reportR$size.runs")
        python3 -c "print('  report redacted boot$size (all cores): %.3f s, %.2fx analyze on every core, peak %.1f MiB; report.json %d bytes' % ($rr_t, $rr_t / $ampn_t, $rr_rss / 1024, $(stat -c %s "$DATA/reportR$size/report.json")))" >> "$TABLE"
    fi
    if [ -s "$DATA/baseline$size.runs" ]; then
        read -r base_t base_rss _ < <(summarize "$DATA/baseline$size.runs")
        python3 -c "print('  baseline analyze boot$size: %.3f s (%.0f MB/s), ratio vs grep %.2f, peak %.1f MiB; this build is %.2fx faster' % ($base_t, $mb / $base_t, $base_t / $grep_t, $base_rss / 1024, $base_t / $amp_t))" >> "$TABLE"
    fi
    if [ -n "${TIMELINE:-}" ]; then
        read -r tl_t tl_rss _ < <(summarize "$DATA/timeline$size.runs")
        echo "  timeline --json boot$size: $tl_t s, peak $tl_rss KiB" >> "$TABLE"
    fi
    # The output must say what the generator wrote: every boot, every WARNING and Oops.
    python3 - "$DATA/analyze$size.json" "$DATA/gen$size.txt" >> "$TABLE" <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1]))
boots, warnings, oopses = map(int, re.search(r"(\d+) boots, (\d+) WARNING splats, (\d+) Oopses", open(sys.argv[2]).read()).groups())
rules = {entry["rule"]: len(entry["boots"]) for entry in doc["summary"]["rules"]}
found = (len(doc["boots"]), rules.get("kernel-warning", 0), rules.get("kernel-oops", 0))
verdict = "ok" if found == (boots, warnings, oopses) else "MISMATCH"
print("  check: %d boots, %d kernel-warning, %d kernel-oops boots; generator: %d, %d, %d: %s; %d findings"
      % (found + (boots, warnings, oopses) + (verdict, len(doc["findings"]))))
PY
done
# Growth: each size against the previous one (linear means the time grows as the bytes).
previous=""
for size in $SIZES; do
    if [ -n "$previous" ]; then
        python3 -c "print('time growth boot$previous -> boot$size: x%.2f for x%.1f the bytes (%.0f vs %.0f MB/s)' % (${AMP_TIME[$size]} / ${AMP_TIME[$previous]}, $size / $previous, $size / ${AMP_TIME[$size]}, $previous / ${AMP_TIME[$previous]}))" >> "$TABLE"
    fi
    previous="$size"
done
cat "$TABLE"

# tuxparse 0.6.0 through stdin (survives invalid UTF-8), --unique: on 10 MB (about 1 MB/s), and
# on 100 MB with TUX100=1 to check its growth; extrapolated linearly to 1 GB.
[ -n "${NO_OTHERS:-}" ] && exit 0
if [ ! -x "$DATA/venv/bin/tuxparse" ]; then
    python3 -m venv "$DATA/venv" && "$DATA/venv/bin/pip" install -q tuxparse==0.6.0 || echo "tuxparse: could not install"
fi
if [ -x "$DATA/venv/bin/tuxparse" ]; then
    for size in 10 ${TUX100:+100}; do
        read -r tux_t tux_rss _ < <(once "tuxparse $size" "'$DATA/venv/bin/tuxparse' --log-parser boot_test --unique < '$DATA/boot$size.log' > '$DATA/tuxparse$size.json'")
        python3 -c "
t=$tux_t; a=${AMP_TIME[$size]:-0}
print('tuxparse boot$size: %.1f s (%.2f MB/s), peak %d KiB; linear to 1 GB: %.0f s%s' % (t, $size/t, $tux_rss, t*1000/$size,
      '; ampscope analyze on the same file: %.0fx faster' % (t/a) if a else ''))"
    done
fi

# logspec (KernelCI) from a checkout in DATA_DIR/logspec (not on PyPI; see README), 10 and 100 MB:
# it slices the whole log string after every error it finds, so it grows faster than linearly.
if [ -f "$DATA/logspec/logspec.py" ]; then
    for size in 10 100; do
        read -r ls_t ls_rss _ < <(once "logspec $size" "cd '$DATA/logspec' && '$DATA/venv/bin/python' logspec.py '$DATA/boot$size.log' generic_linux_boot -o json > '$DATA/logspec$size.json'")
        errors="$(python3 -c "import json;print(len(json.load(open('$DATA/logspec$size.json'))['errors']))")"
        python3 -c "
t=$ls_t; a=${AMP_TIME[$size]:-0}
print('logspec boot$size: %.2f s (%.1f MB/s), peak %d KiB, %s errors%s' % (t, $size/t, $ls_rss, '$errors',
      '; ampscope analyze on the same file: %.1fx faster' % (t/a) if a else ''))"
    done
else
    echo "logspec: no copy in $DATA/logspec (see README): not measured"
fi
