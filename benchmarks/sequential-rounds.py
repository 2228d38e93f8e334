#!/usr/bin/env python3
"""Whether kbench could stop adding rounds once a comparison is decided, simulated on the round
means of the committed lsm-cost results (docs/lsm-cost/*/lsm-cost.json), per accelerator.

The rule simulated ("until decided"): every kernel runs at least m rounds and at most M. After
round r = m, m+1, ..., M-1 (both kernels having r rounds) the comparison is looked at; with the
final round that is K = M - m + 1 looks. It is decided at a look when kbench's verdict, computed
at level 0.05/K instead of 0.05, is not inconclusive: p*K < 0.05 and the strict interval
d +- t(1 - 0.05/(2K), df)*se wholly beyond +threshold or wholly below -threshold, or the strict
interval wholly strictly inside (-threshold, +threshold). Once decided the rounds stop and the
verdict reported is the ordinary 95 % one on those r rounds; never decided, the ordinary verdict
on M rounds. Bonferroni over the looks: an early stop is at level 0.05/K. Designs simulated:
(m, M) = (2, 4), (2, 6), (2, 8), (3, 6), and the fixed designs m = M = 2, 3, 4, and 6 and 8
for the sequential designs' longest (one look, the ordinary verdict on that many rounds); and
"2 to 4 by 2", which looks only after every 2 rounds (K = 2), as kbench does with two jobs that
each run one of every 2 rounds.

kbench's verdict (results.Overhead, results.Verdict), one comparison so q = p: Welch's t-test on
the natural logs of the round means, d = mean(log B) - mean(log A), se = sqrt(s2A/nA + s2B/nB),
Welch-Satterthwaite df, interval d +- t(0.975, df)*se; slower when p < 0.05 and the interval's
low end is above log(1 + threshold), faster when p < 0.05 and its high end below
log(1 - threshold), same when the interval lies strictly between the two, else inconclusive.
With no spread at all (se = 0) the interval is the point d and p is 1 if d = 0, else 0.
(An interval d +- t(1 - a/2, df)*se lies above a bound b exactly when (d - b)/se > 0 and its
two-sided p is below a, which is how the script tests it: no t quantile needed.)

Every simulated comparison draws the round means of two kernels, A and B, 8 rounds each, and
judges every design on the first rounds of the same draws (common random numbers: the designs
differ only by their rule). Two sources of round means, as benchmarks/small-samples.py:

- "one kernel": rounds with replacement from that kernel's own 3 or 4 real log round means;
- "residuals": that kernel's level (mean log round mean) plus residuals drawn with replacement
  from the log round means of every kernel of that workload and result folder, each centred on
  its own kernel's mean and scaled by sqrt(k/(k-1)) for the k rounds it was centred over.

1. A/A: SIMULATIONS comparisons per workload and accelerator, each of ONE kernel (uniform over
   the kernels of the accelerator's folders) against itself, "residuals" source. Prints, per
   accelerator and design: the share ending slower or faster (false positives) with its
   Monte-Carlo standard error, the share whose reported p < 0.05, the shares ending same and
   inconclusive, the share decided at a look before the M-th round, the mean rounds per kernel
   (with its MC s.e.), and the worst workload's share of false positives (with its MC s.e.).
2. Real differences: for every result folder, workload and kernel other than the baseline (the
   folder's first kernel, caponly), SIMULATIONS // 10 comparisons of that kernel against the
   baseline per source, both sources. Prints, per accelerator, source and design: the shares of
   slower or faster, same and inconclusive verdicts; how often the design agrees with the fixed
   4-round design on the same draws; contradicts it (slower or faster in one, same or the
   opposite direction in the other); leaves inconclusive what fixed 4 decided; decides what
   fixed 4 left inconclusive; and the mean rounds per kernel.

MC s.e.: binomial on all comparisons of the row (the comparisons are stratified by workload or
pair, so this is an upper bound).

Usage: benchmarks/sequential-rounds.py [SIMULATIONS [SEED [THRESHOLD-PERCENT]]]
e.g.   benchmarks/sequential-rounds.py 2000 1 1
Python 3 standard library only.
"""
import json
import math
import os
import random
import sys

