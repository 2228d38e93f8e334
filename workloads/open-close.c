/*
 * open-close workload (lsm-perf contract).
 *
 * One operation: open(2) of an existing file by its absolute path, read-only,
 * then close(2). This walks the path (a permission check per component),
 * allocates and frees a struct file, and runs the open hooks.
 * The file lives in /tmp (tmpfs in kbench's guest) or, without /tmp, the
 * current folder.
 *
 * Usage: open-close [iterations]   (default 60000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#define DEFAULT_ITERATIONS 60000UL
#define ICOUNT_ITERATIONS 45000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	int scratch = wl_scratch_file(1);
	const char *path = wl_scratch_path();

	/* Only the path matters from here on; keeping the fd open would not
	 * change the measured path, but closing it keeps the fd table small. */
	close(scratch);

	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		int fd = open(path, O_RDONLY);

		if (fd < 0)
			wl_fail("open %s (iteration %lu of %lu)", path, i + 1, n);
		if (close(fd) < 0)
			wl_fail("close (iteration %lu of %lu)", i + 1, n);
	}
	return wl_report_since(start);
}
