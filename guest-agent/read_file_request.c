/*
 * The F request; see read_file_request.h. Fuzz builds parse and answer with no
 * bytes: a fuzzer's inputs read no file of the host's.
 */
#define _GNU_SOURCE
#include "read_file_request.h"
#include "frame.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The F body of docs/agent-protocol.md. */
#define READ_FILE_HEADER_SIZE 12 /* u64 offset, u32 max */

/* Static: PID 1 should not depend on a big stack. */
static unsigned char data[READ_FILE_MAX];

#ifndef KBENCH_FUZZ_NO_EXEC
/*
 * Reads up to max bytes at offset. lseek rather than pread: files in /proc made with
 * seq_file (kallsyms among them) support a seek to any offset, and read from there.
 */
static ssize_t read_piece(const char *path, uint64_t offset, size_t max, char *why, size_t why_size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t got = 0;

	if (fd < 0) {
		snprintf(why, why_size, "read: open %.256s: %s", path, strerror(errno));
		return -1;
	}
	if (offset > 0 && lseek(fd, (off_t)offset, SEEK_SET) < 0) {
		snprintf(why, why_size, "read: %.256s: seek to %llu: %s", path, (unsigned long long)offset, strerror(errno));
		close(fd);
		return -1;
	}
	while (got < max) {
		ssize_t n = read(fd, data + got, max - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(why, why_size, "read: %.256s at %llu: %s", path,
				 (unsigned long long)(offset + got), strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	return (ssize_t)got;
}
#endif

void handle_read_file(struct channel *ch, const struct request *r)
{
	char why[512];

	if (r->body_len < READ_FILE_HEADER_SIZE + 2) {
		send_error(ch, r->id, "read: body shorter than its 12-byte header and a path");
		return;
	}
	uint64_t offset = (uint64_t)get_be32(r->body) << 32 | get_be32(r->body + 4);
	uint32_t max = get_be32(r->body + 8);
	const char *path = (const char *)r->body + READ_FILE_HEADER_SIZE;
	size_t rest = r->body_len - READ_FILE_HEADER_SIZE;

	if (strnlen(path, rest) != rest - 1) {
		send_error(ch, r->id, "read: the path is not one NUL-terminated string");
		return;
	}
	if (path[0] != '/') {
		send_error(ch, r->id, "read: path is not absolute");
		return;
	}
	if (max > READ_FILE_MAX)
		max = READ_FILE_MAX;
#ifndef KBENCH_FUZZ_NO_EXEC
	ssize_t got = read_piece(path, offset, max, why, sizeof why);
#else
	ssize_t got = 0;

	(void)why;
	(void)offset;
#endif
	if (got < 0) {
		send_error(ch, r->id, "%s", why);
		return;
	}
	struct iovec body = { data, (size_t)got };

	send_frame(ch, r->id, TYPE_READ_FILE, &body, 1);
}
