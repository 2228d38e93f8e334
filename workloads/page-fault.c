/*
 * page-fault workload (lsm-perf contract).
 *
 * One operation: the first write to a fresh anonymous page, i.e. one page
 * fault that allocates and zeroes a page and maps it. Pages are mapped in
 * chunks of CHUNK_PAGES (the last one smaller) with one mmap(2), touched one by one and unmapped
 * with one munmap(2); the mmap and munmap (which frees the pages) are part
 * of the timed loop, spread over the chunk's pages, since a page's life
 * ends there. Transparent huge pages are turned off for the chunk, so each
 * touch faults exactly one 4 KiB page.
 *
 * Usage: page-fault [iterations]   (default 60000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#include <sys/mman.h>

#define DEFAULT_ITERATIONS 60000UL
#define ICOUNT_ITERATIONS 18000UL
/* under icount (kbench --scale auto): within its own noise: its runs spread by 2.7 % at the default count; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */
#define CHUNK_PAGES 256UL

/* Maps `pages` fresh pages, faults each in once and unmaps them. */
static void fault_chunk(size_t page_size, unsigned long pages)
{
	size_t length = pages * page_size;
	char *p = mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		wl_fail("mmap of %zu bytes", length);
	/* EINVAL: a kernel without THP; then every fault is 4 KiB anyway. */
	if (madvise(p, length, MADV_NOHUGEPAGE) < 0 && errno != EINVAL)
		wl_fail("madvise(MADV_NOHUGEPAGE)");
	for (size_t off = 0; off < length; off += page_size)
		((volatile char *)p)[off] = 1;
	if (munmap(p, length) < 0)
		wl_fail("munmap of %zu bytes", length);
}

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	long page_size = sysconf(_SC_PAGESIZE);

	if (page_size <= 0)
		wl_fail("sysconf(_SC_PAGESIZE)");

	uint64_t start = wl_start_ns();

	for (unsigned long done = 0; done < n; done += CHUNK_PAGES)
		fault_chunk((size_t)page_size, n - done < CHUNK_PAGES ? n - done : CHUNK_PAGES);
	return wl_report_since(start);
}
