#!/usr/bin/env bash
# Makes docs/boot-results/ anew (docs/boot.md): Debian's cloud kernel as a bzImage against its own
# uncompressed vmlinux, KASLR against nokaslr and a memory sweep, each with a warm and a cold page
# cache, under TCG. kbench's marked kernels (docs/boot-results/marked/) are
# benchmarks/marked-boot-suite.sh's.
# Usage: benchmarks/boot-results.sh [BOOTS] [OUT-DIR]   (defaults: 10 docs/boot-results; cold needs root)
set -euo pipefail
cd "$(dirname "$0")/.."
boots=${1:-10}
out=${2:-docs/boot-results}
mkdir -p "$out"
started=$(date +%s)

# the default kernel is fetched on first use: one throwaway boot pins it in the cache
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
./kbench boot -k default --boots 1 --cache cold --accel tcg -o "$scratch/fetch" >/dev/null
cache=${KBENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kbench}
K=$(ls "$cache"/kernels/linux-image-*/boot/vmlinuz-* | sort -V | tail -1)
./kbench vmlinux "$K"
cat > "$out/variants.conf" <<END
bzImage = default
vmlinux = ${K/vmlinuz/vmlinux}
kaslr = default
nokaslr = default nokaslr
END
for cache_mode in warm cold; do
  for set in direct kaslr mem; do
    rm -f "$out/$set-$cache_mode".*    # kbench boot appends to a boot log it finds
  done
  ./kbench boot -k bzImage vmlinux --boots "$boots" --cache $cache_mode --accel tcg --variants "$out/variants.conf" -o "$out/direct-$cache_mode"
  ./kbench boot -k kaslr nokaslr --boots "$boots" --cache $cache_mode --accel tcg --variants "$out/variants.conf" -o "$out/kaslr-$cache_mode"
  ./kbench boot -k bzImage --mem 256 512 1024 2048 --boots "$boots" --cache $cache_mode --accel tcg --variants "$out/variants.conf" -o "$out/mem-$cache_mode"
done
echo "benchmarks/boot-results.sh: took $(( ($(date +%s) - started) / 60 )) min"
