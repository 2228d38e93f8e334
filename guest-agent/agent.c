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
#define OUTPUT_CAP (256u << 10)
#define TRUNCATION_NOTE AGENT_NAME ": output truncated\n"

/* virtio-serial reads return EOF while no host is connected; poll gently. */
#define EOF_RETRY_MS 100
/* After the program exits, how long to keep collecting what it left in
 * the pipes (bounded in case an escaped descendant keeps writing). */
#define DRAIN_LIMIT_NS (100 * 1000000ull)

struct run_request {
	int32_t cpu;
	uint32_t timeout_ms;
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

/* What failed in the child between fork and exec, sent over a CLOEXEC pipe. */
enum child_step { STEP_SETPGID, STEP_AFFINITY, STEP_STDIN, STEP_STDOUT, STEP_EXEC };

struct child_failure {
	int step;
	int err;
};

/* Large buffers live in static storage: PID 1 should not depend on a big stack. */
static struct channel chan;
static struct request req;
static struct run_result result;
static int sigchld_fd = -1;

/* ---- small helpers ---- */

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

/* ---- running programs ---- */

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

/* The agent only blocks on the pipes' read ends; the program gets blocking writes. */
static int open_capture_pipe(int fds[2])
{
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	if (fcntl(fds[0], F_SETFL, O_NONBLOCK) < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	return 0;
}

static void capture_init(struct capture *c, int fd)
{
	c->fd = fd;
	c->len = 0;
	c->truncated = false;
}

/* One read from the pipe; bytes past the cap are read and dropped. */
static void capture_read(struct capture *c)
{
	unsigned char scratch[16 << 10];
	size_t room = OUTPUT_CAP - c->len;
	unsigned char *dst = room ? c->data + c->len : scratch;
	ssize_t n = read(c->fd, dst, room ? room : sizeof scratch);

	if (n > 0) {
		if (room)
			c->len += (size_t)n;
		else
			c->truncated = true;
	} else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
		close_fd(&c->fd);
	}
}

static void discard_pending_sigchld(void)
{
	struct signalfd_siginfo info;

	while (read(sigchld_fd, &info, sizeof info) > 0)
		;
}

/* Reaps the program if it has exited. Only ever waits for this pid, so the
 * status of the program cannot be lost to the orphan reaper. */
static bool try_reap(pid_t pid, struct run_result *res)
{
	pid_t got;

	do
		got = waitpid(pid, &res->status, WNOHANG);
	while (got < 0 && errno == EINTR);
	if (got == pid)
		return true;
	if (got < 0) {
		/* ECHILD cannot happen for our own child; do not hang on it. */
		guest_log("waitpid %d: %s", (int)pid, strerror(errno));
		res->status = 0;
		return true;
	}
	return false;
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
 * Collects output until the program exits, killing its process group at
 * the deadline (0: none). SIGCHLD arrives through sigchld_fd so that one
 * ppoll() waits for output, exit and timeout together.
 */
static void supervise(pid_t pid, uint64_t deadline, struct run_result *res)
{
	for (;;) {
		struct pollfd fds[3] = {
			{ .fd = res->out.fd, .events = POLLIN },
			{ .fd = res->err.fd, .events = POLLIN },
			{ .fd = sigchld_fd, .events = POLLIN },
		};
		struct timespec ts;
		int n = ppoll(fds, 3, time_left(deadline, &ts), NULL);

		if (n < 0 && errno != EINTR) {
			guest_log("ppoll: %s", strerror(errno));
			guest_sleep_ms(10);
		}
		if (n > 0 && fds[0].revents)
			capture_read(&res->out);
		if (n > 0 && fds[1].revents)
			capture_read(&res->err);
		if (n > 0 && fds[2].revents) {
			discard_pending_sigchld();
			if (try_reap(pid, res))
				return;
		}
		if (deadline && monotonic_ns() >= deadline) {
			kill(-pid, SIGKILL);
			res->timed_out = true;
			deadline = 0;
		}
	}
}

/* Collects what is already in the pipes, without waiting for more. */
static void drain_captures(struct run_result *res)
{
	uint64_t limit = monotonic_ns() + DRAIN_LIMIT_NS;

	while ((res->out.fd >= 0 || res->err.fd >= 0) && monotonic_ns() < limit) {
		struct pollfd fds[2] = {
			{ .fd = res->out.fd, .events = POLLIN },
			{ .fd = res->err.fd, .events = POLLIN },
		};
		int n = poll(fds, 2, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (fds[0].revents)
			capture_read(&res->out);
		if (fds[1].revents)
			capture_read(&res->err);
	}
	close_fd(&res->out.fd);
	close_fd(&res->err.fd);
}

/*
 * Runs one program to completion. Returns 0 with *res filled in, or -1 with
 * the reason in text[] when it could not be started.
 */
static int run_program(const struct run_request *run, struct run_result *res,
		       char *text, size_t size)
{
	int out[2] = { -1, -1 }, err[2] = { -1, -1 }, report[2] = { -1, -1 };

	if (open_capture_pipe(out) < 0 || open_capture_pipe(err) < 0 ||
	    pipe2(report, O_CLOEXEC) < 0) {
		snprintf(text, size, "run: pipe: %s", strerror(errno));
		goto fail;
	}
	discard_pending_sigchld();
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
	supervise(pid, run->timeout_ms ? start + run->timeout_ms * 1000000ull : 0, res);
	res->wall_ns = monotonic_ns() - start;
	/* Leave nothing behind to disturb the next measurement. */
	kill(-pid, SIGKILL);
	drain_captures(res);
	return 0;

fail:
	for (int i = 0; i < 2; i++) {
		close_fd(&out[i]);
		close_fd(&err[i]);
		close_fd(&report[i]);
	}
	return -1;
}

static void note_truncation(struct capture *err)
{
	static const char note[] = TRUNCATION_NOTE;

	/* The note must be a line of its own. */
	if (err->len > 0 && err->data[err->len - 1] != '\n')
		err->data[err->len++] = '\n';
	memcpy(err->data + err->len, note, sizeof note - 1);
	err->len += sizeof note - 1;
}

static void send_run_reply(struct channel *ch, uint32_t id, struct run_result *res)
{
	unsigned char head[RUN_REPLY_HEADER_SIZE];
	bool signalled = WIFSIGNALED(res->status);

	if (res->out.truncated || res->err.truncated)
		note_truncation(&res->err);
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

/*
 * SIGCHLD is blocked and read from a signalfd, so that waiting for a program
 * can be a single ppoll() on its pipes and its exit. SIGPIPE is ignored so
 * that a vanished host is an error return, not death.
 */
static void setup_signals(void)
{
	sigset_t chld;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	sigchld_fd = signalfd(-1, &chld, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sigchld_fd < 0) {
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
