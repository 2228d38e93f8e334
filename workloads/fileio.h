/*
 * The body shared by read-small, read-big, write-small and write-big: one pread(2) or
 * pwrite(2) of SIZE bytes at offset 0 of a SIZE-byte scratch file, N times. Positioned I/O
 * keeps every operation identical: no seek in between, a read never hits end-of-file and a
 * write never grows the file. Static inline, like workload.h: each workload stays one .c file.
 */
#ifndef KBENCH_FILEIO_H
#define KBENCH_FILEIO_H

#include "workload.h"

#define WL_FILEIO_MAX 65536

static inline int wl_file_io(int writing, size_t size, unsigned long n)
{
	static char buf[WL_FILEIO_MAX];
	const char *call = writing ? "pwrite" : "pread";
	int fd = wl_scratch_file(size);

	if (size > WL_FILEIO_MAX)
		wl_fail_plain("%s of %zu bytes is more than %d", call, size, WL_FILEIO_MAX);
	/* Fault the buffer in now, so no page fault lands in the timed loop. */
	memset(buf, 'k', size);
	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		ssize_t done = writing ? pwrite(fd, buf, size, 0) : pread(fd, buf, size, 0);

		if (done != (ssize_t)size) {
			if (done >= 0)
				wl_fail_plain("%s of %zu bytes did only %zd (iteration %lu of %lu)",
					      call, size, done, i + 1, n);
			wl_fail("%s (iteration %lu of %lu)", call, i + 1, n);
		}
	}
	return wl_report_since(start);
}

#endif
