/*
 * The W request of docs/agent-protocol.md: one piece of a file the host
 * installs in the guest (a workload), written at its offset. Apart from
 * serve.c because it is the one request that changes the guest's files.
 */
#ifndef KBENCH_WRITE_REQUEST_H
#define KBENCH_WRITE_REQUEST_H

#include "frame.h"

/* Answers one W request with an empty W reply, or an E reply saying why not. */
void handle_write(struct channel *ch, const struct request *r);

#endif
