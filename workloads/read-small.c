/*
 * read-small workload (lsm-perf contract).
 *
 * One operation: pread(2) of 1 byte at offset 0 of a 1 byte file in
 * /tmp (tmpfs in kbench's guest, so the data stays in the page cache and no
 * disk is involved) or, without /tmp, in the current folder.
 * The cost is the read path and its permission hook, with almost no copying.
 * pread rather than read keeps every operation identical: no seek between
 * reads, and every read returns data, never end-of-file.
 *
 * Usage: read-small [iterations]   (default 600000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "fileio.h"

#define DEFAULT_ITERATIONS 600000UL
#define ICOUNT_ITERATIONS 60000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */
#define SIZE 1

int main(int argc, char **argv)
{
	return wl_file_io(0, SIZE, wl_iterations(argc, argv, DEFAULT_ITERATIONS));
}
