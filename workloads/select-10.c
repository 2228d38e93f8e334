/*
 * select-10 workload (lsm-perf contract).
 *
 * One operation: select(2) with a zero timeout, asking which of 10 eventfds
 * are ready for writing (all are, so it returns 10).
 * A few descriptors: mostly the fixed cost of the call. See multiplex.h for
 * why the descriptors are eventfds.
 *
 * Usage: select-10 [iterations]   (default 400000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "multiplex.h"

#define DEFAULT_ITERATIONS 400000UL
#define ICOUNT_ITERATIONS 40000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	return mx_run_select(argc, argv, 10, DEFAULT_ITERATIONS);
}
