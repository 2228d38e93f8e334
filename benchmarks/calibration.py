#!/usr/bin/env python3
"""Does a calibration in every VM take the VM's speed out of a comparison?

Reads a kbench run log (OUT.runs.jsonl) whose VMs ran the workloads under test beside
calibration programs (benchmarks/calibration/*.c: work no kernel change touches). For each
workload under test, kernel and calibration it prints the spread of the log round means (one per
VM: the mean of the log runs) as is and divided by the same VM's calibration round mean, the
correlation of the two VM deviations, and the comparison of each kernel with the first (the
ratio of geometric means, Welch's 95 % interval on log round means) both ways, with the rounds a
kernel that comparison would need for an interval of +/-5 %.

Usage: benchmarks/calibration.py OUT.runs.jsonl WORKLOAD[,WORKLOAD...] CALIBRATION[,CALIBRATION...]
Python 3 standard library only (Student's t by numerical integration, as round_means.py).
"""
import math
import statistics
import sys
from collections import defaultdict

from round_means import measured_runs, t_quantile

TARGET_HALF_WIDTH = 0.05


def vm_means(path):
    """{(workload, kernel): {vm: mean of the log runs}}, in the order the VMs first appear."""
    logs = defaultdict(lambda: defaultdict(list))
    for record in measured_runs(path):
        logs[(record["workload"], record["kernel"])][record["vm"]].append(math.log(record["value"]))
    return {key: {vm: statistics.mean(values) for vm, values in vms.items()} for key, vms in logs.items()}


def welch(a, b):
    """(ratio b/a, half-width of its 95 % interval in log units, degrees of freedom)."""
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
    return math.exp(statistics.mean(b) - statistics.mean(a)), t_quantile(0.975, df) * math.sqrt(va + vb), df


def adjusted(pairs_a, pairs_b):
    """Analysis of covariance for two kernels: log values against their VM's log calibration with one
    slope for both (fitted within each kernel); (ratio b/a at equal calibration, half-width of its
    95 % interval in log units, degrees of freedom, slope, residual spread)."""
    groups = [pairs_a, pairs_b]
    sxx = sum((x - statistics.mean([p[0] for p in g])) ** 2 for g in groups for x, _ in g)
    sxy = sum((x - statistics.mean([p[0] for p in g])) * (y - statistics.mean([p[1] for p in g]))
              for g in groups for x, y in g)
    slope = sxy / sxx
    residuals = [y - statistics.mean([p[1] for p in g]) - slope * (x - statistics.mean([p[0] for p in g]))
                 for g in groups for x, y in g]
    df = len(residuals) - 3
    variance = sum(r * r for r in residuals) / df
    (xa, ya), (xb, yb) = [(statistics.mean([p[0] for p in g]), statistics.mean([p[1] for p in g])) for g in groups]
    difference = (yb - ya) - slope * (xb - xa)
    se = math.sqrt(variance * (1 / len(pairs_a) + 1 / len(pairs_b) + (xb - xa) ** 2 / sxx))
    return math.exp(difference), t_quantile(0.975, df) * se, df, slope, math.sqrt(variance)


def rounds_for(sd_a, sd_b, df):
    """Rounds a kernel for a +/-5 % interval with these spreads (the t quantile held at this df)."""
    return math.ceil((t_quantile(0.975, df) / math.log(1 + TARGET_HALF_WIDTH)) ** 2 * (sd_a ** 2 + sd_b ** 2))


def main(path, workloads, calibrations):
    means = vm_means(path)
    kernels = list(dict.fromkeys(kernel for (_, kernel) in means))
    for workload in workloads:
        print(f"## {workload}")
        print("| calibration | kernel | VMs | spread as is | spread calibrated | correlation of the VM deviations |")
        print("| --- | --- | ---: | ---: | ---: | ---: |")
        series = {}
        for calibration in calibrations:
            for kernel in kernels:
                own, cal = means[(workload, kernel)], means[(calibration, kernel)]
                vms = [vm for vm in own if vm in cal]
                raw = [own[vm] for vm in vms]
                calibrated = [own[vm] - cal[vm] for vm in vms]
                reference = [cal[vm] for vm in vms]
                series[(calibration, kernel)] = (raw, calibrated, list(zip(reference, raw)))
                r = statistics.correlation(raw, reference) if len(vms) > 2 else float("nan")
                print(f"| {calibration} | {kernel} | {len(vms)} | {statistics.stdev(raw) * 100:.2f} % |"
                      f" {statistics.stdev(calibrated) * 100:.2f} % | {r:+.2f} |")
        print()
        print("| calibration | comparison | as is: ratio [95 % CI], rounds for +/-5 % | divided by the calibration |"
              " adjusted for the calibration (one slope) |")
        print("| --- | --- | --- | --- | --- |")
        for calibration in calibrations:
            base = kernels[0]
            for kernel in kernels[1:]:
                cells = []
                for way in (0, 1):
                    a, b = series[(calibration, base)][way], series[(calibration, kernel)][way]
                    ratio, half, df = welch(a, b)
                    need = rounds_for(statistics.stdev(a), statistics.stdev(b), df)
                    cells.append(f"{(ratio - 1) * 100:+.2f} % [{(ratio * math.exp(-half) - 1) * 100:+.2f} %,"
                                 f" {(ratio * math.exp(half) - 1) * 100:+.2f} %], {need}")
                ratio, half, df, slope, spread = adjusted(series[(calibration, base)][2], series[(calibration, kernel)][2])
                need = rounds_for(spread, spread, df)
                cells.append(f"{(ratio - 1) * 100:+.2f} % [{(ratio * math.exp(-half) - 1) * 100:+.2f} %,"
                             f" {(ratio * math.exp(half) - 1) * 100:+.2f} %], {need} (slope {slope:.2f}, spread {spread * 100:.2f} %)")
                print(f"| {calibration} | {kernel} against {base} | {' | '.join(cells)} |")
        print()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: benchmarks/calibration.py OUT.runs.jsonl WORKLOAD[,WORKLOAD...] CALIBRATION[,CALIBRATION...]")
    main(sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(","))
