/*
 * poll-1000 workload (lsm-perf contract).
 *
 * One operation: poll(2) with a zero timeout for POLLOUT on 1000 eventfds
 * (all are ready, so it returns 1000).
 * Many descriptors: mostly the cost per descriptor (compare with
 * poll-10). See multiplex.h for why the descriptors are eventfds.
 *
 * Usage: poll-1000 [iterations]   (default 8000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "multiplex.h"

#define DEFAULT_ITERATIONS 8000UL
#define ICOUNT_ITERATIONS 800UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	return mx_run_poll(argc, argv, 1000, DEFAULT_ITERATIONS);
}
