#!/usr/bin/env bash
# kbench's own CPU use while an experiment runs: the CPU time of every kbench JVM (the command and
# its JMH fork), sampled from /proc over a window, as a share of one core.
# Usage: benchmarks/harness-cpu.sh OUT [SECONDS]   (OUT: the run's -o; SECONDS default 20; start it
# while `kbench run -o OUT` is in one round's runs, e.g. with --runs 60)
set -euo pipefail
out=${1:?usage: harness-cpu.sh OUT [SECONDS]}
window=${2:-20}
hz=$(getconf CLK_TCK)
# the command has "-o OUT" on its command line, its JMH fork "-Dkbench.plan=OUT.forks/round-R-position-P.plan.json"
jvms() { pgrep -f "java.*$out" || true; }
ticks() {
  local total=0
  for pid in $(jvms); do
    # fields 14 and 15 of /proc/PID/stat: user and system time in clock ticks (after the ')' of the name)
    if stat=$(cat /proc/$pid/stat 2>/dev/null); then
      set -- ${stat##*) }
      total=$((total + ${12} + ${13}))
    fi
  done
  echo $total
}
before_pids=$(jvms | tr '\n' ' ')
[ -n "$before_pids" ] || { echo "harness-cpu: no kbench JVM is running; start kbench run first" >&2; exit 1; }
t0=$(ticks); s0=$(date +%s.%N)
sleep "$window"
t1=$(ticks); s1=$(date +%s.%N)
after_pids=$(jvms | tr '\n' ' ')
[ "$before_pids" = "$after_pids" ] || echo "harness-cpu: the JVMs changed during the window ($before_pids -> $after_pids): a fork started or ended; measure within one round's runs" >&2
awk -v t=$((t1 - t0)) -v hz="$hz" -v s0="$s0" -v s1="$s1" -v pids="$before_pids" \
  'BEGIN { printf "kbench JVMs (%s): %.2f s CPU in %.1f s = %.2f %% of one core\n", pids, t / hz, s1 - s0, 100 * t / hz / (s1 - s0) }'
