/*
 * PID 1 setup shared by the guest agent and the baseline inits.
 * See guest_setup.h for the contract of each function.
 */
#define _GNU_SOURCE
#include "guest_setup.h"
#include "clock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MODULE_DIR "/lib/modules/kbench"
#define MODULE_ORDER MODULE_DIR "/order"
#define VIRTIO_PORTS_DIR "/sys/class/virtio-ports"
#define VIRTIO_CONSOLE_DRIVER_DIR "/sys/bus/virtio/drivers/virtio_console"
#define VIRTIO_PORT_NAME "kbench.agent"
#define SERIAL_DEVICE "/dev/ttyS1"
#define CHANNEL_PARAM "kbench.channel="

/* A port's name arrives in a control message from the host after its device is
 * bound, so a bound virtio-console device is waited for, up to this bound; without
 * one (no driver, no virtio bus) no port can ever appear and nothing is waited for. */
#define VIRTIO_WAIT_MS 5000
#define VIRTIO_POLL_MS 10

static const char *log_name = "kbench";

void guest_set_log_name(const char *name)
{
	log_name = name;
}

void guest_log(const char *fmt, ...)
{
	int saved_errno = errno;
	char line[1024];
	int prefix = snprintf(line, sizeof line, "%s: ", log_name);
	va_list ap;

	if (prefix < 0 || (size_t)prefix >= sizeof line)
		prefix = 0;
	va_start(ap, fmt);
	int n = vsnprintf(line + prefix, sizeof line - prefix, fmt, ap);
	va_end(ap);
	size_t len = prefix + (n < 0 ? 0 : (size_t)n);

	/* Keep room for the newline even when the message was cut short. */
	if (len > sizeof line - 2)
		len = sizeof line - 2;
	line[len++] = '\n';
	/* One write per line so that lines from different sources do not
	 * interleave on the console. Nothing useful to do if it fails. */
	(void)guest_write_all(STDERR_FILENO, line, len);
	errno = saved_errno;
}

void guest_marker(unsigned char value)
{
	/* ioperm() only needs to succeed once; remember a refusal too so that
	 * callers can write markers unconditionally. */
	static int allowed = -1;

	if (allowed < 0)
		allowed = ioperm(GUEST_MARKER_PORT, 1, 1) == 0;
	if (allowed)
		outb(value, GUEST_MARKER_PORT);
}

void guest_sleep_ms(unsigned int ms)
{
	struct timespec left = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L };

	while (nanosleep(&left, &left) < 0 && errno == EINTR)
		;
}

