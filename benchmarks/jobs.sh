#!/usr/bin/env bash
# kbench run --jobs 1 against --jobs 2 on this host, back to back (docs/cluster.md, "--jobs on
# 2 cores"): the same experiment (2 kernels, eventfd, 4 rounds) alternately as one job and as two
# jobs on one CPU each, under each accelerator given. Prints, per run, the experiment's wall time
# and the within-round CV (the mean over kernel rounds of the runs' CV), then the ratios.
#
#   benchmarks/jobs.sh [REPEATS] [ACCEL...]      (default 2 icount tcg)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repeats=${1:-2}
shift || true
accels=("${@:-icount}")
[ $# -gt 0 ] || accels=(icount tcg)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jar="$here/target/benchmarks.jar"

# mean over the CSV's rows (kernel rounds) of the CV of the row's runs, in percent
within_cv() {
  awk -F, 'NR > 1 { n = 0; s = 0; q = 0; for (i = 3; i <= NF; i++) { n++; s += $i; q += $i * $i }
    m = s / n; v = (q - n * m * m) / (n - 1); if (v < 0) v = 0; t += sqrt(v) / m; rows++ }
    END { printf "%.4f", 100 * t / rows }' "$1"
}

for accel in "${accels[@]}"; do
  for ((r = 0; r < repeats; r++)); do
    for jobs in 1 2; do
      out="$work/$accel-$r-$jobs/x.csv"
      start=$(date +%s%N)
      java -Djmh.ignoreLock=true -cp "$jar" dev.kbench.cli.Kbench run -k default caponly --variant 'caponly=default lsm=capability' \
        -w eventfd --rounds 4 --runs 10 --warmups 2 --accel "$accel" --seed 11 --jobs "$jobs" -o "$out" > "$work/$accel-$r-$jobs.log" 2>&1 \
        || { echo "jobs: kbench run --jobs $jobs under $accel failed: see its log:"; tail -5 "$work/$accel-$r-$jobs.log"; exit 1; }
      wall=$(( ($(date +%s%N) - start) / 1000000 ))
      echo "$accel jobs=$jobs repeat=$r wall_ms=$wall within_round_cv_pct=$(within_cv "$out")"
    done
  done
done | tee "$work/lines"
echo "ratios (--jobs 2 / --jobs 1, per repeat):"
awk '{ split($2, j, "="); split($4, w, "="); split($5, c, "="); key = $1 " " $3
       if (j[2] == 1) { w1[key] = w[2]; c1[key] = c[2] } else printf "%s: wall %.2f, within-round CV %.2f\n", key, w[2] / w1[key], (c1[key] > 0 ? c[2] / c1[key] : 0) }' "$work/lines"
