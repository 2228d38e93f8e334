/*
 * The W request; see write_request.h. Parsing is checked by the fuzz builds,
 * which answer as usual but write nothing.
 */
#define _GNU_SOURCE
#include "write_request.h"
#include "frame.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The W body of docs/agent-protocol.md. */
#define WRITE_HEADER_SIZE 13 /* u8 last, u32 mode, u64 offset */
#define WRITE_PART_SUFFIX ".kbench-part"

/* W: one piece of a file the host installs (a workload), as parsed from its body. */
struct write_request {
	bool last;
	mode_t mode;
	uint64_t offset;
	const char *path;
	const unsigned char *data;
	size_t data_len;
};

static const char *parse_write(const unsigned char *body, size_t len, struct write_request *w)
{
	if (len < WRITE_HEADER_SIZE)
		return "write: body shorter than its 13-byte header";
	w->last = body[0] != 0;
	w->mode = (mode_t)(get_be32(body + 1) & 07777);
	w->offset = (uint64_t)get_be32(body + 5) << 32 | get_be32(body + 9);
	w->path = (const char *)body + WRITE_HEADER_SIZE;
	size_t rest = len - WRITE_HEADER_SIZE;
	size_t path_len = strnlen(w->path, rest);

	if (path_len == rest)
		return "write: path is not NUL-terminated";
	if (path_len == 0 || w->path[0] != '/')
		return "write: path is not absolute";
	if (path_len + sizeof WRITE_PART_SUFFIX > 4096)
		return "write: path too long";
	w->data = (const unsigned char *)w->path + path_len + 1;
	w->data_len = rest - path_len - 1;
	return NULL;
}

#ifndef KBENCH_FUZZ_NO_EXEC
/*
 * Writes the piece at its offset into PATH.kbench-part and renames that onto PATH with the
 * last piece: a program that is running cannot be opened for writing (ETXTBSY), but it can
 * be replaced.
 */
static const char *write_piece(const struct write_request *w, char *why, size_t why_size)
{
	char part[4096];

	snprintf(part, sizeof part, "%s%s", w->path, WRITE_PART_SUFFIX);
	int fd = open(part, O_WRONLY | O_CLOEXEC | (w->offset == 0 ? O_CREAT | O_TRUNC : 0), w->mode);

	if (fd < 0) {
		snprintf(why, why_size, "write: open %.256s: %s", part, strerror(errno));
		return why;
	}
	for (size_t done = 0; done < w->data_len;) {
		ssize_t n = pwrite(fd, w->data + done, w->data_len - done, (off_t)(w->offset + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(why, why_size, "write: %.256s at %llu: %s", part,
				 (unsigned long long)(w->offset + done), n < 0 ? strerror(errno) : "no progress");
			close(fd);
			return why;
		}
		done += (size_t)n;
	}
	/* the mode again: open() applied the umask and only when it created the file */
	if ((w->last && fchmod(fd, w->mode) < 0) || close(fd) < 0) {
		snprintf(why, why_size, "write: %.256s: %s", part, strerror(errno));
		return why;
	}
	if (w->last && rename(part, w->path) < 0) {
		snprintf(why, why_size, "write: rename onto %.256s: %s", w->path, strerror(errno));
		return why;
	}
	return NULL;
}
#endif

void handle_write(struct channel *ch, const struct request *r)
{
	struct write_request w;
	char why[512];
	const char *bad = parse_write(r->body, r->body_len, &w);

#ifndef KBENCH_FUZZ_NO_EXEC
	/* fuzz builds parse and answer, but a fuzzer's inputs write no file on the host */
	if (!bad)
		bad = write_piece(&w, why, sizeof why);
#else
	(void)why;
#endif
	if (bad)
		send_error(ch, r->id, "%s", bad);
	else
		send_frame(ch, r->id, TYPE_WRITE, NULL, 0);
}
