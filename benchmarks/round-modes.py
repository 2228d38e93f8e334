#!/usr/bin/env python3
"""Which workloads' round means jump between modes, per accelerator, from committed lsm-cost run logs.

A sequential experiment (kbench run --sequential, the default under icount) may decide a
comparison after 2 rounds a kernel. That is safe when a kernel's rounds scatter smoothly around
their level, so that two close rounds mean a narrow spread. Some workloads' rounds do not: under
icount about one VM in five reads page-fault ~5 % above the usual value, and when both first
rounds of one kernel land in that mode, they agree to a few hundredths of a percent and the look
calls an effect that is not there. Two rounds cannot show such a mixture; the run logs can.

For every log, kernel and workload: the mean of each VM's measured runs (one round), against the
median of that kernel's rounds in that log. A round is "off" when it is more than OFF_PERCENT
(kbench's default verdict threshold: a smaller jump cannot make a slower or faster) and more than
SPREADS robust standard deviations (1.4826 times the median absolute deviation of all the
workload's rounds under that accelerator) from that median: far beyond the usual scatter, which
under TCG is several percent and has long tails of its own. A workload is held (never decided before
--max-rounds) when at least HOLD_SHARE of its rounds are off: then the chance that both first rounds
of a kernel are off while the baseline's are not, or the reverse, 2 p^2 (1-p)^2, is 0.45 % per
comparison at p = 5 % and grows fast above it (5.2 % at p = 20 %). Kernels with fewer than 3
rounds in a log have no median to speak of and are left out. Anything not in the table (a
program of the user's, any workload under KVM) is held: no one has shown its rounds are smooth.

Writes the table kbench reads (src/main/resources/dev/kbench/run/round-modes.tsv) to standard
output, one line per accelerator and workload:
  accel  workload  rounds  off_rounds  off_share  hold

Usage: benchmarks/round-modes.py > src/main/resources/dev/kbench/run/round-modes.tsv
Python 3 standard library only.
"""
import os
import statistics
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from round_means import measured_runs  # noqa: E402

LOGS = {
    "icount": ["icount-own-port", "icount-balanced", "layout", "sequential-vs-fixed/fixed", "sequential-vs-fixed/sequential",
               "sequential-vs-fixed-2/fixed", "sequential-vs-fixed-2/sequential"],
    "tcg": ["tcg-balanced", "tcg-pooled", "tcg-rerun", "tcg-20-rounds"],
}
OFF_PERCENT = 1.0
SPREADS = 4
HOLD_SHARE = 0.05
MIN_ROUNDS = 3


def round_means(path):
    """{(kernel, workload): [one VM's mean of its measured runs, ...]}."""
    runs = defaultdict(list)
    for record in measured_runs(path):
        runs[(record["kernel"], record["workload"], record["vm"])].append(record["value"])
    means = defaultdict(list)
    for (kernel, workload, _), values in runs.items():
        means[(kernel, workload)].append(statistics.mean(values))
    return means


def main():
    print("# accel\tworkload\trounds\toff_rounds\toff_share\thold")
    print(f"# made by benchmarks/round-modes.py: a round is off when its mean is more than {OFF_PERCENT:g} % from its kernel's median"
          f" in its log and more than {SPREADS} robust standard deviations of the workload's rounds; held when at least {HOLD_SHARE:.0%} of rounds are off")
    for accel, folders in LOGS.items():
        deviations = defaultdict(list)
        for folder in folders:
            path = os.path.join(HERE, "..", "docs", "lsm-cost", folder, "lsm-cost.runs.jsonl")
            for (_, workload), means in round_means(path).items():
                if len(means) >= MIN_ROUNDS:
                    median = statistics.median(means)
                    deviations[workload] += [100 * (m / median - 1) for m in means]
        for workload, values in sorted(deviations.items()):
            sigma = 1.4826 * statistics.median(abs(v) for v in values)
            rounds = len(values)
            off = sum(1 for v in values if abs(v) > max(OFF_PERCENT, SPREADS * sigma))
            share = off / rounds
            print(f"{accel}\t{workload}\t{rounds}\t{off}\t{share:.3f}\t{'yes' if share >= HOLD_SHARE else 'no'}")


if __name__ == "__main__":
    main()
