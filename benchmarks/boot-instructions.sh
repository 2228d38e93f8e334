#!/usr/bin/env bash
# The (FG)KASLR suite's experiments again in guest instructions (docs/boot.md, "Boot phases in
# instructions"): the compression bake-off on kbench's marked kernels and on the suite's Lupine
# kernels, KASLR against nokaslr, the same kernel under icount, and the TCG plugin's cost (boots
# with and without counting, alternated). Every boot counts with kbench's TCG plugin
# (--count instructions) except the cost experiment's plain half.
# Usage: benchmarks/boot-instructions.sh [BOOTS] [OUT-DIR] [COST-ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
boots=${1:-3}
out=${2:-docs/boot-results/instructions}
rounds=${3:-4}
mkdir -p "$out"
rm -f "$out"/{bakeoff,lupine,kaslr,icount}.*    # kbench boot appends to a boot log it finds
small=$(mktemp)
lupine=$(mktemp)
trap 'rm -f "$small" "$lupine"' EXIT

# all cached after benchmarks/marked-boot-suite.sh and benchmarks/lupine-boot-suite.sh
./kbench kernel build --compression lz4,lzo,gzip,lzma,xz,bzip2,zstd --kaslr kaslr | tee "$small"
./kbench kernel build --compression lz4 --kaslr nokaslr
./kbench kernel build --config configs/lupine/lupine4-nokaslr.config --kaslr nokaslr --compression lz4,lzo,gzip,lzma,xz,bzip2,zstd | tee "$lupine"
V="$out/variants.local.conf"
built=$(sed -n 's/^# variants file: //p' "$small")
grep -v '^#' "$built" > "$V"
for c in lz4 gzip; do
  # the kaslr kernel told not to randomize: the same bootstrap loader, no random location
  echo "small-kaslr-$c-nokaslr = $(sed -n "s/^small-kaslr-$c = //p" "$V") nokaslr" >> "$V"
done
grep -q "^small-nokaslr-lz4 =" "$V" || echo "small-nokaslr-lz4 = $(dirname "$built")/bzImage-small-nokaslr-lz4" >> "$V"
# acpi=off: Lupine's kernels cannot use microvm's ACPI tables (benchmarks/lupine-boot-suite.sh)
grep -v '^#' "$(sed -n 's/^# variants file: //p' "$lupine")" \
  | sed -E 's/^lupine4-nokaslr\.config-nokaslr-([a-z0-9]+) = (.*)$/lupine-\1 = \2 acpi=off/' >> "$V"

count=(--variants "$V" --machine microvm --boots "$boots" --count instructions)
./kbench boot -k small-kaslr-{lz4,lzo,gzip,lzma,xz,bzip2,zstd} "${count[@]}" --accel tcg -o "$out/bakeoff"
./kbench boot -k lupine-{lz4,lzo,gzip,lzma,xz,bzip2,zstd} "${count[@]}" --rootfs virtio-blk --accel tcg -o "$out/lupine"
./kbench boot -k small-kaslr-lz4 small-kaslr-lz4-nokaslr small-nokaslr-lz4 "${count[@]}" --accel tcg -o "$out/kaslr"
./kbench boot -k small-kaslr-gzip-nokaslr "${count[@]}" --accel icount -o "$out/icount"

benchmarks/plugin-cost.sh "$boots" "$out" "$rounds"
benchmarks/boot-instructions.py "$out"
