/*
 * unix-send-recv workload (lsm-perf contract).
 *
 * One operation: send(2) of a 64-byte message on one end of an AF_UNIX
 * stream socketpair and recv(2) of it from the other end, in one process:
 * the socket send and receive paths with their security hooks, without a
 * context switch (context-switch measures that apart).
 *
 * Usage: unix-send-recv [iterations]   (default 150000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#include <sys/socket.h>

#define DEFAULT_ITERATIONS 150000UL
#define ICOUNT_ITERATIONS 57000UL
/* under icount (kbench --scale auto): instructions/op within 0.1 % of the default count's; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */
#define MESSAGE 64

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	int sv[2];
	char out[MESSAGE], in[MESSAGE];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0)
		wl_fail("socketpair(AF_UNIX, SOCK_STREAM)");
	memset(out, 'k', sizeof out);

	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		if (send(sv[0], out, MESSAGE, 0) != MESSAGE)
			wl_fail("send (iteration %lu of %lu)", i + 1, n);
		/* The socket held nothing before, so the whole message is there. */
		if (recv(sv[1], in, MESSAGE, 0) != MESSAGE)
			wl_fail("recv (iteration %lu of %lu)", i + 1, n);
	}
	return wl_report_since(start);
}
