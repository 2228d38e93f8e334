#!/usr/bin/env python3
"""Brings a JMH JSON of kbench lsm-cost written before kbench merged rounds into today's shape,
without touching a measured value: forks = the rounds held in rawData, each workload's unit
(taken from a result of today's shape at the same counts and accelerator, e.g. the balanced
re-run), params only what names a result (kernel, workloads = all), the settings every VM
shared (accel, cpus, image, mem) dropped from every label (docs/lsm-cost.md states them), and
jvmArgs without one fork's round, once each.

Usage: benchmarks/lsm-cost-reshape.py OLD.json UNITS-FROM.json   (rewrites OLD.json in place)
"""
import json
import sys


def units_of(template):
    units = {}
    for result in template:
        for name, metric in result["secondaryMetrics"].items():
            units[name] = metric["scoreUnit"]
    return units


def reshape(result, units):
    result["forks"] = len(result["primaryMetric"]["rawData"])
    for name, metric in result["secondaryMetrics"].items():
        if name not in units:
            sys.exit(f"lsm-cost-reshape: no unit for {name} in the template; give a result of the same workloads")
        if metric["scoreUnit"] not in ("printed", units[name]):
            sys.exit(f"lsm-cost-reshape: {name} is already in {metric['scoreUnit']}, not {units[name]}")
        metric["scoreUnit"] = units[name]
    result["params"] = {"kernel": result["params"]["kernel"], "workloads": "all"}
    seen = []
    for arg in result.get("jvmArgs", []):
        if not arg.startswith(("-Dkbench.round=", "-Dkbench.plan=")) and arg not in seen:
            seen.append(arg)
    result["jvmArgs"] = seen
    return result


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    old_path, template_path = sys.argv[1], sys.argv[2]
    with open(template_path) as f:
        units = units_of(json.load(f))
    with open(old_path) as f:
        results = json.load(f)
    reshaped = [reshape(r, units) for r in results]
    with open(old_path, "w") as f:
        json.dump(reshaped, f, indent=4)
        f.write("\n")


if __name__ == "__main__":
    main()
