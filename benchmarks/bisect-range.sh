#!/usr/bin/env bash
# kbench bisect over the 16-commit range of the test fixture (Debian's linux-source-6.1 and 16
# commits on it, one of which makes getppid costlier: src/test/resources/dev/kbench/bisect/
# linux-fixture.sh) end to end with --config small under icount, and the time split into builds
# and measurements (from bisect.json). It checks that the commit found is the fixture's culprit.
#
#   benchmarks/bisect-range.sh cold [DIR]   a fresh kbench cache and ccache in DIR: every kernel built
#                                           from nothing (the fixture repository is made there too)
#   benchmarks/bisect-range.sh warm [DIR]   kbench's own cache (~/.cache/kbench): the fixture and its
#                                           build folder and kernels as earlier runs left them
# DIR: default a new temporary folder; the bisection's output is DIR/out.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:?cold or warm}
dir=${2:-$(mktemp -d)}
mkdir -p "$dir"
script="$here/src/test/resources/dev/kbench/bisect/linux-fixture.sh"
if [ "$mode" = cold ]; then
  export KBENCH_CACHE="$dir/cache" CCACHE_DIR="$dir/ccache"
  cache="$KBENCH_CACHE"
else
  cache="${KBENCH_CACHE:-$HOME/.cache/kbench}"
fi
# the same place and key the integration test uses: the script's contents
fixture="$cache/bisect-fixture/$(sha256sum "$script" | cut -c1-16)/linux"
if [ ! -d "$fixture/.git" ]; then
  start=$(date +%s)
  sh "$script" /usr/src/linux-source-6.1.tar.xz "$fixture"
  echo "fixture made in $(( $(date +%s) - start )) s: $fixture"
fi
rm -rf "$dir/out"
start=$(date +%s)
"$here/kbench" bisect --repo "$fixture" --good base --bad long-bad -w getppid --accel icount --config small -o "$dir/out"
wall=$(( $(date +%s) - start ))
culprit=$(git -C "$fixture" rev-parse long-culprit)
python3 - "$dir/out/bisect.json" "$culprit" "$wall" <<'PY'
import json, sys
record = json.load(open(sys.argv[1]))
culprit, wall = sys.argv[2], int(sys.argv[3])
ends = record["ends"]
steps = record["steps"]
build = ends["buildSeconds"] + sum(s["buildSeconds"] for s in steps)
measure = ends["measureSeconds"] + sum(s["measureSeconds"] for s in steps)
found = [f["commit"] for f in record["findings"]]
print(f"wall {wall} s: builds {build:.0f} s (ends {ends['buildSeconds']:.0f} s), measurements {measure:.0f} s"
      f" (ends {ends['measureSeconds']:.0f} s), {len(steps)} steps; the rest (confirmation, git, report) {wall - build - measure:.0f} s")
print("found", found, "expected", culprit)
sys.exit(0 if found == [culprit] else 1)
PY
