/*
 * signal workload (lsm-perf contract).
 *
 * One operation: kill(2) of this process itself with SIGUSR1, the delivery
 * of the signal to an installed handler and the return through
 * rt_sigreturn(2): the permission check on sending a signal (a security
 * module hook) and the signal frame set-up and tear-down.
 *
 * Usage: signal [iterations]   (default 30000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#include <signal.h>

#define DEFAULT_ITERATIONS 30000UL
#define ICOUNT_ITERATIONS 30000UL
/* under icount too (kbench --scale auto): 0.68 is the least for the bias, and at 0.3 its runs spread by 0.5 %; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
	(void)sig;
	caught = 1;
}

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	struct sigaction action = { .sa_handler = on_signal };
	pid_t self = getpid();

	sigemptyset(&action.sa_mask);
	if (sigaction(SIGUSR1, &action, NULL) < 0)
		wl_fail("sigaction(SIGUSR1)");

	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		caught = 0;
		if (kill(self, SIGUSR1) < 0)
			wl_fail("kill(self, SIGUSR1) (iteration %lu of %lu)", i + 1, n);
		/* An unblocked signal to oneself is delivered before kill returns. */
		if (!caught)
			wl_fail_plain("SIGUSR1 not delivered (iteration %lu of %lu)", i + 1, n);
	}
	return wl_report_since(start);
}
