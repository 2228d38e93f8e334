/*
 * kbench-agent: the guest side of kbench.
 *
 * Runs as PID 1 of a kbench initramfs, sets the guest up, opens the channel
 * to the host (virtio-serial port "kbench.agent", or /dev/ttyS1) and serves
 * requests on it forever: ping, run a program and report its status,
 * output and wall time, power off. The wire format is specified in
 * docs/agent-protocol.md.
 *
 * `kbench-agent --stdio` serves the same protocol on stdin/stdout without
 * touching the machine, so that the host-side tests can exercise it.
 *
 * With `kbench.mode=initrd root=DEVICE` on the kernel command line, PID 1
 * instead loads the modules, mounts the disk image and hands over to its
 * init (initrd.c). `kbench-agent --serve [DEVICE]`, started later inside
 * that image (over SSH), serves on the virtio port kbench.agent (or on
 * DEVICE) without mounting or loading anything.
 *
 * Rules that shape this file: PID 1 must never exit (the kernel panics),
 * so no request and no input may make the agent exit or crash; every
 * request gets exactly one reply with its id; the stream must stay in step
 * whatever the host sends.
 */
#define _GNU_SOURCE
#include "clock.h"
#include "frame.h"
#include "guest_setup.h"
#include "initrd.h"
#include "run.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define AGENT_NAME "kbench-agent"

#define RUN_HEADER_SIZE 8 /* i32 cpu, u32 timeout_ms */
#define RUN_REPLY_HEADER_SIZE 21 /* i32, i32, u64, u8, u32 */

/* virtio-serial reads return EOF while no host is connected; poll gently. */
#define EOF_RETRY_MS 100

/* Large buffers live in static storage: PID 1 should not depend on a big stack. */
static struct channel chan;
static struct request req;
static struct run_result result;

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

static void handle_run(struct channel *ch, struct request *r)
{
	struct run_request run = { 0 };
	const char *bad = parse_run(r->body, r->body_len, &run);
	char text[512];

	if (bad)
		send_error(ch, r->id, "%s", bad);
	else if (run_program(&run, &result, text, sizeof text) < 0)
		send_error(ch, r->id, "%s", text);
	else
		send_run_reply(ch, r->id, &result);
	free(run.argv);
}

/* ---- serving ---- */

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

static void __attribute__((noreturn)) serve(struct channel *ch)
{
	for (;;) {
		enum io_status st = read_request(ch, &req);

		if (st != IO_OK) {
			host_gone(ch, st);
			continue;
		}
		reap_orphans();
		handle_request(ch, &req);
	}
}

/* ---- start-up ---- */

/* SIGPIPE is ignored so that a vanished host is an error return, not death. */
static void setup_signals(void)
{
	signal(SIGPIPE, SIG_IGN);
	if (run_init() < 0) {
		guest_log("signalfd: %s", strerror(errno));
		if (getpid() == 1)
			guest_power_off_or_hang();
		exit(1);
	}
}

static void open_guest_channel(struct channel *ch)
{
	char path[256];
	enum guest_channel opened;

	ch->fd = guest_open_channel(guest_channel_from_cmdline(), path, sizeof path, &opened);
	if (ch->fd < 0) {
		/* Without a channel nothing can be done; a prompt power off with
		 * this on the console beats a hang until the host times out. */
		guest_log("no channel to the host; powering off");
		guest_power_off_or_hang();
	}
	ch->tty = opened == GUEST_CHANNEL_SERIAL;
	guest_log("ready on %s (%s)", path, guest_channel_name(opened));
}

/* Serve mode: a process inside a booted image; no fallback, the host has one. */
static void open_serve_channel(struct channel *ch, const char *device)
{
	char path[256];

	if (device) {
		ch->fd = open(device, O_RDWR | O_NOCTTY | O_CLOEXEC);
		/* A serial line must be raw, as on the PID 1 fallback. */
		if (ch->fd >= 0 && isatty(ch->fd)) {
			close(ch->fd);
			ch->fd = guest_open_raw_tty(device);
			ch->tty = ch->fd >= 0;
		}
		snprintf(path, sizeof path, "%s", device);
	} else {
		ch->fd = guest_open_virtio_port(path, sizeof path);
	}
	if (ch->fd < 0) {
		if (device)
			guest_log("cannot open %s: %s", device, strerror(errno));
		else
			guest_log("no virtio port named kbench.agent (is virtio_console loaded,"
				  " /sys mounted and /dev a devtmpfs?)");
		exit(1);
	}
	guest_log("serving on %s", path);
}

/* Host test mode may be started with fd 2 closed; keep pipes off fds 0-2. */
static void ensure_stderr(void)
{
	if (fcntl(STDERR_FILENO, F_GETFD) < 0 && errno == EBADF) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0 && fd != STDERR_FILENO) {
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
	}
}

int main(int argc, char **argv)
{
	/* Decide first: outb() on a real host's port 0xf4 is not ours to do.
	 * As PID 1, argv holds leftover kernel parameters; ignore it. */
	if (getpid() == 1) {
		guest_marker(GUEST_MARKER_START);
		guest_set_log_name(AGENT_NAME);
		guest_setup();
		if (initrd_requested())
			initrd_boot_image(argv);
		setup_signals();
		open_guest_channel(&chan);
		guest_marker(GUEST_MARKER_READY);
	} else if (argc == 2 && strcmp(argv[1], "--stdio") == 0) {
		guest_set_log_name(AGENT_NAME);
		ensure_stderr();
		setup_signals();
		chan.fd = STDIN_FILENO;
		chan.stdio = true;
		guest_log("ready on stdio");
	} else if ((argc == 2 || argc == 3) && strcmp(argv[1], "--serve") == 0) {
		guest_set_log_name(AGENT_NAME);
		ensure_stderr();
		setup_signals();
		open_serve_channel(&chan, argc == 3 ? argv[2] : NULL);
	} else {
		fprintf(stderr, "usage: %s --stdio | --serve [DEVICE] (or run as PID 1 of a kbench guest)\n",
			argv[0] ? argv[0] : AGENT_NAME);
		return 2;
	}
	serve(&chan);
}
