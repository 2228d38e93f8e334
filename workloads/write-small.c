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
#include "fileio.h"

#define DEFAULT_ITERATIONS 400000UL
#define ICOUNT_ITERATIONS 40000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */
#define SIZE 1

int main(int argc, char **argv)
{
	return wl_file_io(1, SIZE, wl_iterations(argc, argv, DEFAULT_ITERATIONS));
}
