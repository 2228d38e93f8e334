/*
 * SIGCHLD for run.c's one ppoll(): blocked and read from a signalfd, or, on a
 * kernel without signalfd (CONFIG_SIGNALFD), caught by a handler and let through
 * only inside ppoll(), which it then ends with EINTR.
 */
#ifndef KBENCH_SIGCHLD_H
#define KBENCH_SIGCHLD_H

#include <signal.h>

/* Once: the handler, the mask, the signalfd if the kernel has one. 0, or -1 with errno set. */
int sigchld_init(void);

/* The signalfd to poll for SIGCHLD, or -1 (ppoll ignores it) when SIGCHLD ends ppoll instead. */
int sigchld_fd(void);

/* The mask ppoll() must run with: NULL with a signalfd, else the agent's without SIGCHLD. */
const sigset_t *sigchld_ppoll_mask(void);

/* Forgets a SIGCHLD already pending (an orphan's), so that it wakes no later ppoll(). */
void sigchld_discard(void);

#endif
