#!/usr/bin/env bash
# The boot soak of docs/reliability.md: BOOTS boots of the default kernel on `pc` and on `microvm`
# under TCG, then on `pc` under icount, each boot a fresh VM while a second VM boots over and over
# beside it to load the host. Reports every boot that did not reach the guest agent (its reason,
# where each vCPU was, the console's tail; the files under OUT/*.failed-boots/) and the boot-time
# distribution. Not part of `mvn verify` or CI: 1,000 boots take about an hour per machine type on
# 2 cores. Do not run it while the integration tests run: it loads the host on purpose.
#
#   benchmarks/soak.sh [BOOTS] [MINUTES-PER-SETTING] [OUT-DIR]     (defaults: 1000 600 soak-results)
#
# Exit status: 0 when no measured boot failed, 3 when one did, 1 on an error.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
boots=${1:-1000}
minutes=${2:-600}
out=${3:-soak-results}
mkdir -p "$out"
status=0
for setting in "pc tcg" "microvm tcg" "pc icount"; do
  read -r machine accel <<<"$setting"
  echo "soak: $boots boots on $machine under $accel (at most $minutes min) ..."
  "$here/kbench" soak --boots "$boots" --minutes "$minutes" --machine "$machine" --accel "$accel" -o "$out/$machine-$accel" || {
    code=$?
    [ "$code" -eq 3 ] || exit "$code"
    status=3
  }
done
{
  echo "| machine | accel | boots | hangs | other failures | median (ms) | p95 (ms) | max (ms) | load VM boots | load VM failures | minutes |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for f in "$out"/*.soak.md; do sed -n '5p' "$f"; done
} > "$out/summary.md"
cat "$out/summary.md"
exit "$status"
