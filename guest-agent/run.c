/*
 * Running one program for an R request; see run.h. The agent stays
 * responsive whatever the program does: output is read without blocking,
 * and exit, output and timeout are waited for together in one ppoll().
 */
#define _GNU_SOURCE
#include "run.h"
#include "capture.h"
#include "sigchld.h"
#include "clock.h"
#include "guest_setup.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* What failed in the child between fork and exec, sent over a CLOEXEC pipe. */
enum child_step { STEP_SETPGID, STEP_AFFINITY, STEP_STDIN, STEP_STDOUT, STEP_EXEC };

struct child_failure {
	int step;
	int err;
};

static void close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

/* Reads until len bytes or EOF. Returns the count read, or -1 on error. */
static ssize_t read_full(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static void __attribute__((noreturn)) child_fail(int report_fd, enum child_step step)
{
	struct child_failure f = { .step = step, .err = errno };

	/* Nothing to do if this fails: the parent then sees a normal run. */
	(void)guest_write_all(report_fd, &f, sizeof f);
	_exit(127);
}

static int pin_to_cpu(int32_t cpu)
{
	cpu_set_t set;

	if (cpu >= CPU_SETSIZE) {
		errno = EINVAL;
		return -1;
	}
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof set, &set);
}

/* In the child: set up the process as the protocol promises, then exec. */
static void __attribute__((noreturn)) exec_child(const struct run_request *run,
						 int out_w, int err_w, int report_w)
{
	sigset_t none;

	/* The agent's signal state must not leak into the program: a blocked
	 * SIGCHLD or ignored SIGPIPE survives exec. */
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);

	/* Own process group, so a timeout can kill the program's children too. */
	if (setpgid(0, 0) < 0)
		child_fail(report_w, STEP_SETPGID);
	if (run->cpu >= 0 && pin_to_cpu(run->cpu) < 0)
		child_fail(report_w, STEP_AFFINITY);

	int null = open("/dev/null", O_RDONLY);

	if (null < 0 || dup2(null, STDIN_FILENO) < 0)
		child_fail(report_w, STEP_STDIN);
	if (null != STDIN_FILENO)
		close(null);
	/* The pipe fds are CLOEXEC; the dup2'ed copies are not. */
	if (dup2(out_w, STDOUT_FILENO) < 0 || dup2(err_w, STDERR_FILENO) < 0)
		child_fail(report_w, STEP_STDOUT);
	execv(run->argv[0], run->argv);
	child_fail(report_w, STEP_EXEC);
}

static void describe_failure(const struct child_failure *f, const struct run_request *run,
			     char *text, size_t size)
{
	const char *why = strerror(f->err);

	switch (f->step) {
	case STEP_SETPGID:
		snprintf(text, size, "setpgid: %s", why);
		break;
	case STEP_AFFINITY:
		snprintf(text, size, "sched_setaffinity to cpu %d: %s", (int)run->cpu, why);
		break;
	case STEP_STDIN:
		snprintf(text, size, "stdin from /dev/null: %s", why);
		break;
	case STEP_STDOUT:
		snprintf(text, size, "redirecting stdout/stderr: %s", why);
		break;
	default:
		snprintf(text, size, "exec %s: %s", run->argv[0], why);
		break;
	}
}

/*
 * Reaps the program if it has exited: 1 reaped, 0 still running, -1 when waitpid
 * fails (text[] says so). Only ever waits for this pid, so the status of the program
 * cannot be lost to the orphan reaper; a failure has no status to report, and a
 * made-up one (0) would pass for a run that succeeded.
 */
static int try_reap(pid_t pid, struct run_result *res, char *text, size_t size)
{
	pid_t got;

	do
		got = waitpid(pid, &res->status, WNOHANG);
	while (got < 0 && errno == EINTR);
	if (got == pid)
		return 1;
	if (got < 0) {
		snprintf(text, size, "run: waitpid %d: %s; its exit status is lost", (int)pid, strerror(errno));
		return -1;
	}
	return 0;
}