from round_means import mean, read, residuals, two_sided_p

FOLDERS = {"icount": ["icount", "icount-balanced", "icount-own-port"], "tcg": ["tcg", "tcg-balanced"]}
# (m, M): at least m rounds a kernel, at most M; m == M is a fixed design
# (m, M) looks after every round; (m, M, J) after every J rounds, as kbench looks with J jobs at once
DESIGNS = [(2, 2), (3, 3), (4, 4), (6, 6), (8, 8), (2, 4), (2, 4, 2), (2, 6), (2, 8), (3, 6)]
FIXED = (4, 4)
LONGEST = max(design[1] for design in DESIGNS)
ALPHA = 0.05
# no t quantile at 1 - a/2 with a <= 0.05 is below the normal's 1.95996...: a t statistic under
# this cannot put an interval beyond a bound, whatever its df (saves computing its p)
Z_FLOOR = 1.959


class Looks:
    """kbench's comparison of b against a on their first r rounds, for every r, computed once and kept."""

    def __init__(self, a, b, threshold):
        self.upper, self.lower = math.log1p(threshold), math.log1p(-threshold)
        self.stats = {}
        # running means and sums of squared deviations (Welford): exact 0 for equal values
        ma = mb = sa = sb = 0.0
        for r in range(1, len(a) + 1):
            da, db = a[r - 1] - ma, b[r - 1] - mb
            ma, mb = ma + da / r, mb + db / r
            sa, sb = sa + da * (a[r - 1] - ma), sb + db * (b[r - 1] - mb)
            if r >= 2:
                self.stats[r] = (ma, mb, sa, sb)
        self.cache = {}

    def at(self, r):
        """(d, se, df, p, kind, bound p) on r rounds: kind is slower, faster or same when an interval
        can lie beyond (or inside) the threshold at some level, bound p the largest level at which it
        does not (an interval at level a shows it exactly when bound p < a)."""
        if r in self.cache:
            return self.cache[r]
        ma, mb, sa, sb = self.stats[r]
        d = mb - ma
        ta, tb = sa / (r - 1) / r, sb / (r - 1) / r
        se2 = ta + tb
        if se2 == 0:
            # the interval is the point d at every level
            p = 1.0 if d == 0 else 0.0
            if d > self.upper:
                kind = "slower"
            elif d < self.lower:
                kind = "faster"
            elif d > self.lower and d < self.upper:
                kind = "same"
            else:
                kind = None
            result = (d, 0.0, float("nan"), p, kind, 0.0)
        else:
            se = math.sqrt(se2)
            df = se2 * se2 / (ta * ta / (r - 1) + tb * tb / (r - 1))
            p = two_sided_p(d / se, df)
            # t of the interval's nearer end against the bound it must clear: beyond +threshold,
            # below -threshold, or inside both; at most one of them is positive
            if d > self.upper:
                kind, t = "slower", (d - self.upper) / se
            elif d < self.lower:
                kind, t = "faster", (self.lower - d) / se
            else:
                kind, t = "same", min(self.upper - d, d - self.lower) / se
            bound = two_sided_p(t, df) if t > Z_FLOOR else 1.0
            result = (d, se, df, p, kind if t > 0 else None, bound)
        self.cache[r] = result
        return result

    def verdict(self, r, alpha):
        """kbench's verdict on r rounds with its interval and significance at level alpha (0.05: the ordinary one)."""
        d, se, df, p, kind, bound = self.at(r)
        if kind is None or not bound < alpha:
            return "inconclusive"
        if kind == "same":
            return "same"
        return kind if p < alpha else "inconclusive"


