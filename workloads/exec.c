/*
 * exec workload (lsm-perf contract).
 *
 * One operation: fork(2), execve(2) of this same static program with the
 * flag --kbench-exec-child (which makes it exit 0 at once), and waitpid(2)
 * for it. Beyond fork, this loads an ELF binary: opening and mapping it,
 * replacing the address space and computing the new credentials, where
 * security modules check and label a program's execution.
 * The program re-executes itself through the path /proc/self/exe names
 * (argv[0] where /proc is not mounted).
 *
 * Usage: exec [iterations]   (default 150)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#include <limits.h>

#define DEFAULT_ITERATIONS 150UL
#define ICOUNT_ITERATIONS 150UL
/* under icount too (kbench --scale auto): its runs spread by 0.08 % already, 0.35 % at 0.3; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */
#define CHILD_FLAG "--kbench-exec-child"

extern char **environ;

/*
 * This program's own path, resolved once so every operation executes the
 * same file by the same path and does not go through procfs each time.
 */
static const char *own_path(const char *argv0)
{
	static char path[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", path, sizeof path - 1);

	if (len > 0) {
		path[len] = '\0';
		return path;
	}
	if (strchr(argv0, '/') == NULL)
		wl_fail("readlink /proc/self/exe, and argv[0] '%s' is no path", argv0);
	return argv0;
}

/* In the child: become a fresh copy of this program, or report why not. */
static void __attribute__((noreturn)) exec_self(const char *path)
{
	char *child_argv[] = { (char *)path, CHILD_FLAG, NULL };

	execve(path, child_argv, environ);
	/* Only stderr: the parent turns the exit status into the failure. */
	fprintf(stderr, "exec: execve %s: %s\n", path, strerror(errno));
	_exit(127);
}

int main(int argc, char **argv)
{
	/* The executed child: done as soon as it runs. */
	if (argc == 2 && strcmp(argv[1], CHILD_FLAG) == 0)
		_exit(0);

	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	const char *path = own_path(argv[0]);
	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		pid_t child = fork();

		if (child < 0)
			wl_fail("fork (iteration %lu of %lu)", i + 1, n);
		if (child == 0)
			exec_self(path);
		wl_reap(child, i, n);
	}
	return wl_report_since(start);
}
