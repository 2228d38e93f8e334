/*
 * The agent's serving loop: reads requests from the channel and answers
 * each (ping, run, power off; an E reply for anything else), forever.
 */
#ifndef KBENCH_SERVE_H
#define KBENCH_SERVE_H

#include "frame.h"

/*
 * Never returns in the guest: PID 1 must not exit, and a host that goes
 * away may come back. In --stdio mode the process exits at EOF or after Q.
 */
void serve(struct channel *ch) __attribute__((noreturn));

#endif
