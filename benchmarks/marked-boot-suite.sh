#!/usr/bin/env bash
# The (FG)KASLR suite's experiments on kbench's own marked kernels (docs/boot.md, "Marked kernels"):
# compression bake-off, KASLR vs nokaslr, bzImage vs direct vmlinux (warm and cold page cache),
# memory sweep, on microvm without ACPI under TCG. Usage: benchmarks/marked-boot-suite.sh [BOOTS] [OUT-DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
boots=${1:-5}
out=${2:-docs/boot-results/marked}
mkdir -p "$out"
rm -f "$out"/{bakeoff-tcg,kaslr-tcg,direct-warm,direct-cold,mem}.*    # kbench boot appends to a boot log it finds
listing=$(mktemp)
trap 'rm -f "$listing"' EXIT

./kbench kernel build --compression lz4,lzo,gzip,lzma,xz,bzip2,zstd,none --kaslr kaslr | tee "$listing"
./kbench kernel build --compression lz4 --kaslr nokaslr
built=$(sed -n 's/^# variants file: //p' "$listing")
V="$out/variants.local.conf"
grep -v '^#' "$built" > "$V"
# the kaslr kernel told not to randomize: the same bootstrap loader, no random location, no relocation
echo "small-kaslr-lz4-nokaslr = $(sed -n 's/^small-kaslr-lz4 = //p' "$V") nokaslr" >> "$V"
grep -q "^small-nokaslr-lz4 =" "$V" || echo "small-nokaslr-lz4 = $(dirname "$built")/bzImage-small-nokaslr-lz4" >> "$V"

./kbench boot -k small-kaslr-{lz4,lzo,gzip,lzma,xz,bzip2,zstd} --variants "$V" --machine microvm --boots "$boots" --accel tcg -o "$out/bakeoff-tcg"
./kbench boot -k small-kaslr-lz4 small-kaslr-lz4-nokaslr small-nokaslr-lz4 --variants "$V" --machine microvm --boots "$boots" --accel tcg -o "$out/kaslr-tcg"
./kbench boot -k small-kaslr-lz4 small-kaslr-none --variants "$V" --machine microvm --boots "$boots" --cache warm --accel tcg -o "$out/direct-warm"
./kbench boot -k small-kaslr-lz4 small-kaslr-none --variants "$V" --machine microvm --boots 3 --cache cold --accel tcg -o "$out/direct-cold"
./kbench boot -k small-kaslr-lz4 --variants "$V" --machine microvm --mem 256 512 1024 2048 --boots 3 --accel tcg -o "$out/mem"
