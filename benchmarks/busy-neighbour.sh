#!/usr/bin/env bash
# A neighbour that works in bursts, for measuring what other work on the host does to kbench's
# times: every 20 s, with probability 1/2 (a fixed seed, so every run of it works alike), one CPU
# busy for 20 s, while the file FLAG exists.
# Usage: touch /tmp/busy; benchmarks/busy-neighbour.sh /tmp/busy & ./kbench demo --accel tcg -o /tmp/busy-demo; rm /tmp/busy
set -u
flag=${1:?usage: busy-neighbour.sh FLAG-FILE}
RANDOM=7
while [ -e "$flag" ]; do
  if [ $((RANDOM % 2)) -eq 0 ]; then timeout 20 sh -c 'while :; do :; done'; else sleep 20; fi
done
