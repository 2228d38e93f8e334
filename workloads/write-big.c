/*
 * write-big workload (lsm-perf contract).
 *
 * One operation: pwrite(2) of 64 KiB at offset 0 of a 64 KiB file in
 * /tmp (tmpfs in kbench's guest, so the data stays in the page cache and no
 * disk is involved) or, without /tmp, in the current folder.
 * The cost adds copying 16 pages from user space into the page cache.
 * pwrite rather than write keeps every operation identical: no seek between
 * writes, and the file never grows, so no page is allocated after set-up.
 *
 * Usage: write-big [iterations]   (default 8000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "fileio.h"

#define DEFAULT_ITERATIONS 8000UL
#define ICOUNT_ITERATIONS 800UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */
#define SIZE 65536

int main(int argc, char **argv)
{
	return wl_file_io(1, SIZE, wl_iterations(argc, argv, DEFAULT_ITERATIONS));
}
