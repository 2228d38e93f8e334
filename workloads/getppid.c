/*
 * getppid workload: the null system call (lsm-perf contract).
 *
 * One operation: getppid(2), the cheapest real system call (glibc does not
 * cache it), so the time is the bare cost of entering and leaving the
 * kernel: the baseline every other workload's cost sits on.
 *
 * Usage: getppid [iterations]   (default 1500000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#define DEFAULT_ITERATIONS 1500000UL
#define ICOUNT_ITERATIONS 150000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	uint64_t start = wl_start_ns();

	/* getppid cannot fail; the volatile sink keeps every call. */
	volatile pid_t sink;

	for (unsigned long i = 0; i < n; i++)
		sink = getppid();
	(void)sink;
	return wl_report_since(start);
}
