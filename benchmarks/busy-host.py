#!/usr/bin/env python3
"""Does other work on the host move a VM's results? Per VM of a kbench run log: its kernel and
round, the CPUs other processes kept busy on kbench's CPUs during its runs (the round record's
othersCpuNs / runsNs, measured since kbench records it), and each workload's log round mean's
deviation from its kernel's mean. Prints the table, the correlation of the two, and per workload
the spread of the round means and the rounds a kernel that Welch's interval would need for
+/-5 %, over every VM and over the VMs that ran beside less than 0.1 CPU of other work.

Usage: benchmarks/busy-host.py OUT.runs.jsonl
Python 3 standard library only.
"""
import json
import math
import statistics
import sys
from collections import defaultdict

from round_means import measured_runs, t_quantile

BUSY = 0.1
TARGET = math.log(1.05)


def others(path):
    """{vm: CPUs other processes kept busy during its runs} from the round records."""
    busy = {}
    with open(path) as lines:
        for line in lines:
            record = json.loads(line)
            spent = record.get("spent")
            if record.get("phase") == "round" and spent and spent.get("runsNs"):
                busy[record["vm"]] = spent.get("othersCpuNs", 0) / spent["runsNs"]
    return busy


def spread(deviations):
    return statistics.stdev(deviations) if len(deviations) > 2 else float("nan")


def rounds_for(sds, df):
    return math.ceil((t_quantile(0.975, df) / TARGET) ** 2 * sum(s * s for s in sds))


def main(path):
    busy = others(path)
    logs = defaultdict(list)
    kernel_of, round_of = {}, {}
    for record in measured_runs(path):
        logs[(record["workload"], record["vm"])].append(math.log(record["value"]))
        kernel_of[record["vm"]] = record["kernel"]
        round_of[record["vm"]] = record.get("round")
    workloads = sorted({w for w, _ in logs})
    for workload in workloads:
        means = {vm: statistics.mean(v) for (w, vm), v in logs.items() if w == workload}
        by_kernel = defaultdict(list)
        for vm, m in means.items():
            by_kernel[kernel_of[vm]].append(vm)
        centre = {k: statistics.mean(means[vm] for vm in vms) for k, vms in by_kernel.items()}
        print(f"## {workload}")
        print("| kernel | round | other work (CPUs) | deviation of the log round mean |")
        print("| --- | ---: | ---: | ---: |")
        pairs = []
        for vm in means:
            deviation = means[vm] - centre[kernel_of[vm]]
            pairs.append((busy.get(vm, float("nan")), deviation))
            print(f"| {kernel_of[vm]} | {round_of[vm]} | {busy.get(vm, float('nan')):.2f} | {100 * deviation:+.1f} % |")
        known = [(b, d) for b, d in pairs if not math.isnan(b)]
        if len(known) > 2 and statistics.pstdev([b for b, _ in known]) > 0:
            r = statistics.correlation([b for b, _ in known], [d for _, d in known])
            print(f"\ncorrelation of other work and deviation: {r:+.2f} over {len(known)} VMs")
        print()
        print("| VMs | per kernel: VMs, spread of log round means | rounds a kernel for +/-5 % |")
        print("| --- | --- | ---: |")
        for label, keep in (("all", lambda vm: True), (f"beside < {BUSY} CPU of other work", lambda vm: busy.get(vm, 0) < BUSY)):
            sds, text, df = [], [], 0
            for kernel, vms in by_kernel.items():
                kept = [means[vm] for vm in vms if keep(vm)]
                sd = statistics.stdev(kept) if len(kept) > 1 else float("nan")
                sds.append(sd)
                df += len(kept) - 1
                text.append(f"{kernel} {len(kept)}, {100 * sd:.1f} %")
            need = rounds_for(sds, df) if df > 0 and not any(math.isnan(s) for s in sds) else "n/a"
            print(f"| {label} | {'; '.join(text)} | {need} |")
        print()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
