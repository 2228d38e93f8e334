#!/usr/bin/env python3
"""Which workloads need a warm-up run, per accelerator, from committed lsm-cost run logs.

Every VM of those experiments ran each workload once unmeasured (the warm-up pass), then
measured. For each workload this compares the first run with the later ones of the same VM:
d = first / mean(later) - 1, one value per VM (32 VMs: 8 kernels x 4 rounds). A workload needs a
warm-up when its first run differs the same way in most VMs (a two-sided sign test, p < 0.01)
and by a median of at least 0.1 % (a tenth of kbench's default threshold of 1 %). Anything not
in the table (a program of the user's, any workload under KVM) is always warmed.

Writes the table kbench reads (src/main/resources/dev/kbench/run/first-runs.tsv) to standard
output, one line per accelerator and workload:
  accel  workload  vms  median_first_vs_later_percent  same_sign_share  warm

Usage: benchmarks/first-runs.py > src/main/resources/dev/kbench/run/first-runs.tsv
Python 3 standard library only.
"""
import json
import math
import os
import statistics
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
LOGS = {"icount": "icount-own-port", "tcg": "tcg-balanced"}
SIGN_TEST_P = 0.01
MIN_MEDIAN_PERCENT = 0.1


def sign_test(positive, n):
    """Two-sided exact binomial p of `positive` of `n` under p = 1/2."""
    k = min(positive, n - positive)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2 ** n
    return min(1.0, 2 * tail)


def first_vs_later(path):
    runs = defaultdict(lambda: {"warmup": [], "measurement": []})
    with open(path) as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("phase") in ("warmup", "measurement") and record.get("value") is not None:
                runs[(record["workload"], record["vm"])][record["phase"]].append(record["value"])
    differences = defaultdict(list)
    for (workload, _), phases in runs.items():
        if phases["warmup"] and phases["measurement"]:
            differences[workload].append(phases["warmup"][0] / statistics.mean(phases["measurement"]) - 1)
    return differences


def main():
    print("# accel\tworkload\tvms\tmedian_first_vs_later_percent\tsame_sign_share\twarm")
    print("# made by benchmarks/first-runs.py from docs/lsm-cost/{icount-own-port,tcg-balanced}/lsm-cost.runs.jsonl")
    for accel, folder in LOGS.items():
        path = os.path.join(HERE, "..", "docs", "lsm-cost", folder, "lsm-cost.runs.jsonl")
        for workload, values in sorted(first_vs_later(path).items()):
            n = len(values)
            positive = sum(1 for v in values if v > 0)
            median = 100 * statistics.median(values)
            same_sign = max(positive, n - positive) / n
            warm = sign_test(positive, n) < SIGN_TEST_P and abs(median) >= MIN_MEDIAN_PERCENT
            print(f"{accel}\t{workload}\t{n}\t{median:+.3f}\t{same_sign:.2f}\t{'yes' if warm else 'no'}")


if __name__ == "__main__":
    main()
