/*
 * read-big workload (lsm-perf contract).
 *
 * One operation: pread(2) of 64 KiB at offset 0 of a 64 KiB file in
 * /tmp (tmpfs in kbench's guest, so the data stays in the page cache and no
 * disk is involved) or, without /tmp, in the current folder.
 * The cost adds copying 16 pages from the page cache to user space.
 * pread rather than read keeps every operation identical: no seek between
 * reads, and every read returns data, never end-of-file.
 *
 * Usage: read-big [iterations]   (default 8000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#define DEFAULT_ITERATIONS 8000UL
#define SIZE 65536

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	int fd = wl_scratch_file(SIZE);
	static char buf[SIZE];

	/* Fault the buffer in now, so no page fault lands in the timed loop. */
	memset(buf, 'k', SIZE);
	uint64_t start = wl_now_ns();

	for (unsigned long i = 0; i < n; i++) {
		ssize_t done = pread(fd, buf, SIZE, 0);

		if (done != SIZE) {
			if (done >= 0)
				wl_fail_plain("pread of %d bytes did only %zd (iteration %lu of %lu)",
					      SIZE, done, i + 1, n);
			wl_fail("pread (iteration %lu of %lu)", i + 1, n);
		}
	}
	return wl_report_since(start);
}
