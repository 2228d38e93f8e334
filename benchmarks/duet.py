#!/usr/bin/env python3
"""Duet rounds measured by hand: do two kernels' VMs that run at the same moment share their luck?

Reads two batches of two `kbench run` logs each (OUT.runs.jsonl), made by benchmarks/duet.sh: in
each batch one kernel's rounds on CPU 0 and the other's on CPU 1, started together, so round i of
one ran beside round i of the other; the second batch swaps the CPUs. Prints the correlation of
the paired round means, the comparison unpaired (Welch on log round means, and with a term for
the CPU each VM had) and paired (the log differences of the pairs, less a term for which CPU each
kernel had), and how far apart the pairs' rounds started.

Usage: benchmarks/duet.py BASE-1.runs.jsonl OTHER-1.runs.jsonl BASE-2.runs.jsonl OTHER-2.runs.jsonl
Python 3 standard library only.
"""
import math
import statistics
import sys
from datetime import datetime

from round_means import measured_runs, t_quantile


def rounds(path):
    """[(start time of the round's first measured run, mean of its log runs)], by round."""
    by_round = {}
    for record in measured_runs(path):
        at = datetime.fromisoformat(record["time"][:26])
        start, values = by_round.setdefault(record["round"], (at, []))
        values.append(math.log(record["value"]))
    return [(start, statistics.mean(values)) for _, (start, values) in sorted(by_round.items())]


def interval(estimate, se, df):
    half = t_quantile(0.975, df) * se
    return f"{(math.exp(estimate) - 1) * 100:+.2f} % [{(math.exp(estimate - half) - 1) * 100:+.2f} %, " \
           f"{(math.exp(estimate + half) - 1) * 100:+.2f} %] (df {df:.1f})"


def main(paths):
    batches = [(rounds(paths[0]), rounds(paths[1])), (rounds(paths[2]), rounds(paths[3]))]
    base = [m for batch in batches for _, m in batch[0]]
    other = [m for batch in batches for _, m in batch[1]]
    pairs = [(a, b, side) for side, batch in zip((1, -1), batches) for (_, a), (_, b) in zip(*batch)]
    offsets = [abs((sa - sb).total_seconds()) for batch in batches for (sa, _), (sb, _) in zip(*batch)]
    print(f"rounds: {len(base)} and {len(other)}, {len(pairs)} pairs; their starts apart by "
          f"{statistics.median(offsets):.1f} s (median), {max(offsets):.1f} s at most")
    print(f"spread of the round means: {statistics.stdev(base) * 100:.2f} % and {statistics.stdev(other) * 100:.2f} %;"
          f" correlation of the pairs (each batch centred): "
          f"{statistics.correlation(*centred(batches)):+.2f}")
    va, vb = statistics.variance(base) / len(base), statistics.variance(other) / len(other)
    df = (va + vb) ** 2 / (va ** 2 / (len(base) - 1) + vb ** 2 / (len(other) - 1))
    print("unpaired (Welch):   " + interval(statistics.mean(other) - statistics.mean(base), math.sqrt(va + vb), df))
    # unpaired with the CPU term: the four kernel x CPU cells, the effect averaged over the two CPUs
    cells = [[m for _, m in batch[k]] for batch in batches for k in (0, 1)]
    residuals = [x - statistics.mean(cell) for cell in cells for x in cell]
    df = len(residuals) - len(cells)
    variance = sum(r * r for r in residuals) / df
    effect = (statistics.mean(cells[1]) - statistics.mean(cells[0]) + statistics.mean(cells[3]) - statistics.mean(cells[2])) / 2
    se = math.sqrt(variance * sum(1 / len(cell) for cell in cells) / 4)
    print("unpaired, CPU term: " + interval(effect, se, df))
    # paired: d = effect + side * cpu + error, sides coded +1/-1 and balanced, so effect = mean(d)
    d = [b - a for a, b, _ in pairs]
    sides = [side for _, _, side in pairs]
    effect = statistics.mean(d)
    cpu = sum(x * s for x, s in zip(d, sides)) / sum(s * s for s in sides)
    residuals = [x - effect - cpu * s for x, s in zip(d, sides)]
    df = len(d) - 2
    se = math.sqrt(sum(r * r for r in residuals) / df / len(d))
    print("paired (duet):      " + interval(effect, se, df) + f"; the CPU term (a VM on the second\n"
          f"  kernel's CPU in the first batch against one on the first's) {(math.exp(cpu) - 1) * 100:+.2f} %")


def centred(batches):
    xs, ys = [], []
    for first, second in batches:
        a = [m for _, m in first][:len(second)]
        b = [m for _, m in second][:len(first)]
        xs += [x - statistics.mean(a) for x in a]
        ys += [y - statistics.mean(b) for y in b]
    return xs, ys


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: benchmarks/duet.py BASE-1.runs.jsonl OTHER-1.runs.jsonl BASE-2.runs.jsonl OTHER-2.runs.jsonl")
    main(sys.argv[1:])
