#!/usr/bin/env python3
"""What holding the workloads whose rounds jump between modes does to a sequential experiment's
error rate under icount, on whole real rounds: no resampling, every split of them.

benchmarks/sequential-rounds.py draws rounds as a kernel's level plus residuals centred on each
kernel's mean, which smooths a mixture away; pooling rounds of several kernels would blur it too,
since each kernel's upper mode sits at its own value. Here every round is a real round of one
kernel in one committed icount run log (the logs benchmarks/round-modes.py reads), so two rounds
in page-fault's upper mode agree as closely as they did in the run.

lsm-cost's default design under icount (two jobs) looks once, after 2 rounds a kernel, at level
0.05/2; what it leaves undecided runs 2 more rounds and gets the fixed 4-round verdict. So what
the look adds to the fixed design's errors is its own early decisions, and those can be counted
exactly on real rounds:
1. A/A: for every log, kernel and workload with at least 4 rounds, every 4 of them split every
   way into 2 against 2, as if two kernels had run them; a slower or faster at the look is false.
2. Real differences: for every log, workload and kernel against the baseline (caponly), every 2
   of the kernel's first 4 rounds against every 2 of the baseline's: a decision at the look that
   differs from the fixed verdict on all 4 of each (slower or faster against same, or opposite) is
   a contradiction; a slower or faster at the look where the 4 rounds are inconclusive is counted
   apart (the 4 rounds may hold the very mode change that fooled the look, or just be wider).
Each with no workload held and with the workloads round-modes.tsv holds (never decided at the
look: they always get the fixed verdict). The held set was made from those same logs, so on
them this checks that the rule removes what it was made for; name other logs (folders under
docs/lsm-cost/) to see how it does on rounds it was not made from.

Usage: benchmarks/held-rounds.py [LOG-FOLDER ...]   (default: the logs round-modes.py reads)
Python 3 standard library only.
"""
import importlib.util
import itertools
import math
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


sys.path.insert(0, HERE)


def module(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(HERE, file))
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    return loaded


sequential = module("sequential_rounds", "sequential-rounds.py")
modes = module("round_modes", "round-modes.py")

BASELINE = "caponly"
LOOK = sequential.ALPHA / 2
THRESHOLD_PERCENT = 1.0
TABLE = os.path.join(HERE, "..", "src", "main", "resources", "dev", "kbench", "run", "round-modes.tsv")


def held():
    with open(TABLE) as table:
        return {f[1] for f in (line.rstrip("\n").split("\t") for line in table if not line.startswith("#"))
                if f[0] == "icount" and f[5] == "yes"}


def logs(folders):
    """[{(kernel, workload): [round means, in the order the log has them]}], one per icount log."""
    return [modes.round_means(os.path.join(HERE, "..", "docs", "lsm-cost", folder, "lsm-cost.runs.jsonl")) for folder in folders]


def looks(a, b, threshold):
    """kbench's comparison of round means b against a, on their logs."""
    return sequential.Looks([math.log(x) for x in a], [math.log(x) for x in b], threshold)


def early(a, b, threshold):
    """The verdict the look after 2 rounds would decide, or None when it would wait for the other 2."""
    first = looks(a, b, threshold)
    return None if first.verdict(2, LOOK) == "inconclusive" else first.verdict(2, sequential.ALPHA)


def fixed(a, b, threshold):
    return looks(a, b, threshold).verdict(len(a), sequential.ALPHA)


def share(count, total):
    return f"{count} of {total} ({sequential.pct(count / total) if total else '–'})"


def main():
    threshold = THRESHOLD_PERCENT / 100
    holding = held()
    folders = sys.argv[1:] or modes.LOGS["icount"]
    loaded = logs(folders)
    print(f"icount, whole real rounds of {', '.join(folders)}; threshold {threshold * 100:g} %; the look after 2 rounds at level"
          f" 0.05/2; held: {', '.join(sorted(holding))}")
    print()
    false, splits = defaultdict(int), defaultdict(int)
    for means in loaded:
        for (kernel, workload), rounds in means.items():
            for four in itertools.combinations(rounds, 4):
                for pair in ((0, 1), (0, 2), (0, 3)):
                    a = [four[i] for i in pair]
                    b = [four[i] for i in range(4) if i not in pair]
                    splits[workload] += 1
                    false[workload] += early(a, b, threshold) in ("slower", "faster")
    contradicts, beyond, pairs = defaultdict(int), defaultdict(int), defaultdict(int)
    for means in loaded:
        for (kernel, workload), rounds in means.items():
            base = means.get((BASELINE, workload), [])
            if kernel == BASELINE or len(rounds) < 4 or len(base) < 4:
                continue
            truth = fixed(base[:4], rounds[:4], threshold)
            for a in itertools.combinations(base[:4], 2):
                for b in itertools.combinations(rounds[:4], 2):
                    pairs[workload] += 1
                    decided = early(list(a), list(b), threshold)
                    contradicts[workload] += decided is not None and decided != truth and truth != "inconclusive"
                    beyond[workload] += decided in ("slower", "faster") and truth == "inconclusive"
    print("| workload | held | A/A splits | A/A slower or faster at the look | real pairs of 2 + 2 rounds | contradicting the fixed"
          " 4-round verdict | slower or faster where the 4 rounds are inconclusive |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for workload in sorted(splits):
        print(f"| {workload} | {'yes' if workload in holding else 'no'} | {splits[workload]} | {share(false[workload], splits[workload])} |"
              f" {pairs[workload]} | {share(contradicts[workload], pairs[workload])} | {share(beyond[workload], pairs[workload])} |")
    for label, keep in (("all, none held", lambda w: True), ("all, held ones never decided at the look", lambda w: w not in holding)):
        print(f"| {label} | | {sum(splits.values())} | {share(sum(v for w, v in false.items() if keep(w)), sum(splits.values()))} |"
              f" {sum(pairs.values())} | {share(sum(v for w, v in contradicts.items() if keep(w)), sum(pairs.values()))} |"
              f" {share(sum(v for w, v in beyond.items() if keep(w)), sum(pairs.values()))} |")


if __name__ == "__main__":
    main()
