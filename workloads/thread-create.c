/*
 * thread-create workload (lsm-perf contract).
 *
 * One operation: pthread_create(3) of a thread that returns at once, and
 * pthread_join(3) of it: a clone(2) that shares the address space, files
 * and credentials (so, unlike fork, copies none of them), the thread's
 * stack from glibc's cache after the first, and the wake-up of the joiner.
 *
 * Usage: thread-create [iterations]   (default 6000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#include <pthread.h>

#define DEFAULT_ITERATIONS 6000UL
#define ICOUNT_ITERATIONS 6000UL
/* under icount too (kbench --scale auto): its runs spread by 0.9 % already, 2.6 % at 0.3; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

static void *return_at_once(void *arg)
{
	return arg;
}

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		pthread_t thread;
		/* pthread functions return the error number rather than set errno. */
		int err = pthread_create(&thread, NULL, return_at_once, NULL);

		if (err) {
			errno = err;
			wl_fail("pthread_create (iteration %lu of %lu)", i + 1, n);
		}
		err = pthread_join(thread, NULL);
		if (err) {
			errno = err;
			wl_fail("pthread_join (iteration %lu of %lu)", i + 1, n);
		}
	}
	return wl_report_since(start);
}
