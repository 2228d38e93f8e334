#!/bin/sh
# kbench slurm: one task per shard of the experiment; kbench merge runs after all of them (merge.sh)
set -eu
if [ "$(cat '/work/main/lsm-perf.slurm/marker' 2>/dev/null)" != '9f7f1f38cad5dbc1' ]; then
  echo "kbench: error: shard $SLURM_ARRAY_TASK_ID/2 on $(hostname) cannot read /work/main/lsm-perf.slurm/marker: put -o on storage every node mounts at the same path" >&2
  exit 2
fi
cd '/work/main'
exec '/usr/lib/jvm/java-17-openjdk-amd64/bin/java' '-Djmh.ignoreLock=true' '-cp' '/work/main/target/classes' 'dev.kbench.cli.Kbench' 'run' '-k' 'a' '--runz' '2' '--shard' "$SLURM_ARRAY_TASK_ID/2"
