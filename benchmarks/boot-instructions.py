#!/usr/bin/env python3
"""The tables of docs/boot.md's "Boot phases in instructions", from the boot logs that
benchmarks/boot-instructions.sh writes (OUT-DIR/*.boots.jsonl). Instructions are the mean over
every boot of a kernel (warm-up boots too: a count does not depend on the page cache) with the
spread (max - min) / mean; host times are medians of the measured boots, in ms (of all 8 boots of a batch for the
plugin's cost). TCG's
decompression times beside them come from the uncounted bake-offs committed before
(docs/boot-results/marked/ and lupine/bakeoff-tcg.boots.jsonl, taken on an idle host).

Usage: benchmarks/boot-instructions.py [OUT-DIR]     (default docs/boot-results/instructions)
"""
import glob
import json
import os
import statistics
import sys

# the (FG)KASLR suite's decompression times (Lupine 5.11, Firecracker on KVM, one boot each), in µs
SUITE_US = {"lz4": 30600, "lzo": 34040, "gzip": 54384, "lzma": 179685, "xz": 195848, "bzip2": 229489}
SCHEMES = ["lz4", "lzo", "gzip", "zstd", "lzma", "xz", "bzip2"]
PHASES = ["firmware", "bootstrap", "decomp", "parse_elf", "bootstrap_rando", "guest", "to_init", "init_to_ready", "to_ready"]


def boots(path):
    with open(path) as f:
        return [b for b in map(json.loads, f) if not b.get("error")]


def by_kernel(path):
    groups = {}
    for boot in boots(path):
        groups.setdefault(boot["kernel"], []).append(boot)
    return groups


def counts(group, phase):
    return [b["instructions"][phase] for b in group if phase in b.get("instructions", {})]


def millis(group, phase, warmups=False):
    values = [b["phases"][phase] / 1000 for b in group if (warmups or not b.get("warmup")) and phase in b.get("phases", {})]
    return statistics.median(values) if values else float("nan")


def spread(values):
    mean = statistics.mean(values)
    return 100 * (max(values) - min(values)) / mean if mean else 0.0


def count_cell(values):
    return f"{statistics.mean(values):,.0f} ({spread(values):.2g} %)" if values else "–"


def phase_table(path):
    groups = by_kernel(path)
    print("| kernel | n | " + " | ".join(PHASES) + " |")
    print("| --- | --- |" + " --- |" * len(PHASES))
    for kernel, group in groups.items():
        print(f"| {kernel} | {len(group)} | " + " | ".join(count_cell(counts(group, p)) for p in PHASES) + " |")
    print()


def bakeoff(path, prefix, tcg_path):
    """Decompression: the suite's µs, the instructions counted here, and TCG's host time from the
    uncounted bake-off (tcg_path, an idle host) beside this run's own (taken while counting)."""
    groups = by_kernel(path)
    tcg = by_kernel(tcg_path) if os.path.exists(tcg_path) else {}
    base = f"{prefix}gzip"
    gzip_n = statistics.mean(counts(groups[base], "decomp"))
    gzip_tcg = millis(tcg[base], "decomp") if base in tcg else float("nan")
    gzip_ms = millis(groups[base], "decomp")
    print("| scheme | suite (µs) | ÷ gzip | instructions (millions) | ÷ gzip | TCG (ms, median) | ÷ gzip"
          " | TCG ns per instruction | TCG while counting (ms) | ÷ gzip |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for scheme in SCHEMES:
        group = groups.get(prefix + scheme)
        if not group:
            continue
        n = statistics.mean(counts(group, "decomp"))
        ms = millis(group, "decomp")
        tcg_ms = millis(tcg[prefix + scheme], "decomp") if prefix + scheme in tcg else float("nan")
        suite = SUITE_US.get(scheme)
        suite_cells = f"{suite:,} | {suite / SUITE_US['gzip']:.2f}" if suite else "– | –"
        print(f"| {scheme} | {suite_cells} | {n / 1e6:,.1f} | {n / gzip_n:.2f} | {tcg_ms:,.1f} | {tcg_ms / gzip_tcg:.2f}"
              f" | {tcg_ms * 1e6 / n:.2f} | {ms:,.0f} | {ms / gzip_ms:.2f} |")
    print()


def cost(folder):
    rows = []
    for plain in sorted(glob.glob(os.path.join(folder, "cost", "plain-*.boots.jsonl"))):
        counted = plain.replace("plain-", "counted-")
        if not os.path.exists(counted):
            continue
        p, c = [next(iter(by_kernel(f).values())) for f in (plain, counted)]
        rows.append((os.path.basename(plain).split(".")[0][len("plain-"):],
                     # every boot of a batch: the warm-ups ran beside the same load, and the cache does not matter here
                     {phase: (millis(p, phase, True), millis(c, phase, True)) for phase in ("decomp", "guest", "to_ready")}))
    if not rows:
        return
    print("| round | decomp plain / counting (ms) | ratio | guest plain / counting (ms) | ratio | to_ready plain / counting (ms) | ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    ratios = {"decomp": [], "guest": [], "to_ready": []}
    for name, phases in rows:
        cells = []
        for phase in ("decomp", "guest", "to_ready"):
            plain_ms, counted_ms = phases[phase]
            ratios[phase].append(counted_ms / plain_ms)
            cells.append(f"{plain_ms:,.0f} / {counted_ms:,.0f} | {counted_ms / plain_ms:.2f}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    print("| median of the rounds' ratios | | " + " | | ".join(f"{statistics.median(ratios[p]):.2f}" for p in ratios) + " |")
    print()


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "docs/boot-results/instructions"
    # TCG's decompression times on an idle host: the uncounted bake-offs of docs/boot.md
    uncounted = {"bakeoff": "docs/boot-results/marked/bakeoff-tcg.boots.jsonl", "lupine": "docs/boot-results/lupine/bakeoff-tcg.boots.jsonl"}
    for name, prefix in (("bakeoff", "small-kaslr-"), ("lupine", "lupine-")):
        path = os.path.join(folder, name + ".boots.jsonl")
        if os.path.exists(path):
            print(f"## {name}: every phase in instructions, mean (spread)\n")
            phase_table(path)
            print(f"## {name}: decompression\n")
            bakeoff(path, prefix, uncounted[name])
    for name in ("kaslr", "icount"):
        path = os.path.join(folder, name + ".boots.jsonl")
        if os.path.exists(path):
            print(f"## {name}: every phase in instructions, mean (spread)\n")
            phase_table(path)
    print("## the plugin's cost: host time without and with counting, medians per round\n")
    cost(folder)


if __name__ == "__main__":
    main()
