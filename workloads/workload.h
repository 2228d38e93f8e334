/*
 * Helpers shared by the workloads (lsm-perf's contract: run one operation N
 * times, print ONE integer on stdout, exit 1 with a reason on stderr if any
 * syscall fails).
 *
 * Only static inline functions: every workload stays one .c file that the
 * Makefile compiles on its own, with no library to link.
 *
 * The new workloads print the total elapsed CLOCK_MONOTONIC nanoseconds of
 * all N operations, not a per-operation figure, so no precision is lost to
 * integer division; the reader divides by N.
 */
#ifndef KBENCH_WORKLOAD_H
#define KBENCH_WORKLOAD_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* program_invocation_short_name, sched_getcpu, CPU_SET */
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Prints "NAME: WHAT" on stderr and exits 1; never returns. */
static inline void __attribute__((noreturn, format(printf, 1, 2)))
wl_fail_plain(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* Like wl_fail_plain, with ": strerror(errno)" appended: for failed syscalls. */
static inline void __attribute__((noreturn, format(printf, 1, 2)))
wl_fail(const char *fmt, ...)
{
	int err = errno; /* the stdio calls below may change errno */
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(err));
	exit(1);
}

/*
 * The iteration count: argv[1] if given, else the workload's default.
 * Only a plain positive decimal number is accepted (strtoul alone would take
 * "-1" or "12abc"); anything else is an error, not a silent default.
 */
static inline unsigned long wl_iterations(int argc, char **argv, unsigned long fallback)
{
	if (argc < 2)
		return fallback;
	if (argc > 2)
		wl_fail_plain("takes at most one argument, the iteration count");

	const char *arg = argv[1];
	char *end;

	errno = 0;
	unsigned long n = strtoul(arg, &end, 10);

	if (errno || end == arg || *end != '\0' || arg[0] < '0' || arg[0] > '9' || n == 0)
		wl_fail_plain("bad iteration count '%s' (want a positive integer)", arg);
	return n;
}

/* CLOCK_MONOTONIC in nanoseconds: immune to wall-clock steps during a run. */
static inline uint64_t wl_now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		wl_fail("clock_gettime(CLOCK_MONOTONIC)");
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * kbench explain's window (docs/explain.md): with KBENCH_WINDOW in the environment, which
 * kbench's agent sets only as PID 1 of a guest booted with kbench.window=on, the timed
 * region is bracketed by two writes to I/O port 0xf5, which kbench's TCG plugin counts
 * between, function by function. The port is written with a constant operand (E6 F5, the
 * form the plugin recognises). The permission is held only around each write: a task with
 * an I/O bitmap pays for it on every return to user mode, which would change the very
 * counts being explained.
 */
#define WL_WINDOW_PORT 0xf5

/* Whether to write the window; the first call (before the start time) takes the port. */
static inline int wl_window_prepare(void)
{
	static int allowed = -1;

	if (allowed < 0)
		allowed = getenv("KBENCH_WINDOW") != NULL && ioperm(WL_WINDOW_PORT, 1, 1) == 0;
	return allowed;
}

/* Opens the window right after the start time was read, and gives the port up. */
static inline void wl_window_open(void)
{
	if (wl_window_prepare()) {
		outb(0, WL_WINDOW_PORT);
		ioperm(WL_WINDOW_PORT, 1, 0);
	}
}

/* Closes the window right before the end time is read (no window if the port is refused now). */
static inline void wl_window_close(void)
{
	if (wl_window_prepare() && ioperm(WL_WINDOW_PORT, 1, 1) == 0)
		outb(0, WL_WINDOW_PORT);
}

/* The start of the timed region: CLOCK_MONOTONIC in ns, the window opened after it. */
static inline uint64_t wl_start_ns(void)
{
	wl_window_prepare();
	uint64_t start = wl_now_ns();

	wl_window_open();
	return start;
}

/* The end of the timed region: the window closed, then CLOCK_MONOTONIC in ns. */
static inline uint64_t wl_stop_ns(void)
{
	wl_window_close();
	return wl_now_ns();
}

