#!/usr/bin/env bash
# Keeps docs/lsm-cost/ (docs/lsm-cost.md) in today's shape.
#   benchmarks/lsm-cost-results.sh            the first, fixed-order runs (icount/, tcg/): their JMH JSON
#                                              reshaped (benchmarks/lsm-cost-reshape.py, no value touched)
#                                              and their report page, Markdown and overview made anew by
#                                              today's kbench report; a minute
#   benchmarks/lsm-cost-results.sh rerun       also runs the balanced re-runs again (icount-balanced/,
#                                              tcg-balanced/): about 10 min under icount and 35 min under
#                                              TCG on 2 idle cores; TCG's numbers are the host's time
set -euo pipefail
cd "$(dirname "$0")/.."
docs=docs/lsm-cost

report() {   # DIR: the page, its Markdown and its overview beside DIR/lsm-cost.json
  local dir=$1 scratch
  scratch=$(mktemp -d)
  ./kbench report "$dir/lsm-cost.json" -o "$scratch/report.html" >/dev/null
  # the per-workload plots are inside the page already; the overview is what docs/lsm-cost.md shows
  cp "$scratch/report.html" "$scratch/report.md" "$scratch/report-overview.png" "$dir/"
  rm -rf "$scratch"
}

benchmarks/lsm-cost-reshape.py "$docs/icount/lsm-cost.json" "$docs/icount-balanced/lsm-cost.json"
benchmarks/lsm-cost-reshape.py "$docs/tcg/lsm-cost.json" "$docs/tcg-balanced/lsm-cost.json"
report "$docs/icount"
report "$docs/tcg"

if [ "${1:-}" = rerun ]; then
  for accel in icount tcg; do
    out=$(mktemp -d)
    if [ $accel = icount ]; then
      ./kbench lsm-cost --accel icount --rounds 3 --runs 1 --scale 1 -o "$out"
    else
      ./kbench lsm-cost --accel tcg -o "$out"
    fi
    for f in lsm-cost.json lsm-cost.setup.json lsm-cost.runs.jsonl lsm-cost.comparison.md lsm-cost-overview.png variants.conf; do
      cp "$out/$f" "$docs/$accel-balanced/$f"
    done
    rm -rf "$out"
  done
fi
