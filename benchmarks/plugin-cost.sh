#!/usr/bin/env bash
# The TCG plugin's cost on a boot (docs/boot.md, "The plugin's cost"): kbench's gzip kernel with
# nokaslr booted without and with --count instructions, one kbench boot each, alternated ROUNDS
# times so that the host's drift falls on both halves alike. Needs the variants file that
# benchmarks/boot-instructions.sh writes into OUT-DIR. The load average before each batch goes
# to OUT-DIR/cost/load.txt.
# Usage: benchmarks/plugin-cost.sh [BOOTS] [OUT-DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
boots=${1:-3}
out=${2:-docs/boot-results/instructions}
rounds=${3:-4}
V="$out/variants.local.conf"
mkdir -p "$out/cost"
rm -f "$out"/cost/*    # kbench boot appends to a boot log it finds
boot=(./kbench boot -k small-kaslr-gzip-nokaslr --variants "$V" --machine microvm --boots "$boots" --accel tcg)
for i in $(seq 1 "$rounds"); do
  echo "plain-$i $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/cost/load.txt"
  "${boot[@]}" -o "$out/cost/plain-$i"
  echo "counted-$i $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/cost/load.txt"
  "${boot[@]}" --count instructions -o "$out/cost/counted-$i"
done
