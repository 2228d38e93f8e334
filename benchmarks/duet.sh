#!/bin/sh
# Duet rounds by hand, under TCG: the demo's two kernels, each in its own kbench process on its own
# CPU, started together, so round i of one runs beside round i of the other; then again with the
# CPUs swapped. benchmarks/duet.py compares them paired and unpaired.
#
# usage: benchmarks/duet.sh OUT-FOLDER    (a 2-CPU host: CPUs 0 and 1; about 5 min)
set -eu
out=${1:?usage: benchmarks/duet.sh OUT-FOLDER}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$here"
./kbench run --help > /dev/null   # builds kbench once, before two processes would
one() {
    taskset -c "$1" ./kbench run -k "$2" --variant stock=default --variant "caponly=default lsm=capability" -w eventfd \
        --rounds 8 --runs 5 --warmups 1 --accel tcg -o "$out/$3-$2/r.csv" > "$out/$3-$2.log" 2>&1
}
one 0 stock b1 & one 1 caponly b1 & wait
one 1 stock b2 & one 0 caponly b2 & wait
"$here/benchmarks/duet.py" "$out/b1-stock/r.runs.jsonl" "$out/b1-caponly/r.runs.jsonl" \
    "$out/b2-stock/r.runs.jsonl" "$out/b2-caponly/r.runs.jsonl"
