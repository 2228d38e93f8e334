/*
 * select-1000 workload (lsm-perf contract).
 *
 * One operation: select(2) with a zero timeout, asking which of 1000 eventfds
 * are ready for writing (all are, so it returns 1000).
 * Many descriptors: mostly the cost per descriptor (compare with
 * select-10). See multiplex.h for why the descriptors are eventfds.
 *
 * Usage: select-1000 [iterations]   (default 10000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "multiplex.h"

#define DEFAULT_ITERATIONS 10000UL
#define ICOUNT_ITERATIONS 1000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	return mx_run_select(argc, argv, 1000, DEFAULT_ITERATIONS);
}
