#!/usr/bin/env bash
# Fuzzes kbench's host-side readers with Jazzer, one target after the other, each for its
# @FuzzTest maxDuration (3 min), and prints per target libFuzzer's executions, coverage and
# corpus. The generated corpus goes to .cifuzz-corpus/ and carries over to the next run (run
# the script again to fuzz longer); a crash stops its target and is saved in the target's
# Inputs folder under src/test/resources, where every test run then replays it.
#   benchmarks/fuzz.sh [Class#method ...]
set -uo pipefail
cd "$(dirname "$0")/.."
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(AgentFramesFuzzTest#frames AgentFramesFuzzTest#client QmpFuzzTest#session
  MarkerFuzzTest#phases WorkloadOutputFuzzTest#parse ResultReadersFuzzTest#runLog ResultReadersFuzzTest#jmhJson)
mvn -B -q -o test-compile >/dev/null || exit 1
mkdir -p target/fuzz
for target in "${targets[@]}"; do
  log="target/fuzz/${target/\#/.}.log"
  JAZZER_FUZZ=1 mvn -B -o surefire:test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1
  done_line=$(grep -aE '^Done [0-9]+ runs' "$log" | tail -1)
  status=$(grep -aE '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*')
  crash=$(grep -aE 'Test unit written to' "$log" | head -1)
  printf '%-32s %s; %s%s\n' "$target" "${done_line:-no final line (see $log)}" "$status" "${crash:+; FOUND: $crash}"
done
