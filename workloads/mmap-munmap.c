/*
 * mmap-munmap workload (lsm-perf contract).
 *
 * One operation: mmap(2) of a 64 KiB file, shared and read-only, then
 * munmap(2) of it, without touching the pages. This creates and tears down
 * a VMA backed by a file, which is what the mmap hooks check (a file
 * mapping, unlike an anonymous one, is checked against the file). The file
 * lives in /tmp (tmpfs in kbench's guest) or, without /tmp, the current
 * folder. Page faults are measured apart, by page-fault.
 *
 * Usage: mmap-munmap [iterations]   (default 30000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#include <sys/mman.h>

#define DEFAULT_ITERATIONS 30000UL
#define ICOUNT_ITERATIONS 30000UL
/* under icount too (kbench --scale auto): fewer operations move its instructions/op (+1.8 % at 0.1), and its runs spread by 0.4 % or more there; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */
#define SIZE (64 * 1024)

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	int fd = wl_scratch_file(SIZE);
	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		void *p = mmap(NULL, SIZE, PROT_READ, MAP_SHARED, fd, 0);

		if (p == MAP_FAILED)
			wl_fail("mmap (iteration %lu of %lu)", i + 1, n);
		if (munmap(p, SIZE) < 0)
			wl_fail("munmap (iteration %lu of %lu)", i + 1, n);
	}
	return wl_report_since(start);
}
