#!/usr/bin/env python3
"""What a futility stop would have saved a sequential lsm-cost run, offline.

Reads a sequential run's log (OUT.runs.jsonl; every workload in rounds 0 and 1, then only the
undecided ones) and replays its look after the first two rounds: each comparison with the
baseline undecided there at the look's level (1 - 0.05/K, K looks) is called futile when its
interval at --max-rounds rounds a side, projected with the spreads of the first two rounds and
the estimate as it stands, would still contain the threshold, so that neither slower/faster
nor same could be reached. Prints each undecided comparison, whether it was futile, what the
run's later rounds made of it, and which kernels would still have needed a VM after the look.
It decides on intervals alone; kbench's look also asks q x K < 0.05 of slower and faster, so the
run's own line may count a comparison or two more as undecided.

Usage: benchmarks/futility.py OUT.runs.jsonl [BASELINE [THRESHOLD-PERCENT [MAX-ROUNDS [LOOKS]]]]
       (defaults: caponly, 1, 4, 2: lsm-cost's sequential design with two jobs)
Python 3 standard library only.
"""
import math
import statistics
import sys
from collections import defaultdict

from round_means import measured_runs, t_quantile


def round_means(path):
    """{(workload, kernel): {round: mean of its log runs}}."""
    logs = defaultdict(lambda: defaultdict(list))
    for record in measured_runs(path):
        logs[(record["workload"], record["kernel"])][record["round"]].append(math.log(record["value"]))
    return {key: {r: statistics.mean(v) for r, v in rounds.items()} for key, rounds in logs.items()}


def welch(a, b, level):
    """(difference of log means, half-width at level, degrees of freedom); sizes a and b at least 2."""
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    if va + vb == 0:
        return statistics.mean(b) - statistics.mean(a), 0.0, float("inf")
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    return statistics.mean(b) - statistics.mean(a), t_quantile(1 - (1 - level) / 2, df) * math.sqrt(va + vb), df


def decided(difference, half, threshold):
    return abs(difference) - half > threshold or abs(difference) + half < threshold


def main(path, baseline, threshold_percent, max_rounds, looks):
    means = round_means(path)
    threshold = math.log(1 + threshold_percent / 100)
    level = 1 - 0.05 / looks
    kernels = sorted({kernel for _, kernel in means} - {baseline})
    workloads = sorted({workload for workload, _ in means})
    print("| workload | kernel | after 2 rounds | interval projected to", max_rounds, "rounds (half-width) | futile | at the end |")
    print("| --- | --- | ---: | ---: | --- | --- |")
    undecided, futile, futile_decided, still_needed = 0, 0, 0, defaultdict(list)
    for workload in workloads:
        for kernel in kernels:
            a_rounds, b_rounds = means[(workload, baseline)], means[(workload, kernel)]
            a = [a_rounds[r] for r in sorted(a_rounds) if r < 2]
            b = [b_rounds[r] for r in sorted(b_rounds) if r < 2]
            difference, half, _ = welch(a, b, level)
            if decided(difference, half, threshold):
                continue
            undecided += 1
            va, vb = statistics.variance(a) / max_rounds, statistics.variance(b) / max_rounds
            df = (va + vb) ** 2 / (va ** 2 + vb ** 2) * (max_rounds - 1) if va + vb > 0 else float("inf")
            projected = t_quantile(1 - (1 - level) / 2, df) * math.sqrt(va + vb) if va + vb > 0 else 0.0
            is_futile = not decided(difference, projected, threshold)
            all_a, all_b = list(a_rounds.values()), list(b_rounds.values())
            end_difference, end_half, _ = welch(all_a, all_b, 0.95)
            at_end = "decided" if decided(end_difference, end_half, threshold) else "undecided"
            futile += is_futile
            futile_decided += is_futile and at_end == "decided"
            if not is_futile:
                still_needed[kernel].append(workload)
            print(f"| {workload} | {kernel} | {(math.exp(difference) - 1) * 100:+.2f} % | ±{projected * 100:.2f} % |"
                  f" {'yes' if is_futile else 'no'} | {at_end} ({len(all_a)} and {len(all_b)} rounds) |")
    print()
    print(f"undecided after 2 rounds: {undecided}; futile: {futile}, of which decided at the end: {futile_decided};"
          f" kernels still needing a VM after the look: {len(still_needed)} of {len(kernels)}"
          f" ({', '.join(f'{k}: {len(w)}' for k, w in sorted(still_needed.items()))}), and the baseline")


if __name__ == "__main__":
    if not 2 <= len(sys.argv) <= 6:
        sys.exit("usage: benchmarks/futility.py OUT.runs.jsonl [BASELINE [THRESHOLD-PERCENT [MAX-ROUNDS [LOOKS]]]]")
    arguments = sys.argv[1:] + [None] * 5
    main(arguments[0], arguments[1] or "caponly", float(arguments[2] or 1), int(arguments[3] or 4), int(arguments[4] or 2))
