#!/usr/bin/env python3
"""Summarises latency-peers.py --json files: one table row per tool (median over all runs of
all files; latency.sh writes one file per round),
then ampscope's p99 against grabserial's and tio's, and the issue's target (p99 < 1 ms and
better than both). Exit status 0 either way: this reports, it does not judge the build.

Usage: latency_summary.py RESULTS.json [RESULTS.json ...]
"""
import json
import statistics
import sys


def med(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def ms(x):
    return "nan" if x != x else f"{x * 1e3:+.3f}"


def row(name, runs):
    def m(group, key):
        return med([r[group][key] for r in runs])
    distinct = [d for r in runs for d in r["burst_distinct"]]
    bad = sum(r["missing"] + r["damaged"] for r in runs)
    return dict(
        name=name, runs=len(runs), bad=bad, lines=sum(r["lines"] for r in runs),
        all_p50=m("all", "p50"), all_p99=m("all", "p99"), all_max=m("all", "max"),
        single_p50=m("single", "p50"), single_p99=m("single", "p99"), single_max=m("single", "max"),
        single_mean=m("single", "mean"), after_max=m("after", "max"),
        spread=med([r["burst_spread"] for r in runs]),
        us_per_byte=med([r["burst_us_per_byte"] for r in runs]),
        burst_last=med([r["burst_last"] for r in runs]),
        distinct=distinct,
        per_run_all_p99=[r["all"]["p99"] for r in runs],
        per_run_single_p99=[r["single"]["p99"] for r in runs],
        res=runs[0]["res"])


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    runs_of = {}
    for path in sys.argv[1:]:
        with open(path) as f:
            for name, data in json.load(f).items():
                runs_of.setdefault(name, []).extend(data["runs"])
    rows = [row(name, runs) for name, runs in runs_of.items()]
    cols = ["tool", "bad lines", "all p50", "all p99", "all max", "single p50", "single p99",
            "single max", "single mean", "after-burst max", "burst spread", "us/B",
            "burst last-line", "distinct stamps/burst"]
    print()
    print(f"Median of {rows[0]['runs'] if rows else 0} runs, delta = tool stamp - write time, in ms:")
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print(f"| {r['name']} | {r['bad']}/{r['lines']} | {ms(r['all_p50'])} | {ms(r['all_p99'])} | "
              f"{ms(r['all_max'])} | {ms(r['single_p50'])} | {ms(r['single_p99'])} | "
              f"{ms(r['single_max'])} | {ms(r['single_mean'])} | {ms(r['after_max'])} | "
              f"{ms(r['spread'])} | {r['us_per_byte']:.2f} | {ms(r['burst_last'])} | "
              f"{r['distinct']} |")
    print()
    print("Per run (in run order), p99 in ms, all lines / single lines:")
    for r in rows:
        print(f"  {r['name']:11} all {' '.join(ms(x) for x in r['per_run_all_p99'])} | "
              f"single {' '.join(ms(x) for x in r['per_run_single_p99'])}")
    by = {r["name"]: r for r in rows}
    a = by.get("ampscope")
    if not a:
        return
    print()
    for peer in ("grabserial", "tio", "ref"):
        p = by.get(peer)
        if not p:
            continue
        for key, label in (("all_p99", "all-lines p99"), ("single_p99", "single-line p99")):
            ratio = a[key] / p[key] if p[key] and p[key] == p[key] else float("nan")
            print(f"ampscope {label} / {peer} {label}: {ms(a[key])} / {ms(p[key])} ms = {ratio:.3f}")
    if "tio" in by:
        print("note: tio 2.5 truncates its stamps to whole ms, so its deltas read 0-1 ms low "
              "(its single-line mean + 0.5 ms estimates its true mean delay)")
    target = a["all_p99"] < 1e-3 and all(
        a["all_p99"] < by[p]["all_p99"] for p in ("grabserial", "tio") if p in by)
    print()
    print(f"target (all-lines p99 < 1 ms and better than grabserial and tio): "
          f"{'MET' if target else 'NOT MET'} (ampscope all p99 {ms(a['all_p99'])} ms, "
          f"{a['bad']} bad lines)")


if __name__ == "__main__":
    main()
