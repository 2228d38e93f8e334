/*
 * Serving requests on the channel; see serve.h. Each request gets exactly
 * one reply with its id, whatever its body holds. Ping, run and power off
 * are answered here; a W (a file the host installs) in write_request.c.
 */
#define _GNU_SOURCE
#include "serve.h"
#include "frame.h"
#include "guest_setup.h"
#include "run.h"
#include "warm.h"
#include "write_request.h"
#include "read_file_request.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* The R bodies of docs/agent-protocol.md: run.c runs programs, the wire is here. */
#define RUN_HEADER_SIZE 8 /* i32 cpu, u32 timeout_ms */
#define RUN_REPLY_HEADER_SIZE 21 /* i32, i32, u64, u8, u32 */

/* virtio-serial reads return EOF while no host is connected; poll gently. */
#define EOF_RETRY_MS 100

/* Large buffers live in static storage: PID 1 should not depend on a big stack. */
static struct request req;
static struct run_result result;
static struct warm_cpu warm;

/*
 * Validates a run body and builds argv pointing into it. Returns NULL, or a
 * reason for the E reply. On success run->argv must be freed.
 */
static const char *parse_run(unsigned char *body, size_t len, struct run_request *run)
{
	if (len < RUN_HEADER_SIZE)
		return "run: body shorter than its 8-byte header";
	run->cpu = (int32_t)get_be32(body);
	run->timeout_ms = get_be32(body + 4);

	char *args = (char *)body + RUN_HEADER_SIZE;
	size_t args_len = len - RUN_HEADER_SIZE;

	if (args_len == 0)
		return "run: no argv";
	if (args[args_len - 1] != '\0')
		return "run: last argument is not NUL-terminated";
	if (args[0] == '\0')
		return "run: empty program path";

	size_t argc = 0;

	for (size_t i = 0; i < args_len; i++)
		argc += args[i] == '\0';
	run->argv = calloc(argc + 1, sizeof *run->argv);
	if (!run->argv)
		return "run: out of memory";
	for (size_t i = 0, pos = 0; i < argc; i++) {
		run->argv[i] = args + pos;
		pos += strlen(args + pos) + 1;
	}
	return NULL;
}

static void send_run_reply(struct channel *ch, uint32_t id, struct run_result *res)
{
	unsigned char head[RUN_REPLY_HEADER_SIZE];
	bool signalled = WIFSIGNALED(res->status);

	put_be32(head, signalled ? (uint32_t)-1 : (uint32_t)WEXITSTATUS(res->status));
	put_be32(head + 4, signalled ? (uint32_t)WTERMSIG(res->status) : 0);
	put_be64(head + 8, res->wall_ns);
	head[16] = res->timed_out;
	put_be32(head + 17, (uint32_t)res->out.len);

	struct iovec body[3] = {
		{ head, sizeof head },
		{ res->out.data, res->out.len },
		{ res->err.data, res->err.len },
	};

	send_frame(ch, id, TYPE_RUN, body, 3);
}

#ifdef KBENCH_FUZZ_NO_EXEC
/*
 * Fuzz builds (make fuzz, make afl): a run request is parsed and answered as
 * if its program had printed its argv and exited 0, but nothing is executed,
 * so a fuzzer's inputs cannot start programs on the host.
 */
static int run_program_fuzz(const struct run_request *run, struct run_result *res)
{
	memset(res, 0, sizeof *res);
	for (char **arg = run->argv; *arg; arg++) {
		size_t n = strlen(*arg);

		if (n > OUTPUT_CAP - res->out.len - 1)
			n = OUTPUT_CAP - res->out.len - 1;
		memcpy(res->out.data + res->out.len, *arg, n);
		res->out.len += n;
		res->out.data[res->out.len++] = '\n';
		if (res->out.len >= OUTPUT_CAP - 1)
			break;
	}
	return 0;
}
#endif

static void handle_run(struct channel *ch, struct request *r)
{
	struct run_request run = { 0 };
	const char *bad = parse_run(r->body, r->body_len, &run);
	char text[512];

	if (bad)
		send_error(ch, r->id, "%s", bad);
#ifdef KBENCH_FUZZ_NO_EXEC
	else if (run_program_fuzz(&run, &result) < 0)
#else
	else if (run_program(&run, &result, text, sizeof text) < 0)
#endif
		send_error(ch, r->id, "%s", text);
	else
		send_run_reply(ch, r->id, &result);
	free(run.argv);
}

static void handle_quit(struct channel *ch, uint32_t id)
{
	send_frame(ch, id, TYPE_QUIT, NULL, 0);
	if (ch->stdio)
		exit(0);
	/* A UART sends from a kernel buffer; let the reply out before power off. */
	if (ch->tty)
		tcdrain(ch->fd);
	guest_power_off();
	/* Still here: the kernel refused. Keep serving rather than exit. */
}

static void handle_request(struct channel *ch, struct request *r)
{
	if (r->oversized) {
		send_error(ch, r->id, "request of %u bytes exceeds the %u-byte limit",
			   r->length, REQUEST_MAX_LENGTH);
		return;
	}
	switch (r->type) {
	case TYPE_PING: {
		struct iovec body = { r->body, r->body_len };

		send_frame(ch, r->id, TYPE_PING, &body, 1);
		break;
	}
	case TYPE_RUN:
		handle_run(ch, r);
		break;
	case TYPE_QUIT:
		handle_quit(ch, r->id);
		break;
	case TYPE_WRITE:
		handle_write(ch, r);
		break;
	case TYPE_READ_FILE:
		handle_read_file(ch, r);
		break;
	default:
		if (r->type >= 0x20 && r->type < 0x7f)
			send_error(ch, r->id, "unknown request type '%c'", r->type);
		else
			send_error(ch, r->id, "unknown request type 0x%02x", r->type);
		break;
	}
}

/*
 * As PID 1 the agent inherits every orphan. Collect them before serving each
 * request, so that none is left in the process table when a program starts.
 */
static void reap_orphans(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/* The host went away (EOF) or the read failed. Returns only in the guest. */
static void host_gone(struct channel *ch, enum io_status st)
{
	if (ch->stdio) {
		if (st == IO_EOF)
			exit(0);
		guest_log("reading requests: %s", strerror(errno));
		exit(1);
	}
	if (st == IO_ERROR)
		guest_log("reading requests: %s", strerror(errno));
	chan_drop_input(ch);
	guest_sleep_ms(EOF_RETRY_MS);
}

/* The CPU a run request pins its program to, or -1 (not a run, not pinned, malformed). */
static int pinned_cpu(const struct request *r)
{
	if (r->type != TYPE_RUN || r->oversized || r->body_len < RUN_HEADER_SIZE)
		return -1;
	int32_t cpu = (int32_t)get_be32(r->body);

	return cpu >= 0 ? cpu : -1;
}

void serve(struct channel *ch)
{
	warm_init(&warm, ch);
	for (;;) {
		warm_wait(&warm, ch);
		enum io_status st = read_request(ch, &req);

		if (st != IO_OK) {
			warm_release(&warm);
			warm.cpu = -1;
			host_gone(ch, st);
			continue;
		}
		reap_orphans();
		int cpu = pinned_cpu(&req);

		/* the next program starts from the warm CPU only if it is pinned there */
		if (cpu != warm.cpu)
			warm_release(&warm);
		handle_request(ch, &req);
		warm_release(&warm);
		warm.cpu = cpu;
	}
}
