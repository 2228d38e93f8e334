/*
 * context-switch workload (lsm-perf contract).
 *
 * One operation: one round trip of a 1-byte token between two processes over
 * two pipes (parent writes, child reads and writes back, parent reads), with
 * both processes pinned to the same CPU, the one this program started on.
 * Since they share a CPU, every round trip is two context switches between
 * address spaces, plus two pipe writes and two pipe reads (which pass the
 * file permission hook) and the wake-ups; no idle CPU is involved.
 *
 * Usage: context-switch [iterations]   (default 12000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#include <sched.h>

#define DEFAULT_ITERATIONS 12000UL
#define ICOUNT_ITERATIONS 12000UL
/* under icount too (kbench --scale auto): fewer operations lower its instructions/op (-4.5 % at 0.3); benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

/* Pins this process (and so the child it forks later) to the CPU it runs on. */
static void pin_to_current_cpu(void)
{
	int cpu = sched_getcpu();
	cpu_set_t set;

	if (cpu < 0)
		wl_fail("sched_getcpu");
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof set, &set) < 0)
		wl_fail("sched_setaffinity to cpu %d", cpu);
}

/* One trip of the token: write it to `out`, wait for it on `in`. */
static int round_trip(int out, int in)
{
	char token = 'k';

	if (write(out, &token, 1) != 1)
		return -1;
	/* 0 means the other side is gone: report that as a failure too. */
	return read(in, &token, 1) == 1 ? 0 : -1;
}

/* The child: echo the token back until the parent closes its pipe. */
static void __attribute__((noreturn)) echo(int in, int out)
{
	char token;
	ssize_t got;

	while ((got = read(in, &token, 1)) == 1) {
		if (write(out, &token, 1) != 1) {
			fprintf(stderr, "context-switch: child write: %s\n", strerror(errno));
			_exit(1);
		}
	}
	if (got < 0) {
		fprintf(stderr, "context-switch: child read: %s\n", strerror(errno));
		_exit(1);
	}
	_exit(0); /* end of file: the parent is done */
}

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	int to_child[2], to_parent[2];

	pin_to_current_cpu();
	if (pipe(to_child) < 0 || pipe(to_parent) < 0)
		wl_fail("pipe");

	pid_t child = fork();

	if (child < 0)
		wl_fail("fork");
	if (child == 0) {
		close(to_child[1]);
		close(to_parent[0]);
		echo(to_child[0], to_parent[1]);
	}
	close(to_child[0]);
	close(to_parent[1]);

	/* One untimed trip, so the child is running and waiting when the clock starts. */
	if (round_trip(to_child[1], to_parent[0]) < 0)
		wl_fail("first round trip");

	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		if (round_trip(to_child[1], to_parent[0]) < 0)
			wl_fail("round trip %lu of %lu", i + 1, n);
	}
	uint64_t end = wl_stop_ns();

	close(to_child[1]); /* the child sees end of file and exits */
	wl_reap(child, n - 1, n);
	return wl_report_ns(end - start);
}
