#!/usr/bin/env python3
"""How much of a workload's spread between VMs under TCG any VM-level correction could remove:
the share of the workload's VM deviations that something else measured in the same VM follows.

A correction for the VM (a calibration workload, a mixed model with the VM as a random term, a
suite-wide gate) can only take out of a workload's round means what they share with the rest of
the VM. If the workload's deviation d and a covariate c (the mean deviation of the VM's other
workloads, or a calibration's) correlate by r, adjusting d for c leaves (1 - r^2) of its
variance: the rounds for a given interval fall by 1 / (1 - r^2), the spread by 1 / sqrt(1 - r^2).
Halving the rounds needs r^2 >= 0.5; halving the spread needs r^2 >= 0.75.

A VM's deviation: the log of its mean measured value of the workload minus the mean of that over
its kernel's VMs, scaled by sqrt(n / (n - 1)). Two kinds of run logs, named on the command line:
- a suite (lsm-cost: 25 workloads in every VM): the covariate is the VM's mean deviation over
  its other workloads (what the mixed model's VM term estimates);
- a run with calibrations (benchmarks/calibration/, workloads whose path names calib-): each
  calibration is a covariate.

Usage: benchmarks/shared-luck.py WORKLOAD RUN-LOG ...
e.g.   benchmarks/shared-luck.py eventfd docs/lsm-cost/tcg-balanced/lsm-cost.runs.jsonl docs/vm-luck/never.runs.jsonl
Python 3 standard library only.
"""
import math
import statistics
import sys
from collections import defaultdict

from round_means import measured_runs


def deviations(path):
    """{vm: {workload: deviation}} of one run log."""
    values, kernels = defaultdict(list), {}
    for run in measured_runs(path):
        values[(run["vm"], run["workload"])].append(run["value"])
        kernels[run["vm"]] = run["kernel"]
    logs = {key: math.log(statistics.mean(v)) for key, v in values.items()}
    by_kernel = defaultdict(list)
    for (vm, workload), value in logs.items():
        by_kernel[(kernels[vm], workload)].append(value)
    result = defaultdict(dict)
    for (vm, workload), value in logs.items():
        same = by_kernel[(kernels[vm], workload)]
        if len(same) > 1:
            result[vm][workload] = (value - statistics.mean(same)) * math.sqrt(len(same) / (len(same) - 1))
    return result


def correlation(xs, ys):
    mx, my = statistics.mean(xs), statistics.mean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    return sxy / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: benchmarks/shared-luck.py WORKLOAD RUN-LOG ...")
    workload = sys.argv[1]
    print(f"| run log | VMs | {workload}'s spread between VMs | covariate | r | rounds divided by | spread divided by |")
    print("| --- | ---: | ---: | --- | ---: | ---: | ---: |")
    for path in sys.argv[2:]:
        vms = {vm: d for vm, d in deviations(path).items() if workload in d}
        if len(vms) < 3:
            sys.exit(f"{path}: {workload} has fewer than 3 VMs with a deviation")
        spread = statistics.stdev(d[workload] for d in vms.values())
        calibrations = sorted({w for d in vms.values() for w in d if "calib-" in w})
        covariates = {c.rsplit("/", 1)[-1]: {vm: d[c] for vm, d in vms.items() if c in d} for c in calibrations}
        others = {vm: [v for w, v in d.items() if w != workload and "calib-" not in w] for vm, d in vms.items()}
        if all(len(o) >= 2 for o in others.values()):
            covariates["the VM's other workloads"] = {vm: statistics.mean(o) for vm, o in others.items()}
        for name, values in covariates.items():
            r = correlation([values[vm] for vm in values], [vms[vm][workload] for vm in values])
            left = 1 - r * r
            print(f"| {path} | {len(values)} | {100 * spread:.1f} % | {name} | {r:+.2f} | {1 / left:.2f} | {1 / math.sqrt(left):.2f} |")


if __name__ == "__main__":
    main()
