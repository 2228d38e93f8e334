/*
 * epoll-10 workload (lsm-perf contract).
 *
 * One operation: epoll_wait(2) with a zero timeout on an epoll instance that
 * watches 10 eventfds for EPOLLOUT, level-triggered (all are ready, so it
 * returns 10 events); the instance is set up once, before the clock starts.
 * A few descriptors: mostly the fixed cost of the call. See multiplex.h for
 * why the descriptors are eventfds.
 *
 * Usage: epoll-10 [iterations]   (default 300000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "multiplex.h"

#define DEFAULT_ITERATIONS 300000UL
#define ICOUNT_ITERATIONS 82000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	return mx_run_epoll(argc, argv, 10, DEFAULT_ITERATIONS);
}
