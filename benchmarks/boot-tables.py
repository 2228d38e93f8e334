#!/usr/bin/env python3
"""The tables of docs/boot.md, from the boot logs kbench boot writes (OUT.boots.jsonl): one row per
kernel, memory size and page-cache mode, the measured boots only, each phase in ms as the median
(or the mean ± stdev) of the boots that have it; a phase no boot has is '–'.

Usage: benchmarks/boot-tables.py median|mean FILE.boots.jsonl... -- PHASE...
e.g.   benchmarks/boot-tables.py median docs/boot-results/marked/bakeoff-tcg.boots.jsonl -- in_monitor decomp to_init
"""
import json
import statistics
import sys


def rows(files):
    groups = {}
    for path in files:
        with open(path) as f:
            for line in f:
                boot = json.loads(line)
                if boot.get("warmup") or boot.get("error"):
                    continue
                setting = boot.get("setting") or {}
                key = (boot["kernel"], setting.get("mem", ""), setting.get("cache", ""))
                groups.setdefault(key, []).append(boot.get("phases") or {})
    return groups


def cell(stat, values):
    if not values:
        return "–"
    ms = [v / 1000 for v in values]
    if stat == "median":
        return digits(statistics.median(ms))
    sd = statistics.stdev(ms) if len(ms) > 1 else 0.0
    return f"{digits(statistics.mean(ms))} ± {digits(sd)}"


def digits(ms):
    """Three significant digits below 1,000 ms, whole milliseconds above, as docs/boot.md prints them."""
    return f"{ms:.0f}" if ms >= 1000 else f"{ms:.3g}"


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("median", "mean") or "--" not in sys.argv:
        sys.exit(__doc__)
    stat = sys.argv[1]
    split = sys.argv.index("--")
    files, phases = sys.argv[2:split], sys.argv[split + 1:]
    print("| kernel | mem | cache | n | " + " | ".join(phases) + " |")
    print("| --- | --- | --- | --- | " + " | ".join("---" for _ in phases) + " |")
    for (kernel, mem, cache), boots in rows(files).items():
        cells = [cell(stat, [b[p] for b in boots if p in b]) for p in phases]
        print(f"| {kernel} | {mem} | {cache} | {len(boots)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
