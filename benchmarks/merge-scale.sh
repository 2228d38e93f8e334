#!/usr/bin/env bash
# How long kbench merge takes, and how much heap, for many shards (docs/cluster.md, "Scale"):
# SHARDS shards of an experiment with 2 kernels and 2 rounds a shard, RUNS runs a round, written
# as kbench run --shard writes them, then merged once. Not part of the tests.
#
#   benchmarks/merge-scale.sh [SHARDS] [RUNS] [HEAP]     (default 1000 250 256m: 1,000,000 runs)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"
SHARDS=${1:-1000} RUNS=${2:-250} WORK="$work" mvn -o -q test -Dtest=MergeScaleMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
  -DargLine="-Xmx${3:-256m}" 2>&1 | grep -E '^(wrote|merged|read)|ERROR|Exception'
