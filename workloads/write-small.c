/*
 * write-small workload (lsm-perf contract).
 *
 * One operation: pwrite(2) of 1 byte at offset 0 of a 1 byte file in
 * /tmp (tmpfs in kbench's guest, so the data stays in the page cache and no
 * disk is involved) or, without /tmp, in the current folder.
 * The cost is the write path and its permission hook, with almost no copying.
 * pwrite rather than write keeps every operation identical: no seek between
 * writes, and the file never grows, so no page is allocated after set-up.
 *
 * Usage: write-small [iterations]   (default 400000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#define DEFAULT_ITERATIONS 400000UL
#define SIZE 1

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	int fd = wl_scratch_file(SIZE);
	static char buf[SIZE];

	/* Fault the buffer in now, so no page fault lands in the timed loop. */
	memset(buf, 'k', SIZE);
	uint64_t start = wl_now_ns();

	for (unsigned long i = 0; i < n; i++) {
		ssize_t done = pwrite(fd, buf, SIZE, 0);

		if (done != SIZE) {
			if (done >= 0)
				wl_fail_plain("pwrite of %d bytes did only %zd (iteration %lu of %lu)",
					      SIZE, done, i + 1, n);
			wl_fail("pwrite (iteration %lu of %lu)", i + 1, n);
		}
	}
	return wl_report_since(start);
}