static void wait_blocking(pid_t pid)
{
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

static struct timespec *time_left(uint64_t deadline, struct timespec *ts)
{
	if (!deadline)
		return NULL;
	uint64_t now = monotonic_ns();
	uint64_t left = deadline > now ? deadline - now : 0;

	ts->tv_sec = (time_t)(left / 1000000000u);
	ts->tv_nsec = (long)(left % 1000000000u);
	return ts;
}

/*
 * Collects output until the program exits, killing its process group at the
 * deadline (0: none). SIGCHLD arrives through sigchld_fd, or ends ppoll() with
 * EINTR, so that one ppoll() waits for output, exit and timeout together. 0 once
 * reaped; -1 with text[] set when the wait itself fails, the program then killed:
 * an error that does not pass (EFAULT, EINVAL, ENOMEM) would be retried for ever.
 */
static int supervise(pid_t pid, uint64_t deadline, struct run_result *res, char *text, size_t size)
{
	for (;;) {
		struct pollfd fds[3] = {
			{ .fd = res->out.fd, .events = POLLIN },
			{ .fd = res->err.fd, .events = POLLIN },
			{ .fd = sigchld_fd(), .events = POLLIN }, /* -1 (ignored) without signalfd */
		};
		struct timespec ts;
		int n = ppoll(fds, 3, time_left(deadline, &ts), sigchld_ppoll_mask());

		if (n < 0 && errno != EINTR) {
			snprintf(text, size, "run: waiting for pid %d: ppoll: %s; the program was killed",
				 (int)pid, strerror(errno));
			kill(-pid, SIGKILL);
			wait_blocking(pid);
			return -1;
		}
		if (n > 0 && fds[0].revents)
			capture_read(&res->out);
		if (n > 0 && fds[1].revents)
			capture_read(&res->err);
		bool exited = sigchld_fd() >= 0 ? n > 0 && fds[2].revents : n < 0;

		if (exited) {
			sigchld_discard();
			int reaped = try_reap(pid, res, text, size);

			if (reaped != 0) {
				if (reaped < 0)
					kill(-pid, SIGKILL);
				return reaped > 0 ? 0 : -1;
			}
		}
		if (deadline && monotonic_ns() >= deadline) {
			kill(-pid, SIGKILL);
			res->timed_out = true;
			deadline = 0;
		}
	}
}

int run_init(void)
{
	return sigchld_init();
}

int run_program(const struct run_request *run, struct run_result *res, char *text, size_t size)
{
	int out[2] = { -1, -1 }, err[2] = { -1, -1 }, report[2] = { -1, -1 };

	if (capture_pipe(out) < 0 || capture_pipe(err) < 0 ||
	    pipe2(report, O_CLOEXEC) < 0) {
		snprintf(text, size, "run: pipe: %s", strerror(errno));
		goto fail;
	}
	sigchld_discard();
	res->timed_out = false;

	uint64_t start = monotonic_ns();
	pid_t pid = fork();

	if (pid < 0) {
		snprintf(text, size, "run: fork: %s", strerror(errno));
		goto fail;
	}
	if (pid == 0)
		exec_child(run, out[1], err[1], report[1]);
	close_fd(&out[1]);
	close_fd(&err[1]);
	close_fd(&report[1]);

	/* EOF means exec succeeded (the CLOEXEC pipe closed). This also
	 * guarantees setpgid() happened before any kill(-pid). */
	struct child_failure failure;
	ssize_t n = read_full(report[0], &failure, sizeof failure);

	close_fd(&report[0]);
	if (n == (ssize_t)sizeof failure) {
		wait_blocking(pid);
		describe_failure(&failure, run, text, size);
		goto fail;
	}

	capture_init(&res->out, out[0]);
	capture_init(&res->err, err[0]);
	out[0] = err[0] = -1; /* the captures own them now */
	int supervised = supervise(pid, run->timeout_ms ? start + run->timeout_ms * 1000000ull : 0, res, text, size);

	res->wall_ns = monotonic_ns() - start;
	/* Leave nothing behind to disturb the next measurement. */
	kill(-pid, SIGKILL);
	capture_drain(&res->out, &res->err);
	if (supervised < 0)
		return -1;
	if (res->out.truncated || res->err.truncated)
		capture_note_truncation(&res->err);
	return 0;

fail:
	for (int i = 0; i < 2; i++) {
		close_fd(&out[i]);
		close_fd(&err[i]);
		close_fd(&report[i]);
	}
	return -1;
}
