/*
 * fstat workload (lsm-perf contract).
 *
 * One operation: the fstat(2) system call on an open file: the getattr hook
 * and the copy of struct stat to user space, with no path walk (compare
 * with stat). The file lives in /tmp (tmpfs in kbench's guest) or, without
 * /tmp, the current folder.
 *
 * glibc 2.33 and later implement fstat() as newfstatat(fd, "", AT_EMPTY_PATH),
 * which on many kernels (Debian 12's 6.1 among them) first copies and looks
 * up the empty path name: under TCG that made "fstat" cost as much as stat.
 * This program makes the fstat system call itself, so it measures the
 * descriptor-based path whatever the C library. (On x86-64 the kernel's
 * struct stat and glibc's have the same layout.)
 *
 * Usage: fstat [iterations]   (default 600000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#include <sys/syscall.h>

#define DEFAULT_ITERATIONS 600000UL
#define ICOUNT_ITERATIONS 95000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	int fd = wl_scratch_file(1);
	struct stat st;
	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		if (syscall(SYS_fstat, fd, &st) < 0)
			wl_fail("fstat (iteration %lu of %lu)", i + 1, n);
	}
	return wl_report_since(start);
}
