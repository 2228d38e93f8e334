/*
 * kbench-echo-init: baseline for the agent's round trip.
 *
 * As PID 1 it does exactly the agent's setup and channel discovery (shared
 * guest_setup.c), marks readiness on the debugcon port like the agent, and
 * then copies every byte it reads from the channel straight back. A ping
 * through this init measures the channel alone; the difference to a ping
 * through kbench-agent is the agent's own cost.
 */
#define _GNU_SOURCE
#include "guest_setup.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define NAME "kbench-echo-init"
#define EOF_RETRY_MS 100

static unsigned char buf[64 << 10];

static void __attribute__((noreturn)) echo_forever(int fd)
{
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);

		if (n > 0) {
			if (guest_write_all(fd, buf, (size_t)n) < 0)
				guest_log("write: %s", strerror(errno));
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			guest_log("read: %s", strerror(errno));
		/* EOF: no host connected to the virtio port yet (or any more). */
		guest_sleep_ms(EOF_RETRY_MS);
	}
}

int main(void)
{
	char path[256];
	enum guest_channel opened;

	guest_set_log_name(NAME);
	/* Never poke I/O ports or mount things on a machine we do not own. */
	if (getpid() != 1) {
		guest_log("must run as PID 1 of a kbench guest");
		return 2;
	}
	guest_marker(GUEST_MARKER_START);
	guest_setup();

	int fd = guest_open_channel(guest_channel_from_cmdline(), path, sizeof path, &opened);

	if (fd < 0) {
		guest_log("no channel to the host; powering off");
		guest_power_off_or_hang();
	}
	guest_log("ready on %s (%s)", path, guest_channel_name(opened));
	guest_marker(GUEST_MARKER_READY);
	echo_forever(fd);
}
