/*
 * How the agent learns that a program exited (sigchld.h).
 */
#define _GNU_SOURCE
#include "sigchld.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

/*
 * SIGCHLD stays blocked and is read from a signalfd, or, on a kernel without signalfd
 * (CONFIG_SIGNALFD), caught by a handler and let through only inside ppoll(), which it
 * ends with EINTR (ppoll_mask: the agent's mask without SIGCHLD).
 */
static int signal_fd = -1;
static sigset_t ppoll_mask;
static sigset_t sigchld_only;

/* Its only job is to exist: a caught SIGCHLD ends ppoll() with EINTR. */
static void on_sigchld(int sig)
{
	(void)sig;
}

int sigchld_init(void)
{
	struct sigaction sa = { .sa_handler = on_sigchld, .sa_flags = SA_NOCLDSTOP };

	sigemptyset(&sa.sa_mask);
	sigemptyset(&sigchld_only);
	sigaddset(&sigchld_only, SIGCHLD);
	if (sigaction(SIGCHLD, &sa, NULL) < 0 || sigprocmask(SIG_BLOCK, &sigchld_only, &ppoll_mask) < 0)
		return -1;
	sigdelset(&ppoll_mask, SIGCHLD);
	signal_fd = signalfd(-1, &sigchld_only, SFD_NONBLOCK | SFD_CLOEXEC);
	if (signal_fd < 0 && errno != ENOSYS && errno != EINVAL)
		return -1;
	return 0;
}

/* A SIGCHLD left pending by an orphan would wake the next run's first ppoll() for nothing. */
void sigchld_discard(void)
{
	static const struct timespec now = { 0, 0 };
	struct signalfd_siginfo info;

	if (signal_fd >= 0) {
		while (read(signal_fd, &info, sizeof info) > 0)
			;
		return;
	}
	while (sigtimedwait(&sigchld_only, NULL, &now) == SIGCHLD)
		;
}

int sigchld_fd(void)
{
	return signal_fd;
}

const sigset_t *sigchld_ppoll_mask(void)
{
	return signal_fd >= 0 ? NULL : &ppoll_mask;
}
