#!/usr/bin/env bash
# Fuzzes the guest agent's request parser with AFL++ through its --stdio mode, for SECONDS
# (default 900), then prints AFL++'s figures. The agent is built with KBENCH_FUZZ_NO_EXEC: run
# requests are parsed and answered, nothing is executed. Afterwards
#   - the queue, minimised with afl-cmin, replaces guest-agent/fuzz/corpus/ (plus the inputs
#     kept there by hand, such as the oversized request),
#   - every crash and hang is copied to guest-agent/fuzz/crashes/,
# and AgentFuzzCorpusTest replays all of them (with ASan and UBSan) in every test run.
#   benchmarks/fuzz-agent.sh [SECONDS] [WORK-DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-900}
work=${2:-target/afl}
# AFL++ and clang's sanitizer runtime (the instrumented agent is built with AddressSanitizer)
if ! command -v afl-fuzz >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.asan-x86_64.a >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends afl++ libclang-rt-14-dev >/dev/null
  else
    echo "fuzz-agent: missing: sudo apt-get install afl++ libclang-rt-14-dev" >&2; exit 1
  fi
fi
mkdir -p "$work"
make -s -C guest-agent afl OUT="$PWD/$work/bin"
agent="$PWD/$work/bin/kbench-agent-afl"
# no core_pattern or CPU-governor changes on a shared machine; no CPU binding beside other work
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
rm -rf "$work/out"
# the seeds and the saved corpus are where it starts (the large oversized inputs only slow it down)
rm -rf "$work/in" && mkdir -p "$work/in"
find guest-agent/fuzz/seeds guest-agent/fuzz/corpus -type f -size -16k -exec cp {} "$work/in/" \;
afl-fuzz -V "$seconds" -i "$work/in" -o "$work/out" -- "$agent" --stdio >"$work/afl-fuzz.log" 2>&1 || true
stats="$work/out/default/fuzzer_stats"
grep -E '^(run_time|execs_done|execs_per_sec|cycles_done|corpus_count|edges_found|total_edges|bitmap_cvg|saved_crashes|saved_hangs) ' "$stats"
rm -rf "$work/cmin"
AFL_QUIET=1 afl-cmin -i "$work/out/default/queue" -o "$work/cmin" -- "$agent" --stdio >/dev/null 2>&1
find guest-agent/fuzz/corpus -name 'queue-*' -delete
n=0
for f in "$work"/cmin/*; do cp "$f" "guest-agent/fuzz/corpus/queue-$(printf %03d $n)"; n=$((n + 1)); done
echo "corpus: $n inputs after afl-cmin in guest-agent/fuzz/corpus"
mkdir -p guest-agent/fuzz/crashes
for f in "$work"/out/default/crashes/id:* "$work"/out/default/hangs/id:*; do
  [ -e "$f" ] && cp "$f" "guest-agent/fuzz/crashes/$(basename "$(dirname "$f")")-$(sha1sum "$f" | cut -c1-12)"
done
ls guest-agent/fuzz/crashes | sed 's/^/found: /'
