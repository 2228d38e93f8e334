#!/usr/bin/env bash
# How long a fork takes to plan its boot, in fresh JVMs, for two builds of kbench side by side
# (docs/measurements.md, "Planning by inputs, and lighter forks"): GuestImage.buildFor of a
# 25-workload suite and of the modules alone (both found in the cache), and BootPlan.prepare of
# lsm-perf's image setup, each with default JVM flags and with the forks' flags. The two jars
# alternate, so a host's load hits both alike; read the ratios, not the milliseconds.
#
#   benchmarks/plan-time.sh BEFORE.jar AFTER.jar [IMAGE] [RUNS]     (RUNS default 5)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
before=${1:?usage: plan-time.sh BEFORE.jar AFTER.jar [IMAGE] [RUNS]}
after=${2:?usage: plan-time.sh BEFORE.jar AFTER.jar [IMAGE] [RUNS]}
image=${3:-}
runs=${4:-5}
kernel=$(ls -d "${KBENCH_CACHE:-$HOME/.cache/kbench}"/kernels/linux-image-*/ | head -1)
[ -n "$kernel" ] || { echo "plan-time: no Debian kernel in kbench's cache: run ./kbench demo once" >&2; exit 1; }
vmlinuz=$(ls "$kernel"boot/vmlinuz-* | head -1)
modules=$(ls -d "$kernel"lib/modules/*/ | head -1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for jar in before after; do
  mkdir -p "$work/$jar"
  javac -cp "${!jar}" -d "$work/$jar" "$here/plan-time/Plan.java" "$here/plan-time/ImagePlan.java"
done
for kind in suite modules; do
  for jar in before after; do java -cp "${!jar}:$work/$jar" Plan "$vmlinuz" "$modules" "$work/cache-$jar" "$kind" >/dev/null; done
  for ((i = 0; i < runs; i++)); do
    for jar in before after; do echo "initramfs ($kind) $jar: $(java -cp "${!jar}:$work/$jar" Plan "$vmlinuz" "$modules" "$work/cache-$jar" "$kind")"; done
  done
done
if [ -n "$image" ]; then
  for ((i = 0; i < runs; i++)); do
    for flags in "" "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"; do
      for jar in before after; do
        start=$(date +%s%N)
        line=$(java $flags -cp "${!jar}:$work/$jar" ImagePlan "$image")
        echo "image plan $jar [${flags:-default flags}]: $line, whole JVM $(( ($(date +%s%N) - start) / 1000000 )) ms"
      done
    done
  done
fi
