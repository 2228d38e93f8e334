/*
 * The capture of a run's stdout and stderr (struct capture, run.h).
 */
#ifndef KBENCH_CAPTURE_H
#define KBENCH_CAPTURE_H

#include "run.h"

/* A pipe whose read end (fds[0]) does not block; both ends CLOEXEC. 0, or -1 with errno set. */
int capture_pipe(int fds[2]);

/* Starts an empty capture reading fd, which it owns from now on. */
void capture_init(struct capture *c, int fd);

/* One read from the pipe (closed at EOF or on an error). */
void capture_read(struct capture *c);

/* Collects what is already in both pipes, for at most 100 ms, then closes them. */
void capture_drain(struct capture *out, struct capture *err);

/* Appends TRUNCATION_NOTE to err as a line of its own (run.h leaves room for it). */
void capture_note_truncation(struct capture *err);

#endif
