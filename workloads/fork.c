/*
 * fork workload (lsm-perf contract).
 *
 * One operation: fork(2) of this (small, static) process, the child's
 * immediate _exit(0), and the parent's waitpid(2) for it: duplicating and
 * freeing the task, its credentials, files and address space, the task
 * hooks of security modules included, plus the scheduling of the child.
 *
 * Usage: fork [iterations]   (default 700)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"


#define DEFAULT_ITERATIONS 700UL
#define ICOUNT_ITERATIONS 700UL
/* under icount too (kbench --scale auto): its runs spread by 0.8 % already, 1.0 % at 0.3; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		pid_t child = fork();

		if (child < 0)
			wl_fail("fork (iteration %lu of %lu)", i + 1, n);
		if (child == 0)
			_exit(0); /* _exit: no atexit handlers, no stdio flush in the child */
		wl_reap(child, i, n);
	}
	return wl_report_since(start);
}
