#!/usr/bin/env bash
# Derives each built-in workload's count under icount (ICOUNT_ITERATIONS in workloads/*.c, what
# kbench --scale auto runs there; docs/measurements.md, "Fewer operations under icount"). Every
# workload in one VM under icount at its default count and at 0.3 and 0.1 of it (one warm-up, two
# measured passes each), then per workload:
#   - instructions/op at each count, and the two measured runs' spread;
#   - k = c/(n0 x), the run's fixed cost c over the default count's n0 operations of cost x, fitted
#     by least squares to per-op(f)/per-op(1) - 1 = k (1/f - 1) at f = 0.3 and 0.1;
#   - the smallest count whose bias |k| (n0/n - 1) stays within 0.1 %, rounded up to two
#     significant digits, and not below a tenth (the fewest operations measured);
#   - kept at the default when the runs' spread is above 0.1 % at the default count, or at the
#     measured count at or below the one chosen: k cannot be told from the noise there, or fewer
#     operations make the workload noisier than the bias allowed.
#
#   benchmarks/icount-counts.sh [DIR]   (runs the VMs into DIR, default a new temporary folder;
#                                        a DIR that holds s1, s0.3 and s0.1 already is only read)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dir=${1:-$(mktemp -d)}
mkdir -p "$dir"
jar="$here/target/benchmarks.jar"
units="$here/target/classes/guest/workloads/UNITS"

for scale in 1 0.3 0.1; do
  [ -f "$dir/s$scale.runs.jsonl" ] && continue
  java -Djmh.ignoreLock=true -cp "$jar" dev.kbench.cli.Kbench run -k default -w all --rounds 1 --runs 2 --warmups 1 --accel icount \
    --scale "$scale" -o "$dir/s$scale.csv" > "$dir/s$scale.log" 2>&1 || { echo "kbench run --scale $scale failed: see $dir/s$scale.log"; exit 1; }
done

# SCALE WORKLOAD OPERATIONS VALUE, one measured run a line (a run given no count ran the default)
for scale in 1 0.3 0.1; do
  jq -r --arg s "$scale" 'select(.phase == "measurement") | [$s, .workload, (.operations // 0), .value] | @tsv' "$dir/s$scale.runs.jsonl"
done | awk -v units="$units" '
  BEGIN { while ((getline line < units) > 0) { split(line, u, " "); n0[u[1]] = u[3] } }
  { ops = $3 > 0 ? $3 : n0[$2]; per = $4 / ops; key = $1 SUBSEP $2
    if (!(key in lo) || per < lo[key]) lo[key] = per; if (!(key in hi) || per > hi[key]) hi[key] = per
    sum[key] += per; cnt[key]++; if (!($2 in seen)) { seen[$2] = 1; names[++n] = $2 } }
  function mean(s, w) { return sum[s, w] / cnt[s, w] }
  function spread(s, w) { return 100 * (hi[s, w] - lo[s, w]) / mean(s, w) }
  END {
    printf "%-15s %12s %12s %12s %9s %9s %9s %10s %9s %9s\n", "workload", "per-op at 1", "at 0.3", "at 0.1", "spread 1", "at 0.3", "at 0.1", "k", "count", "factor"
    for (i = 1; i <= n; i++) {
      w = names[i]; p1 = mean(1, w); r3 = mean(0.3, w) / p1 - 1; r1 = mean(0.1, w) / p1 - 1
      a3 = 1 / 0.3 - 1; a1 = 1 / 0.1 - 1; k = (a3 * r3 + a1 * r1) / (a3 * a3 + a1 * a1); ak = k < 0 ? -k : k
      f = ak > 0 ? 1 / (1 + 0.001 / ak) : 0; if (f < 0.1) f = 0.1
      want = n0[w] * f; digits = 10 ^ (int(log(want) / log(10)) - 1); count = (want / digits == int(want / digits)) ? want : (int(want / digits) + 1) * digits
      if (count > n0[w]) count = n0[w]
      noise = (count / n0[w] >= 0.3) ? spread(0.3, w) : spread(0.1, w)
      if (spread(1, w) > 0.1 || (count < n0[w] && noise > 0.1)) count = n0[w]
      printf "%-15s %12.2f %12.2f %12.2f %8.3f%% %8.3f%% %8.3f%% %10.6f %9d %9.3f\n", w, p1, mean(0.3, w), mean(0.1, w), spread(1, w), spread(0.3, w), spread(0.1, w), k, count, count / n0[w]
    }
  }'
