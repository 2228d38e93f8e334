#!/usr/bin/env bash
# The harness-noise benchmark (docs/statistics.md, "Harness noise"): PAIRS pairs of boots of
# Debian's kernel, one running WORKLOAD RUNS times through kbench's agent and one running it as
# PID 1 with no agent (kbench-loop-init), which first alternating ABBA; prints each pair's
# within-round CVs and at the end their ratio with a bootstrap 95 % interval; every run goes to
# OUT/runs.csv. Run it on an otherwise idle machine, under the VM lock. Not part of the tests.
#
#   benchmarks/harness-noise.sh [ACCEL [PAIRS [RUNS [OUT [PIN [PAUSE_MS [WORKLOAD [COUNT]]]]]]]]
#       default: tcg 6 11 target/harness-noise - 0 getppid 300000
#   PIN: QEMU's threads pinned as kbench run -c pins them, CPU-QEMU:CPU-KVM1:CPU-KVM2 (e.g. 0:1:0),
#        with isolcpus=0 in the guest; - for none. (Not under taskset: the pinning refuses CPUs
#        outside the JVM's own affinity.)
#   PAUSE_MS: the host waits this long before each run through the agent (a diagnosis: an idle gap
#        before each run, longer than the request's round trip).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
mvn -o -q package -DskipTests
pin=${5:--}
[ "$pin" = - ] && pin=
ACCEL=${1:-tcg} PAIRS=${2:-6} RUNS=${3:-11} OUT=$(realpath -m "${4:-target/harness-noise}") PIN=$pin PAUSE_MS=${6:-0} \
  WORKLOAD=${7:-getppid} COUNT=${8:-300000} \
  mvn -o verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=HarnessNoiseMeasurement \
  -Dfailsafe.failIfNoSpecifiedTests=false 2>&1 | grep --line-buffered -E '^(pair|[a-z-]+ [0-9]+, )|ERROR|FAIL|Exception' || true
