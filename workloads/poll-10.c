/*
 * poll-10 workload (lsm-perf contract).
 *
 * One operation: poll(2) with a zero timeout for POLLOUT on 10 eventfds
 * (all are ready, so it returns 10).
 * A few descriptors: mostly the fixed cost of the call. See multiplex.h for
 * why the descriptors are eventfds.
 *
 * Usage: poll-10 [iterations]   (default 500000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "multiplex.h"

#define DEFAULT_ITERATIONS 500000UL
#define ICOUNT_ITERATIONS 50000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	return mx_run_poll(argc, argv, 10, DEFAULT_ITERATIONS);
}
