# a neighbour that works in bursts: every 20 s, with probability 1/2 (fixed seed), a busy loop for 20 s
RANDOM=7
while [ -e /tmp/load/on ]; do
  if [ $((RANDOM % 2)) -eq 0 ]; then timeout 20 sh -c 'while :; do :; done'; else sleep 20; fi
done
