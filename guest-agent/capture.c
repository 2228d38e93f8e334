/*
 * A run's stdout and stderr: pipes the agent reads without blocking, kept up
 * to OUTPUT_CAP each, what comes past the cap read and dropped (run.h).
 */
#define _GNU_SOURCE
#include "capture.h"
#include "clock.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

/* After the program exits, how long to keep collecting what it left in
 * the pipes (bounded in case an escaped descendant keeps writing). */
#define DRAIN_LIMIT_NS (100 * 1000000ull)

static void capture_close(struct capture *c)
{
	if (c->fd >= 0) {
		close(c->fd);
		c->fd = -1;
	}
}

/* The agent only blocks on the pipes' read ends; the program gets blocking writes. */
int capture_pipe(int fds[2])
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

void capture_init(struct capture *c, int fd)
{
	c->fd = fd;
	c->len = 0;
	c->truncated = false;
}

/* One read from the pipe; bytes past the cap are read and dropped. */
void capture_read(struct capture *c)
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
		capture_close(c);
	}
}

/* Collects what is already in the pipes, without waiting for more. */
void capture_drain(struct capture *out, struct capture *err)
{
	uint64_t limit = monotonic_ns() + DRAIN_LIMIT_NS;

	while ((out->fd >= 0 || err->fd >= 0) && monotonic_ns() < limit) {
		struct pollfd fds[2] = {
			{ .fd = out->fd, .events = POLLIN },
			{ .fd = err->fd, .events = POLLIN },
		};
		int n = poll(fds, 2, 0);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (fds[0].revents)
			capture_read(out);
		if (fds[1].revents)
			capture_read(err);
	}
	capture_close(out);
	capture_close(err);
}

void capture_note_truncation(struct capture *err)
{
	static const char note[] = TRUNCATION_NOTE;

	/* The note must be a line of its own. */
	if (err->len > 0 && err->data[err->len - 1] != '\n')
		err->data[err->len++] = '\n';
	memcpy(err->data + err->len, note, sizeof note - 1);
	err->len += sizeof note - 1;
}
