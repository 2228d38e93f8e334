/*
 * The F request of docs/agent-protocol.md: a piece of a file in the guest, read
 * at an offset (kbench explain reads the guest's /proc/kallsyms, which is larger
 * than a program's captured output may be).
 */
#ifndef KBENCH_READ_FILE_REQUEST_H
#define KBENCH_READ_FILE_REQUEST_H

#include "frame.h"

/* The most one F reply carries: well inside FRAME_MAX_LENGTH. */
#define READ_FILE_MAX (512u << 10)

/* Answers one F request with an F reply of the bytes read (none at the end), or an E reply. */
void handle_read_file(struct channel *ch, const struct request *r);

#endif
