/*
 * eventfd workload (lsm-perf contract).
 *
 * One operation: write(2) of the 8-byte value 1 to an eventfd, i.e. one
 * trip through the write path of a file that has no backing storage, where
 * the cost is the syscall and its security hooks.
 *
 * Usage: eventfd [iterations]   (default 1000000)
 * Prints one line on stdout: the process CPU time taken by all iterations,
 * in microseconds, as an integer. Exits 1 with a message on stderr if any
 * write fails.
 */
#include "workload.h" /* first: it defines _GNU_SOURCE; used for kbench explain's window only */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_ITERATIONS 1000000UL
#define ICOUNT_ITERATIONS 100000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: us-cpu (what the one integer counts; the Makefile lists it in UNITS) */

static unsigned long parse_iterations(int argc, char **argv)
{
	if (argc < 2)
		return DEFAULT_ITERATIONS;

	char *end;
	errno = 0;
	unsigned long n = strtoul(argv[1], &end, 10);

	/* strtoul accepts "-1"; a count must be a plain positive number. */
	if (errno || end == argv[1] || *end != '\0' || argv[1][0] == '-' || n == 0) {
		fprintf(stderr, "eventfd: bad iteration count '%s'\n", argv[1]);
		exit(1);
	}
	return n;
}

int main(int argc, char **argv)
{
	unsigned long iterations = parse_iterations(argc, argv);
	int fd = eventfd(0, EFD_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "eventfd: eventfd: %s\n", strerror(errno));
		return 1;
	}

	const uint64_t one = 1;
	wl_window_prepare();
	clock_t start = clock();

	wl_window_open();

	for (unsigned long i = 0; i < iterations; i++) {
		if (write(fd, &one, sizeof one) != (ssize_t)sizeof one) {
			fprintf(stderr, "eventfd: write %lu of %lu: %s\n", i + 1, iterations,
				strerror(errno));
			return 1;
		}
	}
	wl_window_close();
	clock_t end = clock();

	if (start == (clock_t)-1 || end == (clock_t)-1) {
		fprintf(stderr, "eventfd: clock() unavailable\n");
		return 1;
	}
	printf("%lld\n", (long long)(end - start) * 1000000LL / CLOCKS_PER_SEC);
	return 0;
}
