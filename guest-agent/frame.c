/* Reading and writing frames; see frame.h. */
#include "frame.h"
#include "guest_setup.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* writev() until everything is written, retrying short writes and EINTR. */
static int writev_all(int fd, struct iovec *iov, int count)
{
	while (count > 0) {
		ssize_t n = writev(fd, iov, count);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		/* Skip the fully written segments, then trim the partial one. */
		while (count > 0 && (size_t)n >= iov->iov_len) {
			n -= (ssize_t)iov->iov_len;
			iov++;
			count--;
		}
		if (count > 0) {
			iov->iov_base = (char *)iov->iov_base + n;
			iov->iov_len -= (size_t)n;
		}
	}
	return 0;
}

static enum io_status chan_fill(struct channel *ch)
{
	ssize_t n;

	do
		n = read(ch->fd, ch->buf, sizeof ch->buf);
	while (n < 0 && errno == EINTR);
	ch->pos = 0;
	ch->len = n > 0 ? (size_t)n : 0;
	if (n > 0)
		return IO_OK;
	return n == 0 ? IO_EOF : IO_ERROR;
}

/* Reads exactly len bytes into dst, or discards them if dst is NULL. */
static enum io_status chan_read(struct channel *ch, unsigned char *dst, size_t len)
{
	while (len > 0) {
		if (ch->pos == ch->len) {
			enum io_status st = chan_fill(ch);

			if (st != IO_OK)
				return st;
		}
		size_t n = ch->len - ch->pos;

		if (n > len)
			n = len;
		if (dst) {
			memcpy(dst, ch->buf + ch->pos, n);
			dst += n;
		}
		ch->pos += n;
		len -= n;
	}
	return IO_OK;
}

/*
 * Consumes bytes until the last four read are the magic. `window` holds the
 * four bytes already consumed that may be the start of it, so that a
 * rejected header can be rescanned without pushing bytes back.
 */
static enum io_status find_magic(struct channel *ch, uint32_t window, unsigned long *skipped)
{
	while (window != FRAME_MAGIC) {
		unsigned char c;
		enum io_status st = chan_read(ch, &c, 1);

		if (st != IO_OK)
			return st;
		window = window << 8 | c;
		++*skipped;
	}
	return IO_OK;
}

/* Reads magic and length, resynchronising past garbage and absurd lengths. */
static enum io_status read_frame_start(struct channel *ch, uint32_t *length)
{
	unsigned long skipped = 0;
	uint32_t window = 0; /* no zero byte in the magic, so 0 matches nothing */

	for (;;) {
		unsigned char buf[4];
		enum io_status st = find_magic(ch, window, &skipped);

		if (st == IO_OK)
			st = chan_read(ch, buf, sizeof buf);
		if (st != IO_OK)
			return st;
		*length = get_be32(buf);
		if (*length >= FRAME_MIN_LENGTH && *length <= FRAME_MAX_LENGTH)
			break;
		/* Most likely garbage that happened to contain the magic. */
		window = *length;
		skipped += 4;
	}
	/* The first scan always consumes the 4 magic bytes. */
	if (skipped > 4)
		guest_log("skipped %lu bytes of garbage before a frame", skipped - 4);
	return IO_OK;
}

enum io_status read_request(struct channel *ch, struct request *r)
{
	unsigned char head[5];
	enum io_status st = read_frame_start(ch, &r->length);

	if (st == IO_OK)
		st = chan_read(ch, head, sizeof head);
	if (st != IO_OK)
		return st;
	r->id = get_be32(head);
	r->type = head[4];
	r->body_len = r->length - FRAME_MIN_LENGTH;
	/* An oversized body is consumed anyway to keep the stream in step. */
	r->oversized = r->length > REQUEST_MAX_LENGTH;
	return chan_read(ch, r->oversized ? NULL : r->body, r->body_len);
}

void chan_drop_input(struct channel *ch)
{
	ch->pos = ch->len = 0;
}

void send_frame(struct channel *ch, uint32_t id, uint8_t type,
		const struct iovec *body, int body_count)
{
	unsigned char head[FRAME_HEADER_SIZE];
	struct iovec iov[1 + FRAME_MAX_PARTS];
	size_t body_len = 0;

	iov[0] = (struct iovec){ head, sizeof head };
	for (int i = 0; i < body_count; i++) {
		iov[i + 1] = body[i];
		body_len += body[i].iov_len;
	}
	put_be32(head, FRAME_MAGIC);
	put_be32(head + 4, (uint32_t)(FRAME_MIN_LENGTH + body_len));
	put_be32(head + 8, id);
	head[12] = type;
	if (writev_all(ch->stdio ? STDOUT_FILENO : ch->fd, iov, body_count + 1) == 0)
		return;
	guest_log("sending reply %u: %s", id, strerror(errno));
	/* In test mode the host is gone; in the guest the next host may do better. */
	if (ch->stdio)
		exit(1);
}

void send_error(struct channel *ch, uint32_t id, const char *fmt, ...)
{
	char text[1024];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof text)
		n = sizeof text - 1;
	struct iovec body = { text, (size_t)n };

	send_frame(ch, id, TYPE_ERROR, &body, 1);
}
