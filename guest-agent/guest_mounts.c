/*
 * The file systems PID 1 mounts (guest_mount_basics in guest_setup.h), on full
 * kernels and on minimal ones such as Lupine's: no devtmpfs, sysfs or tmpfs. What
 * a kernel lacks is said once, naming its option, and made do without.
 */
#define _GNU_SOURCE
#include "guest_setup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* The nodes of fixed numbers kbench's guest uses (Documentation/admin-guide/devices.txt). */
static const struct dev_node {
	const char *name;
	unsigned int major, minor;
} fixed_nodes[] = {
	{ "console", 5, 1 }, { "tty", 5, 0 },	  { "null", 1, 3 },    { "zero", 1, 5 },
	{ "full", 1, 7 },    { "random", 1, 8 },  { "urandom", 1, 9 }, { "kmsg", 1, 11 },
	{ "ttyS0", 4, 64 },  { "ttyS1", 4, 65 },  { "ttyS2", 4, 66 },  { "ttyS3", 4, 67 },
};

/* 0, or the mount's errno (logged unless ENODEV: the caller names the option). */
static int mount_fs(const char *type, const char *target, unsigned long flags,
		    const char *options, mode_t dir_mode)
{
	if (mkdir(target, dir_mode) < 0 && errno != EEXIST)
		guest_log("mkdir %s: %s", target, strerror(errno));
	/* EBUSY: the kernel (or an earlier stage) already mounted it. */
	if (mount(type, target, type, flags, options) == 0 || errno == EBUSY)
		return 0;
	int err = errno;

	if (err != ENODEV)
		guest_log("mount %s on %s: %s", type, target, strerror(err));
	return err;
}

/* Without devtmpfs: a ramfs on /dev (the root's own /dev may be read-only or bare) with the fixed nodes. */
static void make_dev_nodes(void)
{
	if (mount_fs("ramfs", "/dev", MS_NOSUID, "mode=0755", 0755) != 0)
		return;
	for (size_t i = 0; i < sizeof fixed_nodes / sizeof fixed_nodes[0]; i++) {
		char path[64];
		const struct dev_node *n = &fixed_nodes[i];

		snprintf(path, sizeof path, "/dev/%s", n->name);
		if (mknod(path, S_IFCHR | 0600, makedev(n->major, n->minor)) < 0 && errno != EEXIST)
			guest_log("mknod %s: %s", path, strerror(errno));
	}
	guest_log("no devtmpfs (CONFIG_DEVTMPFS): made /dev's nodes on a ramfs");
}

/*
 * The kernel gives init /dev/console as fds 0-2 only if the root file system
 * has a /dev/console node. The kernel's built-in initramfs normally provides
 * one, but a kernel built with its own CONFIG_INITRAMFS_SOURCE may not; then
 * open the console from devtmpfs. Without this, logging would go nowhere and
 * the first open() would silently become fd 0.
 */
static void ensure_std_fds(void)
{
	for (int fd = 0; fd <= STDERR_FILENO; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		/* All lower fds are open, so open() returns exactly fd. */
		int got = open("/dev/console", O_RDWR | O_NOCTTY);

		if (got < 0)
			got = open("/dev/null", O_RDWR);
		if (got >= 0 && got != fd) {
			dup2(got, fd);
			close(got);
		}
	}
}

void guest_mount_basics(void)
{
	/* /dev first: ensure_std_fds() needs it before anything else opens. */
	if (mount_fs("devtmpfs", "/dev", MS_NOSUID, "mode=0755", 0755) == ENODEV)
		make_dev_nodes();
	ensure_std_fds();
	if (mount_fs("proc", "/proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0555) == ENODEV)
		guest_log("no procfs (CONFIG_PROC_FS): kbench.* parameters and /proc/devices cannot be read");
	if (mount_fs("sysfs", "/sys", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0555) == ENODEV)
		guest_log("no sysfs (CONFIG_SYSFS): a virtio port is found through /proc/devices");
	if (mount_fs("tmpfs", "/tmp", MS_NOSUID | MS_NODEV, "mode=1777", 01777) == ENODEV &&
	    mount_fs("ramfs", "/tmp", MS_NOSUID | MS_NODEV, "mode=1777", 01777) == 0)
		guest_log("no tmpfs (CONFIG_TMPFS): /tmp is a ramfs");
}

int guest_char_major(const char *name, int nth)
{
	char text[4096];

	if (guest_read_small_file("/proc/devices", text, sizeof text) < 0)
		return -1;
	/* "Character devices:" lines of "MAJOR NAME", then a blank line and the block devices */
	char *block = strstr(text, "\nBlock devices:");

	if (block)
		*block = '\0';
	char *save = NULL;

	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int major;
		char found[64];

		if (sscanf(line, " %d %63s", &major, found) == 2 && strcmp(found, name) == 0 && nth-- == 0)
			return major;
	}
	return -1;
}
