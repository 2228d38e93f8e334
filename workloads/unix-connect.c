/*
 * unix-connect workload (lsm-perf contract).
 *
 * One operation: socket(2) of an AF_UNIX stream socket, connect(2) of it to
 * a listening socket bound to a path in /tmp (tmpfs in kbench's guest; the
 * current folder without /tmp), accept(2) of the connection on the listener,
 * and close(2) of both ends, all in one process (a Unix stream connect
 * completes before accept, while the backlog has room). This is the socket
 * life cycle that security modules hook most densely: creating and labelling
 * a socket, the path lookup and permission check of connecting to a named
 * socket, the connect and accept checks, and freeing both sockets.
 * Sending data is measured apart, by unix-send-recv.
 *
 * Usage: unix-connect [iterations]   (default 15000)
 * Prints one integer on stdout: the total elapsed CLOCK_MONOTONIC
 * nanoseconds of all iterations (not per operation).
 */
#include "workload.h"

#include <sys/socket.h>
#include <sys/un.h>

#define DEFAULT_ITERATIONS 15000UL
#define ICOUNT_ITERATIONS 15000UL
/* under icount too (kbench --scale auto): 0.74 is the least for the bias, and at 0.3 its runs spread by 0.18 %; benchmarks/icount-counts.sh */
/* kbench-prints: ns (what the one integer counts; the Makefile lists it in UNITS) */

/* A socket listening at a fresh scratch path; `addr` gets that address. */
static int listen_at_scratch_path(struct sockaddr_un *addr)
{
	const char *path = wl_scratch_name();

	if (strlen(path) >= sizeof addr->sun_path)
		wl_fail_plain("socket path %s is too long", path);
	memset(addr, 0, sizeof *addr);
	addr->sun_family = AF_UNIX;
	strcpy(addr->sun_path, path);

	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		wl_fail("socket(AF_UNIX, SOCK_STREAM) for the listener");
	if (bind(fd, (struct sockaddr *)addr, sizeof *addr) < 0) {
		wl_scratch_path()[0] = '\0'; /* not ours: do not remove it */
		wl_fail("bind to %s", addr->sun_path);
	}
	if (listen(fd, 8) < 0)
		wl_fail("listen");
	return fd;
}

/* One connection's whole life; returns 0, or -1 with errno and *step set. */
static int connect_once(int listener, const struct sockaddr_un *addr, const char **step)
{
	int client = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	*step = "socket";
	if (client < 0)
		return -1;
	*step = "connect";
	if (connect(client, (const struct sockaddr *)addr, sizeof *addr) < 0)
		return -1;

	int server = accept4(listener, NULL, NULL, SOCK_CLOEXEC);

	*step = "accept";
	if (server < 0)
		return -1;
	*step = "close";
	if (close(server) < 0 || close(client) < 0)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long n = wl_iterations(argc, argv, DEFAULT_ITERATIONS);
	struct sockaddr_un addr;
	int listener = listen_at_scratch_path(&addr);
	const char *step;
	uint64_t start = wl_start_ns();

	for (unsigned long i = 0; i < n; i++) {
		if (connect_once(listener, &addr, &step) < 0)
			wl_fail("%s (iteration %lu of %lu)", step, i + 1, n);
	}
	return wl_report_since(start);
}
