/*
 * initrd mode: boot a disk image with a kernel whose disk and network
 * drivers are modules (a distribution's kernel), the way a distribution's
 * initrd does it and klibc's run-init finishes it. See initrd.h. The copy
 * of the agent it leaves in the image is agent_copy.c's.
 */
#define _GNU_SOURCE
#include "initrd.h"
#include "agent_copy.h"
#include "guest_setup.h"
#include "clock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#define NEW_ROOT "/kbench-root"
/* Long enough for a slow emulated SCSI scan, short enough to fail visibly. */
#define ROOT_WAIT_MS 20000
#define ROOT_POLL_MS 20
#define DEFAULT_FSTYPE "ext4"

struct boot_params {
	char root[256];
	char fstype[64];
	char flags[256];
	char init[256];
	bool rw; /* the kernel's default is ro */
	bool initrd;
};

static void read_param(const char *name, const char *value, void *ctx)
{
	struct boot_params *p = ctx;

	/* Later parameters override earlier ones, as for the kernel. */
	if (!value) {
		if (strcmp(name, "rw") == 0)
			p->rw = true;
		else if (strcmp(name, "ro") == 0)
			p->rw = false;
		return;
	}
	if (strcmp(name, "root") == 0)
		snprintf(p->root, sizeof p->root, "%s", value);
	else if (strcmp(name, "rootfstype") == 0)
		snprintf(p->fstype, sizeof p->fstype, "%s", value);
	else if (strcmp(name, "rootflags") == 0)
		snprintf(p->flags, sizeof p->flags, "%s", value);
	else if (strcmp(name, "init") == 0)
		snprintf(p->init, sizeof p->init, "%s", value);
	else if (strcmp(name, "kbench.mode") == 0)
		p->initrd = strcmp(value, "initrd") == 0;
}

static void read_params(struct boot_params *p)
{
	memset(p, 0, sizeof *p);
	guest_cmdline_each(read_param, p);
}

bool initrd_requested(void)
{
	struct boot_params p;

	read_params(&p);
	return p.initrd;
}

static void __attribute__((noreturn, format(printf, 1, 2))) fail(const char *fmt, ...);

static void fail(const char *fmt, ...)
{
	char text[900];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	/* One line the host can quote as the cause; then QEMU exits. */
	guest_log("initrd: %s; powering off", text);
	guest_power_off_or_hang();
}

/* The block devices the kernel knows, e.g. "vda nvme0n1", for a failure line. */
static void list_block_devices(char *out, size_t size)
{
	DIR *dir = opendir("/sys/class/block");
	size_t len = 0;

	out[0] = '\0';
	if (!dir)
		return;
	for (struct dirent *ent; (ent = readdir(dir));) {
		if (ent->d_name[0] == '.' || strncmp(ent->d_name, "loop", 4) == 0 ||
		    strncmp(ent->d_name, "ram", 3) == 0)
			continue;
		int n = snprintf(out + len, size - len, "%s%s", len ? " " : "", ent->d_name);

		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
	closedir(dir);
	if (len == 0)
		snprintf(out, size, "none");
}

/* devtmpfs creates the node as soon as the driver has found the disk. */
static void wait_for_device(const char *device)
{
	uint64_t deadline = monotonic_ms() + ROOT_WAIT_MS;
	struct stat st;

	while (stat(device, &st) < 0 || !S_ISBLK(st.st_mode)) {
		if (monotonic_ms() >= deadline) {
			char present[256];

			list_block_devices(present, sizeof present);
			fail("root device %s did not appear within %d s (block devices: %s);"
			     " is its driver missing from /lib/modules/kbench/order?",
			     device, ROOT_WAIT_MS / 1000, present);
		}
		guest_sleep_ms(ROOT_POLL_MS);
	}
}

/* Moves a mount of the initramfs onto the new root, or drops it if the image has no such folder. */
static void move_onto_new_root(const char *path)
{
	char target[512];
	struct stat st;

	snprintf(target, sizeof target, "%s%s", NEW_ROOT, path);
	if (stat(target, &st) == 0 && S_ISDIR(st.st_mode) &&
	    mount(path, target, NULL, MS_MOVE, NULL) == 0)
		return;
	if (umount2(path, MNT_DETACH) < 0 && errno != EINVAL)
		guest_log("initrd: unmounting %s: %s", path, strerror(errno));
}

/*
 * Deletes everything below dirfd that lives on device `dev`, as run-init
 * does, so the initramfs does not keep its memory for the life of the
 * guest. Mount points (the new root) are on other devices and are skipped.
 */
static void remove_tree(int dirfd, dev_t dev)
{
	DIR *dir = fdopendir(dirfd);

	if (!dir) {
		close(dirfd);
		return;
	}
	for (struct dirent *ent; (ent = readdir(dir));) {
		struct stat st;

		if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd, ent->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || st.st_dev != dev)
			continue;
		if (S_ISDIR(st.st_mode)) {
			int sub = openat(dirfd, ent->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

			if (sub >= 0)
				remove_tree(sub, dev);
			unlinkat(dirfd, ent->d_name, AT_REMOVEDIR);
		} else {
			unlinkat(dirfd, ent->d_name, 0);
		}
	}
	closedir(dir);
}

static void free_initramfs(void)
{
	struct statfs fs;
	struct stat st;

	/* Only ever delete from a RAM file system: never from a real disk. */
	if (statfs("/", &fs) < 0 || (fs.f_type != RAMFS_MAGIC && fs.f_type != TMPFS_MAGIC) ||
	    stat("/", &st) < 0)
		return;
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0)
		remove_tree(fd, st.st_dev);
}

