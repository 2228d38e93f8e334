/*
 * stat workload (lsm-perf contract).
 *
 * One operation: stat(2) of an existing file by its absolute path: a path
 * walk (a permission check per component) plus the getattr hook, without
 * opening the file. The file lives in /tmp (tmpfs in kbench's guest) or,
 * without /tmp, the current folder.
 *
 * Usage: stat [iterations]   (default 100000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#define DEFAULT_ITERATIONS 100000UL
#define ICOUNT_ITERATIONS 30000UL
/* under icount (kbench --scale auto): within its own noise: its runs spread by 0.15 % at the default count; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);

	close(wl_scratch_file(1));

	const char *path = wl_scratch_path();
	struct stat st;
	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		if (stat(path, &st) < 0)
			wl_fail("stat %s (iteration %lu of %lu)", path, i + 1, n);
	}
	return wl_report_since(start);
}
