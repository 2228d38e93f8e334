/*
 * The wire format of docs/agent-protocol.md: frames of magic, length, id and
 * type on the channel to the host. The host is not trusted: every length
 * is bounded before it is used, and any input leaves the stream in step.
 */
#ifndef KBENCH_FRAME_H
#define KBENCH_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#define FRAME_MAGIC 0x4B424E43u /* "KBNC" */
#define FRAME_HEADER_SIZE 13 /* magic, length, id, type */
#define FRAME_MIN_LENGTH 5 /* id + type */
#define FRAME_MAX_LENGTH (1u << 20)
#define REQUEST_MAX_LENGTH (64u << 10)
/* Pieces of one reply body that send_frame() gathers into one writev(). */
#define FRAME_MAX_PARTS 3

#define TYPE_PING 'P'
#define TYPE_RUN 'R'
#define TYPE_QUIT 'Q'
#define TYPE_WRITE 'W'
#define TYPE_READ_FILE 'F'
#define TYPE_ERROR 'E'

enum io_status { IO_OK, IO_EOF, IO_ERROR };

struct channel {
	int fd;
	bool stdio; /* host test mode: fd 0 in, fd 1 out */
	bool tty; /* serial line: drain before powering off */
	size_t pos, len;
	unsigned char buf[64 << 10];
};

struct request {
	uint32_t id;
	uint8_t type;
	uint32_t length; /* frame length field */
	bool oversized; /* body was discarded */
	size_t body_len;
	unsigned char body[REQUEST_MAX_LENGTH];
};

static inline uint32_t get_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void put_be32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static inline void put_be64(unsigned char *p, uint64_t v)
{
	put_be32(p, v >> 32);
	put_be32(p + 4, (uint32_t)v);
}

/*
 * Reads the next request, skipping garbage and absurd lengths before it.
 * A body over REQUEST_MAX_LENGTH is consumed but not kept (r->oversized).
 */
enum io_status read_request(struct channel *ch, struct request *r);

/* Forgets buffered input: a partial frame belonged to a host that is gone. */
void chan_drop_input(struct channel *ch);

/*
 * Writes one frame whose body is body[0..body_count), body_count at most
 * FRAME_MAX_PARTS. A failure is logged; in --stdio mode it ends the process.
 */
void send_frame(struct channel *ch, uint32_t id, uint8_t type,
		const struct iovec *body, int body_count);

/* An E reply with a printf-formatted message (cut to 1023 bytes). */
void send_error(struct channel *ch, uint32_t id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
