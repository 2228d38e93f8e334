#!/usr/bin/env python3
"""How often kbench's test calls a difference where there is none, at 3, 4 and 5 rounds per
kernel, with samples drawn from real runs: A/A comparisons resampled from the round means of
the committed lsm-cost results (docs/lsm-cost/*/lsm-cost.json), per accelerator.

For every workload, every simulated comparison takes ONE kernel of one result folder and draws
two pseudo-kernels of n round means each from it:

- "one kernel": n round means each, with replacement, from that kernel's own 3 or 4 round means
  (the brief's resampling; with 3-4 values to draw from, ties are frequent);
- "residuals": that kernel's level plus n residuals each, with replacement, from the log round
  means of every kernel of the folder centred on their own kernel's mean (and scaled by
  sqrt(k/(k-1)) for the k rounds each was centred over): the spread and shape of the real rounds
  of that workload and accelerator, without the ties of drawing from 3 values.

Each pair is compared as kbench compares two kernels (results.Overhead): Welch's t-test on the
logs of the round means, two-sided, and the verdict with q = p (one comparison) and the
threshold: slower or faster when p < 0.05 and the whole 95 % interval is beyond +-threshold.
With no spread at all p is the test's limit (1 for equal values). Also the exact permutation
test over rounds (every split of the 2n round means into two groups of n), for its floor.

Prints, per accelerator, source and n: the share of A/A comparisons with p < 0.05 (nominal 5 %),
its Monte-Carlo standard error, the highest and lowest workload's share, the share of
slower/faster verdicts, and how many comparisons rested on fewer than 4 degrees of freedom.

Usage: benchmarks/small-samples.py [SIMULATIONS-PER-WORKLOAD [SEED [THRESHOLD-PERCENT]]]
e.g.   benchmarks/small-samples.py 4000 1 1
Python 3 standard library only.
"""
import itertools
import json
import math
import os
import random
import sys

from round_means import mean, read, residuals, two_sided_p

FOLDERS = {"tcg": ["tcg", "tcg-balanced"], "icount": ["icount", "icount-balanced"]}
ROUNDS = [3, 4, 5]
ALPHA = 0.05


def variance(xs):
    m = mean(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)


def welch(a, b):
    """(difference of means, standard error, df) of Welch's test; df NaN without spread."""
    ta, tb = variance(a) / len(a), variance(b) / len(b)
    se2 = ta + tb
    if se2 == 0:
        return mean(b) - mean(a), 0.0, float("nan")
    df = se2 * se2 / (ta * ta / (len(a) - 1) + tb * tb / (len(b) - 1))
    return mean(b) - mean(a), math.sqrt(se2), df


def judged(a, b, threshold):
    """(p, differs, df) as kbench judges log round means b against a: p, and whether the verdict is slower or faster."""
    d, se, df = welch(a, b)
    if se == 0:
        p = 1.0 if d == 0 else 0.0
        return p, p < ALPHA and abs(d) > math.log1p(threshold), df
    p = two_sided_p(d / se, df)
    # the 95 % interval lies beyond log(1 + θ) (or below log(1 - θ)) exactly when the test of d
    # against that bound rejects two-sided at 5 % on the side of the bound
    above = (d - math.log1p(threshold)) / se > 0 and two_sided_p((d - math.log1p(threshold)) / se, df) < ALPHA
    below = (d - math.log1p(-threshold)) / se < 0 and two_sided_p((d - math.log1p(-threshold)) / se, df) < ALPHA
    return p, p < ALPHA and (above or below), df


def permutation_floor(n):
    """The smallest two-sided p an exact permutation test over rounds can give with n rounds a side."""
    return 2 / math.comb(2 * n, n)


def simulate(sources, n, source, sims, rng, threshold):
    """Per workload: (share with p < 0.05, share slower/faster, share with df < 4)."""
    shares = {}
    for workload, folders in sources.items():
        pairs = [(kernels, logs) for kernels in folders for logs in kernels.values() if len(logs) >= 2]
        pools = {id(kernels): residuals(kernels) for kernels in folders}
        rejected = differs = few = 0
        for _ in range(sims):
            kernels, logs = rng.choice(pairs)
            if source == "one kernel":
                a = [rng.choice(logs) for _ in range(n)]
                b = [rng.choice(logs) for _ in range(n)]
            else:
                pool, level = pools[id(kernels)], mean(logs)
                a = [level + rng.choice(pool) for _ in range(n)]
                b = [level + rng.choice(pool) for _ in range(n)]
            p, verdict, df = judged(a, b, threshold)
            rejected += p < ALPHA
            differs += verdict
            few += df < 4  # NaN compares False: no spread, no interval leaning on df
        shares[workload] = (rejected / sims, differs / sims, few / sims)
    return shares


def main():
    sims = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    threshold = (float(sys.argv[3]) if len(sys.argv) > 3 else 1.0) / 100
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "lsm-cost")
    rng = random.Random(seed)
    print(f"A/A comparisons from the committed lsm-cost round means: {sims} per workload, source and n; seed {seed};"
          f" threshold {threshold * 100:g} %; nominal false-positive rate of p < 0.05: 5 %")
    print()
    print("| accel | source | rounds a side | workloads | p < 0.05 | MC s.e. | lowest / highest workload | slower or faster"
          " | df < 4 | permutation test's smallest p |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for accel, folders in FOLDERS.items():
        data = [read(os.path.join(here, f))[1] for f in folders]
        sources = {w: [d[w] for d in data if w in d] for w in sorted(set().union(*data))}
        for source in ("one kernel", "residuals"):
            for n in ROUNDS:
                shares = simulate(sources, n, source, sims, rng, threshold)
                total = len(shares) * sims
                p = mean([s[0] for s in shares.values()])
                se = math.sqrt(p * (1 - p) / total) if 0 < p < 1 else math.sqrt(ALPHA * (1 - ALPHA) / total)
                low, high = min(s[0] for s in shares.values()), max(s[0] for s in shares.values())
                print(f"| {accel} | {source} | {n} | {len(shares)} | {p * 100:.2f} % | {se * 100:.2f} % |"
                      f" {low * 100:.1f} % / {high * 100:.1f} % | {mean([s[1] for s in shares.values()]) * 100:.2f} % |"
                      f" {mean([s[2] for s in shares.values()]) * 100:.0f} % | {permutation_floor(n):.3f} |")


if __name__ == "__main__":
    main()
