#!/usr/bin/env bash
# The (FG)KASLR suite's compression bake-off on kernels cut the suite's way: its Lupine nokaslr
# configuration (configs/lupine/) built on Debian's 6.1 source with every compression the source
# offers, each booted to kbench's agent as init from an ext4 root on virtio-blk, microvm without
# ACPI, under TCG (docs/boot.md, "Lupine kernels").
# Usage: benchmarks/lupine-boot-suite.sh [BOOTS] [OUT-DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
boots=${1:-10}
out=${2:-docs/boot-results/lupine}
mkdir -p "$out"
rm -f "$out"/bakeoff-tcg.*    # kbench boot appends to a boot log it finds
listing=$(mktemp)
trap 'rm -f "$listing"' EXIT

schemes=lz4,lzo,gzip,lzma,xz,bzip2,zstd
./kbench kernel build --config configs/lupine/lupine4-nokaslr.config --kaslr nokaslr --compression $schemes | tee "$listing"
built=$(sed -n 's/^# variants file: //p' "$listing")
V="$out/variants.local.conf"
# acpi=off: Lupine's kernels have ACPI but cannot use microvm's tables (the suite boots them on
# Firecracker, which has none); QEMU then announces the virtio-mmio devices on the command line
grep -v '^#' "$built" | sed -E 's/^lupine4-nokaslr\.config-nokaslr-([a-z0-9]+) = (.*)$/lupine-\1 = \2 acpi=off/' > "$V"

kernels=$(tr , "\n" <<< "$schemes" | sed "s/^/lupine-/")
# shellcheck disable=SC2086  # one argument per kernel
./kbench boot -k $kernels --variants "$V" --machine microvm --rootfs virtio-blk --boots "$boots" --accel tcg -o "$out/bakeoff-tcg"
