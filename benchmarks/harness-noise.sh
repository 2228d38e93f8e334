#!/usr/bin/env bash
# The harness-noise benchmark (docs/statistics.md, "Harness noise"): PAIRS pairs of boots of
# Debian's kernel, one running WORKLOAD RUNS times through kbench's agent and one running it as
# PID 1 with no agent (kbench-loop-init), which first alternating ABBA; prints each pair's
# within-round CVs and at the end their ratio with a bootstrap 95 % interval; every run goes to
# OUT/runs.csv. Run it on an otherwise idle machine, under the VM lock. Not part of the tests.
#
#   benchmarks/harness-noise.sh [ACCEL [PAIRS [RUNS [OUT [WORKLOAD [COUNT]]]]]]
#                                (default tcg 6 11 target/harness-noise getppid 300000)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
mvn -o -q package -DskipTests
ACCEL=${1:-tcg} PAIRS=${2:-6} RUNS=${3:-11} OUT=$(realpath -m "${4:-target/harness-noise}") WORKLOAD=${5:-getppid} COUNT=${6:-300000} \
  mvn -o verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=HarnessNoiseMeasurement \
  -Dfailsafe.failIfNoSpecifiedTests=false 2>&1 | grep -E '^(pair|getppid|[a-z-]+ [0-9]+, )|ERROR|FAIL|Exception' || true
