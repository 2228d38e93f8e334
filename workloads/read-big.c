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
#include "fileio.h"

#define DEFAULT_ITERATIONS 8000UL
#define ICOUNT_ITERATIONS 3100UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */
#define SIZE 65536

int main(int argc, char **argv)
{
	return wl_file_io(0, SIZE, wl_iterations(argc, argv, DEFAULT_ITERATIONS));
}
