#!/usr/bin/env bash
# The (FG)KASLR suite's experiments on kbench's own marked kernels (docs/boot.md, "Marked kernels"):
# compression bake-off, bzImage vs direct vmlinux (warm and cold page cache), KASLR vs nokaslr,
# memory sweep. Usage: benchmarks/marked-boot-suite.sh [BOOTS] [OUT-DIR] [ACCEL...]
set -euo pipefail
cd "$(dirname "$0")/.."
boots=${1:-5}
out=${2:-docs/boot-results/marked}
shift 2 || true
accels=("${@:-tcg}")
mkdir -p "$out"

./kbench kernel build --compression lz4,lzo,gzip,lzma,xz,bzip2,zstd,none --kaslr kaslr | tee "$out/built.txt"
built=$(sed -n 's/^# variants file: //p' "$out/built.txt")
variants="$out/variants.conf"
grep -v '^#' "$built" > "$variants"
# the kaslr kernel told not to randomize: the same bootstrap loader, no random location, no relocation
echo "small-kaslr-lz4-nokaslr = $(sed -n 's/^small-kaslr-lz4 = //p' "$variants") nokaslr" >> "$variants"

schemes=(small-kaslr-lz4 small-kaslr-lzo small-kaslr-gzip small-kaslr-lzma small-kaslr-xz small-kaslr-bzip2 small-kaslr-zstd)
for accel in "${accels[@]}"; do
  ./kbench boot -k "${schemes[@]}" --variants "$variants" --machine microvm --boots "$boots" --cache warm --accel "$accel" -o "$out/bakeoff-$accel"
  ./kbench boot -k small-kaslr-lz4 small-kaslr-lz4-nokaslr --variants "$variants" --machine microvm --boots "$boots" --cache warm --accel "$accel" -o "$out/kaslr-$accel"
done
for cache in warm cold; do
  ./kbench boot -k small-kaslr-lz4 small-kaslr-none --variants "$variants" --machine microvm --boots "$boots" --cache "$cache" --accel tcg -o "$out/direct-$cache"
done
./kbench boot -k small-kaslr-lz4 --variants "$variants" --machine microvm --mem 256 512 1024 2048 --boots "$boots" --cache warm --accel tcg -o "$out/mem"
