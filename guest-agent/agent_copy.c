/*
 * The agent's copy of itself for the host to start; see agent_copy.h.
 */
#define _GNU_SOURCE
#include "agent_copy.h"
#include "guest_setup.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define RUN_DIR AGENT_COPY_RUN_DIR
#define COPY_DIR RUN_DIR "/kbench"
/* Which build /init is: written into the initramfs by the host (GuestImage), which knows it too. */
#define BUILD_FILE "kbench-agent.build"

/* Copies the file `from` to `to` with `mode` whatever the umask; -1 with errno on failure. */
static int copy_file(const char *from, const char *to, mode_t mode)
{
	static char buf[64 << 10];
	int in = open(from, O_RDONLY | O_CLOEXEC);

	if (in < 0)
		return -1;
	int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	int rc = out < 0 ? -1 : 0;

	while (rc == 0) {
		ssize_t n = read(in, buf, sizeof buf);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -1 : fchmod(out, mode);
			break;
		}
		rc = guest_write_all(out, buf, (size_t)n);
	}
	int saved = errno;

	if (out >= 0 && close(out) < 0 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	close(in);
	errno = saved;
	return rc;
}

/*
 * Leaves a copy of this agent, and which build it is, on a tmpfs at /run that moves onto the
 * image: the host then starts it over SSH instead of sending its 800 KB through a shell
 * (docs/measurements.md). systemd keeps a /run that is already mounted, as it keeps the one
 * Debian's initramfs-tools mounts; unlike that one this is not noexec, or the copy could not
 * run. Without it the host copies the agent in as before, so every failure here is one line and
 * the boot goes on.
 */
void place_agent_copy(void)
{
	if (mkdir(RUN_DIR, 0755) < 0 && errno != EEXIST) {
		guest_log("initrd: mkdir %s: %s; the host will copy the agent in", RUN_DIR, strerror(errno));
		return;
	}
	if (mount("tmpfs", RUN_DIR, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=10%") < 0) {
		guest_log("initrd: mounting a tmpfs on %s: %s; the host will copy the agent in", RUN_DIR, strerror(errno));
		return;
	}
	if ((mkdir(COPY_DIR, 0755) < 0 && errno != EEXIST) ||
	    copy_file("/proc/self/exe", COPY_DIR "/kbench-agent", 0755) < 0) {
		guest_log("initrd: copying the agent to %s: %s; the host will copy it in", COPY_DIR, strerror(errno));
		unlink(COPY_DIR "/kbench-agent");
		return;
	}
	/* Last, so that a marker always stands beside a whole copy; an initramfs without one claims no build. */
	if (copy_file("/" BUILD_FILE, COPY_DIR "/" BUILD_FILE, 0644) < 0 && errno != ENOENT)
		guest_log("initrd: copying /%s to %s: %s; the host will copy the agent in", BUILD_FILE, COPY_DIR,
			  strerror(errno));
}