/*
 * The init to run, looked up after the switch: images link /sbin/init
 * absolutely (to /lib/systemd/systemd, /bin/busybox), which only resolves
 * inside the new root. init=, else the kernel's own candidates.
 */
static const char *choose_init(const struct boot_params *p)
{
	static const char *const candidates[] = { "/sbin/init", "/etc/init", "/bin/init", "/bin/sh" };

	if (p->init[0]) {
		if (access(p->init, X_OK) < 0)
			fail("init=%s: %s in the image on %s", p->init, strerror(errno), p->root);
		return p->init;
	}
	for (size_t i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
		if (access(candidates[i], X_OK) == 0)
			return candidates[i];
	}
	fail("no init in the image on %s (tried /sbin/init, /etc/init, /bin/init, /bin/sh)", p->root);
}

void initrd_boot_image(char **argv)
{
	struct boot_params p;

	read_params(&p);
	if (!p.root[0])
		fail("kbench.mode=initrd needs root=DEVICE on the kernel command line");
	if (strncmp(p.root, "/dev/", 5) != 0)
		fail("root=%s: give a device path such as /dev/sda (UUID=, LABEL= are not supported)", p.root);
	wait_for_device(p.root);

	const char *fstype = p.fstype[0] ? p.fstype : DEFAULT_FSTYPE;

	if (mkdir(NEW_ROOT, 0755) < 0 && errno != EEXIST)
		fail("mkdir %s: %s", NEW_ROOT, strerror(errno));
	if (mount(p.root, NEW_ROOT, fstype, p.rw ? 0 : MS_RDONLY, p.flags[0] ? p.flags : NULL) < 0)
		fail("mounting %s (%s, %s) on %s: %s", p.root, fstype, p.rw ? "rw" : "ro", NEW_ROOT, strerror(errno));

	/* guest_setup()'s /tmp belongs to the initramfs; the image has its own. */
	if (umount2("/tmp", MNT_DETACH) < 0 && errno != EINVAL)
		guest_log("initrd: unmounting /tmp: %s", strerror(errno));
	place_agent_copy();
	move_onto_new_root("/dev");
	move_onto_new_root("/proc");
	move_onto_new_root("/sys");
	/* An image without /run gets no copy: the tmpfs is dropped and the host copies the agent in. */
	move_onto_new_root(AGENT_COPY_RUN_DIR);
	free_initramfs();

	/* run-init's switch: the new root replaces / for this process and its children. */
	if (chdir(NEW_ROOT) < 0 || mount(".", "/", NULL, MS_MOVE, NULL) < 0 || chroot(".") < 0 ||
	    chdir("/") < 0)
		fail("switching to the root on %s: %s", p.root, strerror(errno));

	const char *init = choose_init(&p);

	guest_log("initrd: %s mounted %s; starting its %s", p.root, p.rw ? "rw" : "ro", init);
	argv[0] = (char *)init;
	execv(init, argv);
	fail("exec %s: %s", init, strerror(errno));
}
