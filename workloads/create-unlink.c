/*
 * create-unlink workload (lsm-perf contract), lmbench's 0K file create/delete.
 *
 * One operation: open(2) with O_CREAT|O_EXCL of a new, empty file in /tmp
 * (tmpfs in kbench's guest; the current folder without /tmp), close(2) of
 * it and unlink(2) of it. Creating an inode is where security modules check
 * the right to add a name to a folder and give the new inode its label;
 * removing it checks the right to remove the name, then frees the inode and
 * its security data. The same name is reused each time, so the folder stays
 * the same size.
 *
 * Usage: create-unlink [iterations]   (default 20000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#define DEFAULT_ITERATIONS 20000UL
#define ICOUNT_ITERATIONS 20000UL
/* under icount too (kbench --scale auto): its runs spread by 0.1 % already, 0.2 % at 0.3; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	/* Named only: wl_scratch_name removes the file at exit if a failure leaves it. */
	const char *path = wl_scratch_name();
	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

		if (fd < 0)
			wl_fail("creating %s (iteration %lu of %lu)", path, i + 1, n);
		if (close(fd) < 0)
			wl_fail("close (iteration %lu of %lu)", i + 1, n);
		if (unlink(path) < 0)
			wl_fail("unlink %s (iteration %lu of %lu)", path, i + 1, n);
	}
	return wl_report_since(start);
}
