#!/usr/bin/env python3
"""Where a run's VM time went, round by round: from the round records of a kbench run log
(OUT.runs.jsonl), per round its VMs, their boots, set-ups, workload runs and teardowns in
VM-seconds (host time, summed over the round's VMs), and the workload runs they did (warm-ups
included). Then what the run would have taken with nothing run past its first rounds: every
later round's boots and set-ups kept (every variant still boots), its workload runs left out.

Jobs (--jobs N) run at once, so wall time is not a sum of VM-seconds: pass the job each round
ran in as JOB-ROUNDS, e.g. 0,2:1,3 for two jobs that ran rounds 0 and 2, and 1 and 3; then each
job's VM-seconds are printed, the longest being the run's VM-bound wall time.

Usage: benchmarks/round-time.py OUT.runs.jsonl [FIRST-ROUNDS [JOB-ROUNDS]]
       (FIRST-ROUNDS: how many rounds ran every workload, default 2)
Python 3 standard library only.
"""
import json
import sys
from collections import defaultdict

PARTS = ("bootNs", "setupNs", "runsNs", "teardownNs")


def rounds(path):
    """{round: {part: VM-seconds, 'vms': n, 'runs': workload runs}}."""
    table = defaultdict(lambda: defaultdict(float))
    with open(path) as log:
        for line in log:
            record = json.loads(line)
            phase, number = record.get("phase"), record.get("round")
            if phase == "round" and record.get("spent"):
                for part in PARTS:
                    table[number][part] += record["spent"].get(part, 0) / 1e9
                table[number]["vms"] += 1
            elif phase in ("warmup", "measurement") and record.get("error") is None:
                table[number]["runs"] += 1
    return table


def spent(row):
    """A round's VM-seconds: boots, set-ups, workload runs and teardowns."""
    return sum(row[part] for part in PARTS)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: benchmarks/round-time.py OUT.runs.jsonl [FIRST-ROUNDS [JOB-ROUNDS]]")
    table = rounds(sys.argv[1])
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    print("| round | VMs | boots (VM-s) | set-ups | workload runs (VM-s) | teardowns | total | workload runs |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for number in sorted(table):
        row = table[number]
        print(f"| {number} | {row['vms']:.0f} | {row['bootNs']:.1f} | {row['setupNs']:.1f} | {row['runsNs']:.1f}"
              f" | {row['teardownNs']:.1f} | {spent(row):.1f} | {row['runs']:.0f} |")
    total = sum(spent(row) for row in table.values())
    later_runs = sum(row["runsNs"] for number, row in table.items() if number >= first)
    print(f"all rounds: {total:.1f} VM-s; the workload runs of rounds {first} and later: {later_runs:.1f} VM-s;"
          f" without them: {total - later_runs:.1f} VM-s")
    if len(sys.argv) > 3:
        for job, listed in enumerate(sys.argv[3].split(":"), 1):
            numbers = [int(n) for n in listed.split(",")]
            used = sum(spent(table[n]) for n in numbers)
            floor = used - sum(table[n]["runsNs"] for n in numbers if n >= first)
            print(f"job {job} (rounds {listed}): {used:.1f} VM-s; without the runs past round {first - 1}: {floor:.1f} VM-s")


if __name__ == "__main__":
    main()
