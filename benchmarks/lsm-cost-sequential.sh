#!/bin/sh
# The reference experiment under icount twice, one after the other on this machine: first the
# fixed design (4 rounds, every workload in every round, a warm-up pass in every VM), then kbench's
# default (sequential rounds, warm-ups only where needed); their wall times, then their verdicts
# compared cell by cell (benchmarks/compare-verdicts.py).
#
# usage: benchmarks/lsm-cost-sequential.sh OUT-FOLDER
set -eu
out=${1:?usage: benchmarks/lsm-cost-sequential.sh OUT-FOLDER}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$here"
./kbench lsm-cost --accel icount -o "$out/fixed" --help > /dev/null   # builds kbench first, outside the timing
run() {
    name=$1
    shift
    start=$(date +%s)
    ./kbench lsm-cost --accel icount -o "$out/$name" "$@" > "$out/$name.log" 2>&1
    end=$(date +%s)
    echo "$name: $((end - start)) s wall ($*)" | tee -a "$out/times.txt"
}
: > "$out/times.txt"
run fixed --no-sequential --rounds 4 --warmups 1
run sequential
grep -h "kbench: \(time\|ran\|every comparison\)" "$out/fixed.log" "$out/sequential.log" | grep -v "^\[" || true
"$here/benchmarks/compare-verdicts.py" "$out/fixed" "$out/sequential" | tee "$out/verdicts.txt"
