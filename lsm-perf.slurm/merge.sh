#!/bin/sh
# kbench slurm: joins the shards once every task of the array has succeeded
set -eu
if [ "$(cat '/work/main/lsm-perf.slurm/marker' 2>/dev/null)" != '9f7f1f38cad5dbc1' ]; then
  echo "kbench: error: the merge on $(hostname) cannot read /work/main/lsm-perf.slurm/marker: put -o on storage every node mounts at the same path" >&2
  exit 2
fi
cd '/work/main'
exec '/usr/lib/jvm/java-17-openjdk-amd64/bin/java' '-Djmh.ignoreLock=true' '-cp' '/work/main/target/classes' 'dev.kbench.cli.Kbench' 'merge' '/work/main/lsm-perf.csv'