int guest_write_all(int fd, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			/* Cannot make progress; do not spin. */
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void mount_fs(const char *type, const char *target, unsigned long flags,
		     const char *options, mode_t dir_mode)
{
	if (mkdir(target, dir_mode) < 0 && errno != EEXIST)
		guest_log("mkdir %s: %s", target, strerror(errno));
	/* EBUSY: the kernel (or an earlier stage) already mounted it. */
	if (mount(type, target, type, flags, options) < 0 && errno != EBUSY)
		guest_log("mount %s on %s: %s", type, target, strerror(errno));
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

static void mount_basics(void)
{
	/* /dev first: ensure_std_fds() needs it before anything else opens. */
	mount_fs("devtmpfs", "/dev", MS_NOSUID, "mode=0755", 0755);
	ensure_std_fds();
	mount_fs("proc", "/proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0555);
	mount_fs("sysfs", "/sys", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0555);
	mount_fs("tmpfs", "/tmp", MS_NOSUID | MS_NODEV, "mode=1777", 01777);
}

/* Strips leading and trailing whitespace (including a CR from CRLF files). */
static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t len = strlen(s);

	while (len > 0 && strchr(" \t\r\n", s[len - 1]))
		s[--len] = '\0';
	return s;
}

static void load_module(const char *file)
{
	char path[4096];

	if ((size_t)snprintf(path, sizeof path, "%s/%s", MODULE_DIR, file) >= sizeof path) {
		guest_log("module %s: path too long", file);
		return;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		guest_log("module %s: %s", path, strerror(errno));
		return;
	}
	/* glibc has no wrapper for finit_module. EEXIST means built in or
	 * already loaded, which is what we wanted. */
	if (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST)
		guest_log("module %s: %s", path, strerror(errno));
	close(fd);
}

static void load_modules(void)
{
	FILE *order = fopen(MODULE_ORDER, "re");

	if (!order) {
		/* No list: the kernel has everything built in. */
		if (errno != ENOENT)
			guest_log("%s: %s", MODULE_ORDER, strerror(errno));
		return;
	}
	char *line = NULL;
	size_t size = 0;

	while (getline(&line, &size, order) >= 0) {
		char *name = trim(line);

		if (*name != '\0' && *name != '#')
			load_module(name);
	}
	free(line);
	fclose(order);
}

void guest_setup(void)
{
	mount_basics();
	if (setenv("PATH", "/bin:/usr/bin", 1) < 0)
		guest_log("setenv PATH: %s", strerror(errno));
	load_modules();
}

/* Reads a small text file into buf (NUL-terminated). Returns its length or -1. */
static ssize_t read_small_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	size_t len = 0;

	while (len < size - 1) {
		ssize_t n = read(fd, buf + len, size - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	return (ssize_t)len;
}

enum guest_channel guest_channel_from_cmdline(void)
{
	char cmdline[4096];
	enum guest_channel channel = GUEST_CHANNEL_VIRTIO;

	if (read_small_file("/proc/cmdline", cmdline, sizeof cmdline) < 0) {
		guest_log("/proc/cmdline: %s; using virtio", strerror(errno));
		return channel;
	}
	/* The last occurrence wins, as for kernel parameters. */
	char *save = NULL;

	for (char *tok = strtok_r(cmdline, " \t\n", &save); tok;
	     tok = strtok_r(NULL, " \t\n", &save)) {
		if (strncmp(tok, CHANNEL_PARAM, strlen(CHANNEL_PARAM)) != 0)
			continue;
		const char *value = tok + strlen(CHANNEL_PARAM);

		if (strcmp(value, "virtio") == 0)
			channel = GUEST_CHANNEL_VIRTIO;
		else if (strcmp(value, "serial") == 0)
			channel = GUEST_CHANNEL_SERIAL;
		else
			guest_log("unknown %s%s ignored", CHANNEL_PARAM, value);
	}
	return channel;
}

int guest_cmdline_each(void (*fn)(const char *name, const char *value, void *ctx), void *ctx)
{
	char cmdline[4096];

	if (read_small_file("/proc/cmdline", cmdline, sizeof cmdline) < 0) {
		guest_log("/proc/cmdline: %s", strerror(errno));
		return -1;
	}
	char *save = NULL;

	for (char *tok = strtok_r(cmdline, " \t\n", &save); tok;
	     tok = strtok_r(NULL, " \t\n", &save)) {
		char *eq = strchr(tok, '=');

		if (eq)
			*eq = '\0';
		fn(tok, eq ? eq + 1 : NULL, ctx);
	}
	return 0;
}

struct param_lookup {
	const char *name;
	char *value;
	size_t size;
	int found;
};

static void match_param(const char *name, const char *value, void *ctx)
{
	struct param_lookup *lookup = ctx;

	/* The last occurrence wins, as for kernel parameters. */
	if (value && strcmp(name, lookup->name) == 0) {
		snprintf(lookup->value, lookup->size, "%s", value);
		lookup->found = 1;
	}
}

int guest_cmdline_param(const char *name, char *value, size_t size)
{
	struct param_lookup lookup = { name, value, size, 0 };

	guest_cmdline_each(match_param, &lookup);
	return lookup.found;
}

const char *guest_channel_name(enum guest_channel channel)
{
	return channel == GUEST_CHANNEL_SERIAL ? "serial" : "virtio";
}

/* Does the virtio port directory `port` carry our name? */
static bool is_agent_port(const char *port)
{
	char path[512], name[128];

	if ((size_t)snprintf(path, sizeof path, "%s/%s/name", VIRTIO_PORTS_DIR, port) >= sizeof path)
		return false;
	if (read_small_file(path, name, sizeof name) < 0)
		return false;
	return strcmp(trim(name), VIRTIO_PORT_NAME) == 0;
}

/* One scan of sysfs. Returns an open fd, or -1 if the port is not there yet. */
static int try_open_virtio_port(char *path, size_t path_size)
{
	DIR *dir = opendir(VIRTIO_PORTS_DIR);
	int fd = -1;

	if (!dir)
		return -1;
	for (struct dirent *ent; fd < 0 && (ent = readdir(dir));) {
		if (ent->d_name[0] == '.' || !is_agent_port(ent->d_name))
			continue;
		if ((size_t)snprintf(path, path_size, "/dev/%s", ent->d_name) >= path_size)
			continue;
		/* ENOENT: sysfs knows the port but devtmpfs has no node yet. */
		fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	}
	closedir(dir);
	return fd;
}

/*
 * Can a virtio port still appear? Only when the virtio_console driver is registered and
 * bound to a device: modules were loaded synchronously before this, and built-in drivers
 * probe before init runs, so an unbound or absent driver stays that way.
 */
static bool virtio_console_bound(const char **why)
{
	DIR *dir = opendir(VIRTIO_CONSOLE_DRIVER_DIR);

	if (!dir) {
		*why = "the kernel has no virtio_console driver (neither built in nor among the modules)";
		return false;
	}
	bool bound = false;

	for (struct dirent *ent; !bound && (ent = readdir(dir));)
		bound = strncmp(ent->d_name, "virtio", strlen("virtio")) == 0;
	closedir(dir);
	if (!bound)
		*why = "no virtio-console device is bound (no virtio transport for it)";
	return bound;
}

int guest_open_virtio_port(char *path, size_t path_size, bool drivers_settled)
{
	const char *why = NULL;

	if (drivers_settled && !virtio_console_bound(&why)) {
		guest_log("no virtio port: %s", why);
		return -1;
	}
	uint64_t deadline = monotonic_ms() + VIRTIO_WAIT_MS;

	for (;;) {
		int fd = try_open_virtio_port(path, path_size);

		if (fd >= 0)
			return fd;
		if (monotonic_ms() >= deadline) {
			guest_log("virtio-console is bound but no port named %s appeared in %d ms",
				  VIRTIO_PORT_NAME, VIRTIO_WAIT_MS);
			return -1;
		}
		guest_sleep_ms(VIRTIO_POLL_MS);
	}
}

/* Raw 8-bit line, no echo, no flow control, no modem control. */
static int make_raw(int fd)
{
	struct termios tio;

	if (tcgetattr(fd, &tio) < 0)
		return -1;
	cfmakeraw(&tio);
	tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
	tio.c_cflag &= ~(tcflag_t)(CRTSCTS | HUPCL);
	tio.c_cflag |= CLOCAL | CREAD;
	tio.c_cc[VMIN] = 1;
	tio.c_cc[VTIME] = 0;
	if (cfsetispeed(&tio, B115200) < 0 || cfsetospeed(&tio, B115200) < 0)
		return -1;
	if (tcsetattr(fd, TCSANOW, &tio) < 0)
		return -1;
	/* Bytes that arrived while the line was still cooked were mangled
	 * (and echoed); drop them and let the framing resynchronise. */
	tcflush(fd, TCIOFLUSH);
	return 0;
}

int guest_open_raw_tty(const char *device)
{
	/* O_NONBLOCK so that open() cannot wait for carrier before CLOCAL is set. */
	int fd = open(device, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		guest_log("open %s: %s", device, strerror(errno));
		return -1;
	}
	int flags = fcntl(fd, F_GETFL);

	if (make_raw(fd) < 0 || flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0) {
		guest_log("configuring %s: %s", device, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int open_serial(char *path, size_t path_size)
{
	int fd = guest_open_raw_tty(SERIAL_DEVICE);

	if (fd >= 0)
		snprintf(path, path_size, "%s", SERIAL_DEVICE);
	return fd;
}

int guest_open_channel(enum guest_channel wanted, char *path, size_t path_size,
		       enum guest_channel *opened)
{
	if (wanted == GUEST_CHANNEL_VIRTIO) {
		/* As PID 1 this agent loaded every module itself, before this. */
		int fd = guest_open_virtio_port(path, path_size, true);

		if (fd >= 0) {
			*opened = GUEST_CHANNEL_VIRTIO;
			return fd;
		}
		guest_log("no virtio port named %s; using %s", VIRTIO_PORT_NAME, SERIAL_DEVICE);
	}
	*opened = GUEST_CHANNEL_SERIAL;
	return open_serial(path, path_size);
}

void guest_power_off(void)
{
	sync();
	if (reboot(RB_POWER_OFF) < 0)
		guest_log("power off: %s", strerror(errno));
}

void guest_power_off_or_hang(void)
{
	guest_power_off();
	for (;;)
		pause();
}
