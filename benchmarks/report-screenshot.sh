#!/usr/bin/env bash
# docs/report-screenshot.png: kbench report's page of the reference experiment under icount
# (docs/lsm-cost/icount-balanced/), as headless Chromium shows it offline: the setup, and the
# overview with every comparison's effect and verdict. Usage: benchmarks/report-screenshot.sh [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/report-screenshot.png}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
./kbench report docs/lsm-cost/icount-balanced/lsm-cost.json -o "$scratch/report.html" >/dev/null
# the flags keep Chromium from reaching for the network, which the page never needs
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$scratch/profile" --hide-scrollbars \
  --window-size=1400,2400 --screenshot="$out" "file://$scratch/report.html" 2>/dev/null
echo "benchmarks/report-screenshot.sh: wrote $out"
