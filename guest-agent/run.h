/*
 * Running one program as an R request asks (docs/agent-protocol.md): pinned
 * to a CPU, stdin from /dev/null, stdout and stderr captured up to a cap,
 * killed with its process group at the timeout, its wall time measured.
 */
#ifndef KBENCH_RUN_H
#define KBENCH_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OUTPUT_CAP (256u << 10)
/* Its text is part of the protocol: the host recognises it. */
#define TRUNCATION_NOTE "kbench-agent: output truncated\n"

struct run_request {
	int32_t cpu; /* negative: no pinning */
	uint32_t timeout_ms; /* 0: none */
	char **argv;
};

struct capture {
	int fd; /* read end of the pipe; -1 once closed */
	size_t len;
	bool truncated;
	/* Room for the truncation note (and a newline before it) past the cap. */
	unsigned char data[OUTPUT_CAP + sizeof TRUNCATION_NOTE + 1];
};

struct run_result {
	int status; /* as from waitpid */
	bool timed_out;
	uint64_t wall_ns;
	struct capture out, err;
};

/*
 * Once, before the first run: SIGCHLD is blocked and read from a signalfd, or,
 * on a kernel without signalfd (CONFIG_SIGNALFD), caught by a handler inside
 * ppoll() alone, so that waiting for a program is a single ppoll() on its pipes
 * and its exit either way. 0, or -1 with errno set.
 */
int run_init(void);

/*
 * Runs one program to completion. Returns 0 with *res filled in (stderr
 * ending in TRUNCATION_NOTE if either output was cut), or -1 with the
 * reason in text[] when it could not be started or its end could not be
 * waited for (the program is killed then: no exit status is made up).
 */
int run_program(const struct run_request *run, struct run_result *res, char *text, size_t size);

#endif
