#!/usr/bin/env bash
# Fuzzes kbench's host-side readers with Jazzer, one target after the other, SECONDS each
# (default 300), and prints libFuzzer's last status line per target (executions, coverage,
# corpus). The generated corpus goes to .cifuzz-corpus/; a crash stops its target and is saved
# in the target's Inputs folder under src/test/resources, where every test run replays it.
#   benchmarks/fuzz.sh [SECONDS] [Class#method ...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(AgentFramesFuzzTest#frames AgentFramesFuzzTest#client QmpFuzzTest#session
  MarkerFuzzTest#phases WorkloadOutputFuzzTest#parse ResultReadersFuzzTest#runLog ResultReadersFuzzTest#jmhJson)
mvn -B -q -o test-compile >/dev/null || exit 1
mkdir -p target/fuzz
for target in "${targets[@]}"; do
  log="target/fuzz/${target/\#/.}.log"
  # the fuzz test itself would run up to its maxDuration (1 h): SIGINT ends it the way libFuzzer's -max_total_time does
  JAZZER_FUZZ=1 timeout -s INT -k 30 "$seconds" mvn -B -o surefire:test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  status=$(grep -aE '^#[0-9]+' "$log" | tail -1)
  crash=$(grep -aE 'Java Exception|== Java|crash-|FAILURE' "$log" | head -1)
  printf '%-32s %s %s\n' "$target" "${status:-no status line (see $log)}" "${crash:+ FOUND: $crash}"
done
