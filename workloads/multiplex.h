/*
 * The select, poll and epoll workloads: one descriptor-readiness query over
 * NFDS descriptors, for a few (10) and many (1000) of them.
 *
 * The descriptors are eventfds, which are always ready for writing (their
 * counter stays 0), and the query asks for write readiness with a zero
 * timeout. So every query finds all NFDS descriptors ready and never
 * sleeps: select and poll call each descriptor's poll method and copy the
 * result sets back; epoll_wait (level-triggered) re-polls every descriptor
 * on its ready list and returns NFDS events. The cost grows with NFDS, which
 * is what the few/many pairs show.
 */
#ifndef KBENCH_MULTIPLEX_H
#define KBENCH_MULTIPLEX_H

#include "workload.h"

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>

/* Descriptors beyond these leave room for stdin, stdout, stderr and epoll's own. */
#define SPARE_FDS 16

/* Opens `count` eventfds into fds[], raising the open-file limit if needed. */
static inline void mx_open_ready_fds(int *fds, int count)
{
	wl_need_fds((rlim_t)count + SPARE_FDS);
	for (int i = 0; i < count; i++) {
		fds[i] = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (fds[i] < 0)
			wl_fail("eventfd %d of %d", i + 1, count);
	}
}

/* One operation: select(2) for writing on all `count` fds, timeout 0. */
static inline int mx_run_select(int argc, char **argv, int count, unsigned long fallback)
{
	unsigned long n = wl_iterations(argc, argv, fallback);
	int fds[count];
	fd_set all, ready;
	int max_fd = -1;

	mx_open_ready_fds(fds, count);
	FD_ZERO(&all);
	for (int i = 0; i < count; i++) {
		if (fds[i] >= FD_SETSIZE)
			wl_fail_plain("descriptor %d is beyond select's limit of %d", fds[i], FD_SETSIZE);
		FD_SET(fds[i], &all);
		if (fds[i] > max_fd)
			max_fd = fds[i];
	}

	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		struct timeval zero = { 0, 0 };
		/* select overwrites its sets: start each query from the full set. */
		ready = all;

		int got = select(max_fd + 1, NULL, &ready, NULL, &zero);

		if (got < 0)
			wl_fail("select (iteration %lu of %lu)", i + 1, n);
		if (got != count)
			wl_fail_plain("select found %d of %d fds ready (iteration %lu of %lu)", got, count,
				      i + 1, n);
	}
	return wl_report_since(start);
}

/* One operation: poll(2) for POLLOUT on all `count` fds, timeout 0. */
static inline int mx_run_poll(int argc, char **argv, int count, unsigned long fallback)
{
	unsigned long n = wl_iterations(argc, argv, fallback);
	int fds[count];
	struct pollfd pfds[count];

	mx_open_ready_fds(fds, count);
	for (int i = 0; i < count; i++)
		pfds[i] = (struct pollfd){ .fd = fds[i], .events = POLLOUT };

	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		/* poll writes only revents, so the array needs no reset. */
		int got = poll(pfds, (nfds_t)count, 0);

		if (got < 0)
			wl_fail("poll (iteration %lu of %lu)", i + 1, n);
		if (got != count)
			wl_fail_plain("poll found %d of %d fds ready (iteration %lu of %lu)", got, count,
				      i + 1, n);
	}
	return wl_report_since(start);
}

/*
 * One operation: epoll_wait(2) with timeout 0 on an epoll instance watching
 * all `count` fds for EPOLLOUT (level-triggered). Creating the instance and
 * adding the fds happens once, before the clock starts.
 */
static inline int mx_run_epoll(int argc, char **argv, int count, unsigned long fallback)
{
	unsigned long n = wl_iterations(argc, argv, fallback);
	int fds[count];
	struct epoll_event events[count];

	mx_open_ready_fds(fds, count);

	int ep = epoll_create1(EPOLL_CLOEXEC);

	if (ep < 0)
		wl_fail("epoll_create1");
	for (int i = 0; i < count; i++) {
		struct epoll_event ev = { .events = EPOLLOUT, .data.fd = fds[i] };

		if (epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev) < 0)
			wl_fail("epoll_ctl(EPOLL_CTL_ADD) of fd %d", fds[i]);
	}

	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		int got = epoll_wait(ep, events, count, 0);

		if (got < 0)
			wl_fail("epoll_wait (iteration %lu of %lu)", i + 1, n);
		if (got != count)
			wl_fail_plain("epoll_wait found %d of %d fds ready (iteration %lu of %lu)", got,
				      count, i + 1, n);
	}
	return wl_report_since(start);
}

#endif