def run(looks, design):
    """(verdict, rounds a kernel) of one design on one comparison's draws."""
    m, M = design[0], design[1]
    step = design[2] if len(design) > 2 else 1
    looks_total = 1 + -(-(M - m) // step)
    for r in range(m, M, step):
        if looks.verdict(r, ALPHA / looks_total) != "inconclusive":
            return looks.verdict(r, ALPHA), r
    return looks.verdict(M, ALPHA), M


def name(design):
    m, M = design[0], design[1]
    if m == M:
        return f"fixed {m}"
    return f"{m} to {M}" + (f" by {design[2]}" if len(design) > 2 else "")


def pct(x):
    return f"{x * 100:.2f} %"


def se_share(share, n):
    return math.sqrt(share * (1 - share) / n)


def load(here, accel):
    """[(folder, baseline, {workload: {kernel: logs}})] of one accelerator's folders that have round means."""
    loaded = []
    for folder in FOLDERS[accel]:
        path = os.path.join(here, folder)
        if os.path.exists(os.path.join(path, "lsm-cost.json")):
            baseline, data = read(path)
            if data:
                loaded.append((folder, baseline, data))
    return loaded


def null_table(accel, loaded, sims, rng, threshold):
    workloads = sorted(set().union(*(data for _, _, data in loaded)))
    counts = {design: {"differs": 0, "p": 0, "same": 0, "inconclusive": 0, "early": 0, "rounds": 0, "rounds2": 0,
                       "worst": 0} for design in DESIGNS}
    for workload in workloads:
        folders = [data[workload] for _, _, data in loaded if workload in data]
        pools = [residuals(kernels) for kernels in folders]
        pairs = [(pool, mean(logs)) for kernels, pool in zip(folders, pools)
                 for logs in kernels.values() if len(logs) >= 2]
        differs = {design: 0 for design in DESIGNS}
        for _ in range(sims):
            pool, level = rng.choice(pairs)
            a = [level + rng.choice(pool) for _ in range(LONGEST)]
            b = [level + rng.choice(pool) for _ in range(LONGEST)]
            looks = Looks(a, b, threshold)
            for design in DESIGNS:
                verdict, rounds = run(looks, design)
                c = counts[design]
                if verdict in ("slower", "faster"):
                    c["differs"] += 1
                    differs[design] += 1
                elif verdict == "same":
                    c["same"] += 1
                else:
                    c["inconclusive"] += 1
                c["p"] += looks.at(rounds)[3] < ALPHA
                c["early"] += rounds < design[1]
                c["rounds"] += rounds
                c["rounds2"] += rounds * rounds
        for design in DESIGNS:
            counts[design]["worst"] = max(counts[design]["worst"], differs[design])
    total = len(workloads) * sims
    for design in DESIGNS:
        c = counts[design]
        fp, worst = c["differs"] / total, c["worst"] / sims
        rounds = c["rounds"] / total
        rounds_se = math.sqrt(max(c["rounds2"] / total - rounds * rounds, 0) / total)
        print(f"| {accel} | {name(design)} | {len(workloads)} | {total} | {pct(fp)} | {pct(se_share(fp, total))} |"
              f" {pct(c['p'] / total)} | {pct(c['same'] / total)} | {pct(c['inconclusive'] / total)} |"
              f" {pct(c['early'] / total)} | {rounds:.2f} ± {rounds_se:.2f} | {pct(worst)} ± {pct(se_share(worst, sims))} |")


def real_table(accel, loaded, sims, rng, threshold):
    for source in ("one kernel", "residuals"):
        counts = {design: {"differs": 0, "same": 0, "inconclusive": 0, "agree": 0, "contradict": 0,
                           "lost": 0, "gained": 0, "rounds": 0} for design in DESIGNS}
        pairs = 0
        for _, baseline, data in loaded:
            for workload in sorted(data):
                kernels = data[workload]
                if baseline not in kernels or len(kernels[baseline]) < 2:
                    continue
                pool = residuals(kernels)
                for kernel, logs in kernels.items():
                    if kernel == baseline or len(logs) < 2:
                        continue
                    pairs += 1
                    base = kernels[baseline]
                    for _ in range(sims):
                        if source == "one kernel":
                            a = [rng.choice(base) for _ in range(LONGEST)]
                            b = [rng.choice(logs) for _ in range(LONGEST)]
                        else:
                            la, lb = mean(base), mean(logs)
                            a = [la + rng.choice(pool) for _ in range(LONGEST)]
                            b = [lb + rng.choice(pool) for _ in range(LONGEST)]
                        looks = Looks(a, b, threshold)
                        fixed, _ = run(looks, FIXED)
                        for design in DESIGNS:
                            verdict, rounds = run(looks, design)
                            c = counts[design]
                            c["rounds"] += rounds
                            if verdict in ("slower", "faster"):
                                c["differs"] += 1
                            else:
                                c[verdict] += 1
                            if verdict == fixed:
                                c["agree"] += 1
                            elif verdict == "inconclusive":
                                c["lost"] += 1
                            elif fixed == "inconclusive":
                                c["gained"] += 1
                            else:
                                # both decided, differently: slower or faster against same, or opposite directions
                                c["contradict"] += 1
        total = pairs * sims
        for design in DESIGNS:
            c = counts[design]
            print(f"| {accel} | {source} | {name(design)} | {pairs} | {total} | {pct(c['differs'] / total)} |"
                  f" {pct(c['same'] / total)} | {pct(c['inconclusive'] / total)} | {pct(c['agree'] / total)} |"
                  f" {pct(c['contradict'] / total)} ({c['contradict']}) | {pct(c['lost'] / total)} |"
                  f" {pct(c['gained'] / total)} | {c['rounds'] / total:.2f} |")


def main():
    sims = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    threshold = (float(sys.argv[3]) if len(sys.argv) > 3 else 1.0) / 100
    if not 0 <= threshold < 1:
        sys.exit("the threshold is a percent from 0 to under 100")
    pair_sims = max(1, sims // 10)
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "lsm-cost")
    rng = random.Random(seed)
    data = {accel: load(here, accel) for accel in FOLDERS}
    print(f"Sequential rounds, simulated from the committed lsm-cost round means; seed {seed};"
          f" threshold {threshold * 100:g} %; designs m to M (at least m rounds a kernel, at most M,"
          f" looks at level 0.05/(M - m + 1)) and fixed n")
    for accel, loaded in data.items():
        print(f"{accel}: " + ", ".join(
            f"{folder}/ ({len(d)} workloads, {len(next(iter(d.values())))} kernels, baseline {baseline},"
            f" {'/'.join(str(n) for n in sorted({len(l) for k in d.values() for l in k.values()}))} rounds)"
            for folder, baseline, d in loaded))
    print()
    print(f"A/A comparisons, residuals source: {sims} per workload and accelerator")
    print()
    print("| accel | design | workloads | comparisons | slower or faster | MC s.e. | p < 0.05 | same | inconclusive"
          " | decided early | rounds a kernel | worst workload's slower or faster |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for accel, loaded in data.items():
        null_table(accel, loaded, sims, rng, threshold)
    print()
    print(f"Real differences, every kernel against its folder's baseline: {pair_sims} per pair and source;"
          f" compared with fixed 4 on the same draws")
    print()
    print("| accel | source | design | pairs | comparisons | slower or faster | same | inconclusive | agrees with fixed 4"
          " | contradicts fixed 4 | inconclusive where fixed 4 decided | decided where fixed 4 inconclusive"
          " | rounds a kernel |")
    print("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for accel, loaded in data.items():
        real_table(accel, loaded, pair_sims, rng, threshold)


if __name__ == "__main__":
    main()