/* The one line of output: a number of nanoseconds. */
static inline int wl_report_ns(uint64_t elapsed)
{
	if (printf("%llu\n", (unsigned long long)elapsed) < 0 || fflush(stdout) == EOF)
		wl_fail("writing the result to stdout");
	return 0;
}

/* The one line of output: the elapsed nanoseconds since start (wl_start_ns). */
static inline int wl_report_since(uint64_t start_ns)
{
	return wl_report_ns(wl_stop_ns() - start_ns);
}

/*
 * The folder for scratch files: /tmp (a tmpfs in kbench's guest, so file
 * operations measure the VFS and the security hooks, not a disk), or the
 * current folder where there is no writable /tmp.
 */
static inline const char *wl_scratch_dir(void)
{
	struct stat st;

	if (stat("/tmp", &st) == 0 && S_ISDIR(st.st_mode) && access("/tmp", W_OK) == 0)
		return "/tmp";
	return ".";
}

/* The scratch file's path, kept for the atexit handler below. */
static inline char *wl_scratch_path(void)
{
	static char path[256];

	return path;
}

static inline void wl_remove_scratch(void)
{
	if (wl_scratch_path()[0])
		unlink(wl_scratch_path());
}

/*
 * Names a scratch file (or socket) for this process in the scratch folder and
 * makes sure it is removed at exit, also when the workload fails, so runs on
 * a host leave nothing behind. Returns the path (wl_scratch_path()).
 */
static inline const char *wl_scratch_name(void)
{
	char *path = wl_scratch_path();

	snprintf(path, 256, "%s/kbench-%s-%ld", wl_scratch_dir(), program_invocation_short_name,
		 (long)getpid());
	atexit(wl_remove_scratch);
	return path;
}

/*
 * Creates a scratch file of `size` bytes (written, so its pages exist and
 * later reads do not hit holes), opened read-write, removed at exit.
 * Returns the descriptor; the path is wl_scratch_path().
 */
static inline int wl_scratch_file(size_t size)
{
	const char *path = wl_scratch_name();
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0) {
		wl_scratch_path()[0] = '\0'; /* not ours: do not remove it */
		wl_fail("creating a scratch file in %s", wl_scratch_dir());
	}

	char block[4096];

	memset(block, 'k', sizeof block);
	for (size_t done = 0; done < size;) {
		size_t chunk = size - done < sizeof block ? size - done : sizeof block;
		ssize_t n = write(fd, block, chunk);

		if (n <= 0)
			wl_fail("filling scratch file %s", path);
		done += (size_t)n;
	}
	return fd;
}

/* Raises the soft limit on open files to at least `wanted` (up to the hard limit). */
static inline void wl_need_fds(rlim_t wanted)
{
	struct rlimit lim;

	if (getrlimit(RLIMIT_NOFILE, &lim) < 0)
		wl_fail("getrlimit(RLIMIT_NOFILE)");
	if (lim.rlim_cur >= wanted)
		return;
	if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < wanted)
		wl_fail_plain("needs %llu open files but the hard limit is %llu",
			      (unsigned long long)wanted, (unsigned long long)lim.rlim_max);
	lim.rlim_cur = wanted;
	if (setrlimit(RLIMIT_NOFILE, &lim) < 0)
		wl_fail("setrlimit(RLIMIT_NOFILE, %llu)", (unsigned long long)wanted);
}

/*
 * Waits for `child`, the one of operation i (0-based) of n, and fails unless
 * it exited with status 0. Nothing is formatted unless it failed: this runs
 * inside timed loops.
 */
static inline void wl_reap(pid_t child, unsigned long i, unsigned long n)
{
	int status;

	if (waitpid(child, &status, 0) != child)
		wl_fail("waitpid (iteration %lu of %lu)", i + 1, n);
	if (WIFSIGNALED(status))
		wl_fail_plain("child killed by signal %d (iteration %lu of %lu)", WTERMSIG(status),
			      i + 1, n);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		wl_fail_plain("child exited with status %d (iteration %lu of %lu)",
			      WEXITSTATUS(status), i + 1, n);
}

#endif
