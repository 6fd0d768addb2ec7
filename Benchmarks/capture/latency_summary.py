#!/usr/bin/env python3
"""Summarises a latency-peers.py --json file: one table row per tool (median over runs),
then ampscope's p99 against grabserial's and tio's, and the issue's target (p99 < 1 ms and
better than both). Exit status 0 either way: this reports, it does not judge the build.

Usage: latency_summary.py RESULTS.json [--markdown]
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
        res=runs[0]["res"])


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        results = json.load(f)
    rows = [row(name, data["runs"]) for name, data in results.items()]
    cols = ["tool", "bad lines", "all p50", "all p99", "all max", "single p50", "single p99",
            "single max", "single mean", "after-burst max", "burst spread", "us/B",
            "burst last-line", "distinct stamps/burst"]
    print()
    print("Median of runs, delta = tool stamp - write time, in ms:")
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print(f"| {r['name']} | {r['bad']}/{r['lines']} | {ms(r['all_p50'])} | {ms(r['all_p99'])} | "
              f"{ms(r['all_max'])} | {ms(r['single_p50'])} | {ms(r['single_p99'])} | "
              f"{ms(r['single_max'])} | {ms(r['single_mean'])} | {ms(r['after_max'])} | "
              f"{ms(r['spread'])} | {r['us_per_byte']:.2f} | {ms(r['burst_last'])} | "
              f"{r['distinct']} |")
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
    target = a["all_p99"] < 1e-3 and all(
        a["all_p99"] < by[p]["all_p99"] for p in ("grabserial", "tio") if p in by)
    print()
    print(f"target (all-lines p99 < 1 ms and better than grabserial and tio): "
          f"{'MET' if target else 'NOT MET'} (ampscope all p99 {ms(a['all_p99'])} ms, "
          f"{a['bad']} bad lines)")


if __name__ == "__main__":
    main()
