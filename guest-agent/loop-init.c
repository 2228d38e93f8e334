/*
 * kbench-loop-init: the harness-noise baseline (docs/statistics.md).
 *
 * As PID 1 it does the agent's machine set-up, then runs one workload COUNT
 * times with no agent, no channel and no host traffic, pinned to CPU 0 as the
 * agent pins it, prints each run's output on the console and powers off. The
 * same workload through the agent shows what the agent adds to the spread of
 * runs. Given on the kernel command line: kbench.loop=PROGRAM:ARG:COUNT.
 */
#define _GNU_SOURCE
#include "guest_setup.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define OUTPUT_MAX 256

/* Runs PROGRAM ARG once on CPU 0; its stdout (cut at OUTPUT_MAX) goes to out. */
static int run_once(const char *program, const char *arg, char *out)
{
	int pipefd[2];

	if (pipe(pipefd) < 0)
		return -1;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(0, &set);
		sched_setaffinity(0, sizeof set, &set);
		dup2(pipefd[1], STDOUT_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		execl(program, program, arg, (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	size_t used = 0;

	for (;;) {
		ssize_t n = read(pipefd[0], out + used, OUTPUT_MAX - 1 - used);

		if (n > 0 && used + (size_t)n < OUTPUT_MAX - 1) {
			used += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		break;
	}
	close(pipefd[0]);
	out[used] = '\0';
	out[strcspn(out, "\n")] = '\0';
	int status;

	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int main(void)
{
	char spec[512], output[OUTPUT_MAX];

	guest_set_log_name("kbench-loop-init");
	if (getpid() != 1) {
		guest_log("must run as PID 1 of a kbench guest");
		return 2;
	}
	guest_setup();
	guest_marker(GUEST_MARKER_START);
	char *program = spec, *arg, *count;

	if (!guest_cmdline_param("kbench.loop", spec, sizeof spec) || !(arg = strchr(program, ':'))
	    || !(count = strchr(arg + 1, ':'))) {
		guest_log("no kbench.loop=PROGRAM:ARG:COUNT on the kernel command line");
		guest_power_off_or_hang();
	}
	*arg++ = '\0';
	*count++ = '\0';
	int runs = atoi(count);

	for (int i = 0; i < runs; i++) {
		if (run_once(program, arg, output) < 0) {
			guest_log("run %d: %s failed", i, program);
			break;
		}
		guest_log("run %d: %s", i, output);
	}
	guest_log("done");
	guest_power_off_or_hang();
}
