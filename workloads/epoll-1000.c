/*
 * epoll-1000 workload (lsm-perf contract).
 *
 * One operation: epoll_wait(2) with a zero timeout on an epoll instance that
 * watches 1000 eventfds for EPOLLOUT, level-triggered (all are ready, so it
 * returns 1000 events); the instance is set up once, before the clock starts.
 * Many descriptors: mostly the cost per descriptor (compare with
 * epoll-10). See multiplex.h for why the descriptors are eventfds.
 *
 * Usage: epoll-1000 [iterations]   (default 5000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "multiplex.h"

#define DEFAULT_ITERATIONS 5000UL
#define ICOUNT_ITERATIONS 500UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	return mx_run_epoll(argc, argv, 1000, DEFAULT_ITERATIONS);
}
