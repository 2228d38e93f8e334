#!/usr/bin/env python3
"""Where a workload's spread lies: between the runs of one VM, or between VMs.

Reads a kbench run log (OUT.runs.jsonl of `kbench run`, `demo` or `lsm-cost`) and prints, per
workload and kernel, the mean of the measured runs, the spread of runs within a VM (the root
of the mean within-VM variance, as a CV) and the spread of the round means (one per VM, as a
CV). When runs within a VM spread by s and VMs add nothing, round means of r runs spread by
about s / sqrt(r); a round-mean spread well above that is the VM's, one near it is the runs'.

Usage: benchmarks/run-spread.py OUT.runs.jsonl
Python 3 standard library only.
"""
import math
import statistics
import sys
from collections import defaultdict

from round_means import measured_runs


def main(path):
    runs = defaultdict(lambda: defaultdict(list))
    for record in measured_runs(path):
        runs[(record["workload"], record["kernel"])][record["vm"]].append(record["value"])
    print("| workload | kernel | VMs | runs a VM | mean | CV of runs within a VM | CV of round means |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for (workload, kernel), vms in sorted(runs.items()):
        values = [v for vm in vms.values() for v in vm]
        mean = statistics.mean(values)
        within = [statistics.variance(vm) for vm in vms.values() if len(vm) > 1]
        within_cv = f"{math.sqrt(statistics.mean(within)) / mean * 100:.3f} %" if within else "n/a"
        means = [statistics.mean(vm) for vm in vms.values()]
        between_cv = f"{statistics.stdev(means) / statistics.mean(means) * 100:.3f} %" if len(means) > 1 else "n/a"
        per_vm = len(values) / len(vms)
        print(f"| {workload} | {kernel} | {len(vms)} | {per_vm:g} | {mean:,.0f} | {within_cv} | {between_cv} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: benchmarks/run-spread.py OUT.runs.jsonl")
    main(sys.argv[1])
