#!/usr/bin/env bash
# Derives each built-in workload's count under icount (ICOUNT_ITERATIONS in workloads/*.c, what
# kbench --scale auto runs there; docs/measurements.md, "Fewer operations under icount"). Every
# workload runs under icount at its default count and at 0.3 and 0.1 of it, in VMS VMs each (one
# warm-up and two measured passes a VM), then per workload:
#   - p(f): the mean instructions/op at a factor f of the default count, and s(f): the spread of
#     the measured runs at f (max - min over the mean, all VMs: a run's and a boot's noise);
#   - k = c/(n0 x), a run's fixed cost c over the default count's n0 operations of cost x, from
#     p(f)/p(1) - 1 = k (1/f - 1) at f = 0.3 and at 0.1, the larger of the two: the cost per
#     operation is not quite x + c/n (open-close moves 0.68 % at 0.3, where 1.48 % at 0.1 would
#     make it 0.38 %), and a milder cut is judged by the nearer count;
#   - the budget B: 0.1 %, or the workload's own noise s(1) when larger (fork, page-fault, ...:
#     a change within it cannot be told from one more run);
#   - the count: the fewest operations whose bias |k| (1/f - 1) stays within B, rounded up to
#     two significant digits and not below a tenth (the fewest measured), unless fewer operations
#     make the runs noisier than B (s at the measured factor at or below f); then the next
#     measured factor up (0.3, then the default count) that does not.
#
#   benchmarks/icount-counts.sh [DIR [VMS]]   (DIR: default a new temporary folder, its runs kept;
#                                              VMS: default 2; runs already in DIR are not repeated)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:-$(mktemp -d)}
vms=${2:-2}
mkdir -p "$dir"
jar="$here/target/benchmarks.jar"
units="$here/target/classes/guest/workloads/UNITS"

for ((vm = 1; vm <= vms; vm++)); do
  for scale in 1 0.3 0.1; do
    out="$dir/s$scale-$vm"
    [ -f "$out.runs.jsonl" ] && continue
    java -Djmh.ignoreLock=true -cp "$jar" dev.kbench.cli.Kbench run -k default -w all --rounds 1 --runs 2 --warmups 1 --accel icount \
      --scale "$scale" -o "$out.csv" > "$out.log" 2>&1 || { echo "kbench run --scale $scale failed: see $out.log"; exit 1; }
  done
done

# SCALE WORKLOAD OPERATIONS VALUE, one measured run a line (a run given no count ran the default)
for scale in 1 0.3 0.1; do
  for ((vm = 1; vm <= vms; vm++)); do
    jq -r --arg s "$scale" 'select(.phase == "measurement") | [$s, .workload, (.operations // 0), .value] | @tsv' "$dir/s$scale-$vm.runs.jsonl"
  done
done | awk -v units="$units" '
  BEGIN { while ((getline line < units) > 0) { split(line, u, " "); n0[u[1]] = u[3] } }
  { ops = $3 > 0 ? $3 : n0[$2]; per = $4 / ops; key = $1 SUBSEP $2
    if (!(key in lo) || per < lo[key]) lo[key] = per; if (!(key in hi) || per > hi[key]) hi[key] = per
    sum[key] += per; cnt[key]++; if (!($2 in seen)) { seen[$2] = 1; names[++n] = $2 } }
  function mean(s, w) { return sum[s, w] / cnt[s, w] }
  function spread(s, w) { return 100 * (hi[s, w] - lo[s, w]) / mean(s, w) }
  # the spread of the runs at the measured factor at or below f
  function noise(f, w) { return f >= 1 ? spread(1, w) : f >= 0.3 ? spread(0.3, w) : spread(0.1, w) }
  function up(want) { d = 10 ^ (int(log(want) / log(10)) - 1); return want / d == int(want / d) ? want : (int(want / d) + 1) * d }
  END {
    printf "%-15s %11s %11s %11s %8s %8s %8s %10s %7s %8s %6s\n", "workload", "p(1)", "p(0.3)", "p(0.1)", "s(1)", "s(0.3)", "s(0.1)", "k", "B", "count", "factor"
    for (i = 1; i <= n; i++) {
      w = names[i]; p1 = mean(1, w); r3 = mean(0.3, w) / p1 - 1; r1 = mean(0.1, w) / p1 - 1
      k3 = r3 / (1 / 0.3 - 1); k1 = r1 / (1 / 0.1 - 1); k = (k3 < 0 ? -k3 : k3) > (k1 < 0 ? -k1 : k1) ? k3 : k1; ak = k < 0 ? -k : k
      budget = spread(1, w) > 0.1 ? spread(1, w) : 0.1
      f = ak > 0 ? 1 / (1 + budget / 100 / ak) : 0; if (f < 0.1) f = 0.1
      count = up(n0[w] * f); if (count > n0[w]) count = n0[w]
      if (count < n0[w] && noise(count / n0[w], w) > budget) count = (f <= 0.3 && spread(0.3, w) <= budget) ? n0[w] * 0.3 : n0[w]
      printf "%-15s %11.2f %11.2f %11.2f %7.3f%% %7.3f%% %7.3f%% %10.6f %6.3f%% %8d %6.3f\n", w, p1, mean(0.3, w), mean(0.1, w), spread(1, w),
        spread(0.3, w), spread(0.1, w), k, budget, count, count / n0[w]
    }
  }'
