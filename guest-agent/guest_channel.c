/*
 * The agent's channel to the host (guest_open_channel in guest_setup.h): the
 * virtio-serial port named kbench.agent, found through sysfs or, without sysfs,
 * as the only port of /proc/devices' virtio-portsdev; else the second UART; else,
 * on a kernel with one UART and no virtio console (Lupine's), the console itself.
 */
#define _GNU_SOURCE
#include "guest_setup.h"
#include "clock.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

#define VIRTIO_PORTS_DIR "/sys/class/virtio-ports"
#define VIRTIO_CONSOLE_DRIVER_DIR "/sys/bus/virtio/drivers/virtio_console"
#define VIRTIO_PORT_NAME "kbench.agent"
#define SERIAL_DEVICE "/dev/ttyS1"
#define CONSOLE_DEVICE "/dev/ttyS0"
/* syslog(2): printk to the console off, messages still kept in the kernel's log */
#define SYSLOG_ACTION_CONSOLE_OFF 6
/* Without sysfs, the port numbers tried on each virtio-console device. */
#define PORTS_TRIED 8

/* A port's name arrives in a control message from the host after its device is
 * bound, so a bound virtio-console device is waited for, up to this bound; without
 * one (no driver, no virtio bus) no port can ever appear and nothing is waited for. */
#define VIRTIO_WAIT_MS 5000
#define VIRTIO_POLL_MS 10

const char *guest_channel_name(enum guest_channel channel)
{
	return channel == GUEST_CHANNEL_SERIAL ? "serial" : channel == GUEST_CHANNEL_CONSOLE ? "console" : "virtio";
}

/* Does the virtio port directory `port` carry our name? */
static bool is_agent_port(const char *port)
{
	char path[512], name[128];

	if ((size_t)snprintf(path, sizeof path, "%s/%s/name", VIRTIO_PORTS_DIR, port) >= sizeof path)
		return false;
	if (guest_read_small_file(path, name, sizeof name) < 0)
		return false;
	return strcmp(guest_trim(name), VIRTIO_PORT_NAME) == 0;
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
		*why = "no virtio console (CONFIG_VIRTIO_CONSOLE, neither built in nor among the modules)";
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

/*
 * Without sysfs no port's name can be read: each virtio-console device has a major of
 * its own in /proc/devices (virtio-portsdev) and a minor per port. Every minor of the
 * major opens (the device claims all 256, a port's own node only its one), but only a
 * port can be written: an empty write is 0 there and EINVAL elsewhere. The one port
 * is kbench's; with several, which is which cannot be told. One scan: an fd, or -1
 * (*why set if final).
 */
static int try_open_port_without_sysfs(char *path, size_t path_size, const char **why)
{
	int fd = -1, found = 0;

	for (int dev = 0, major; (major = guest_char_major("virtio-portsdev", dev)) >= 0; dev++) {
		for (int port = 0; port < PORTS_TRIED; port++) {
			char node[64];

			snprintf(node, sizeof node, "/dev/kbench-vport%dp%d", dev, port);
			if (mknod(node, S_IFCHR | 0600, makedev(major, port)) < 0 && errno != EEXIST)
				continue;
			int got = open(node, O_RDWR | O_NOCTTY | O_CLOEXEC);

			if (got >= 0 && write(got, node, 0) < 0) {
				close(got);
				got = -1;
			}
			if (got < 0)
				continue;
			if (found++ == 0) {
				fd = got;
				snprintf(path, path_size, "%s", node);
			} else {
				close(got);
			}
		}
	}
	if (found > 1) {
		close(fd);
		*why = "several virtio ports and no sysfs (CONFIG_SYSFS) to tell which is " VIRTIO_PORT_NAME;
		return -1;
	}
	if (found == 0 && guest_char_major("virtio-portsdev", 0) < 0)
		*why = "no virtio console (CONFIG_VIRTIO_CONSOLE), or no device for it";
	return fd;
}

/* An open port, or -1 with the reason in *why. */
static int open_virtio_port(char *path, size_t path_size, bool drivers_settled, const char **why)
{
	/* /sys/class exists once sysfs is mounted; virtio-ports in it only once virtio_console registered */
	bool sysfs = access("/sys/class", F_OK) == 0;

	*why = NULL;
	if (sysfs && drivers_settled && !virtio_console_bound(why))
		return -1;
	uint64_t deadline = monotonic_ms() + VIRTIO_WAIT_MS;

	for (;;) {
		int fd = sysfs ? try_open_virtio_port(path, path_size) : try_open_port_without_sysfs(path, path_size, why);

		if (fd >= 0 || *why)
			return fd;
		if (monotonic_ms() >= deadline) {
			*why = "virtio-console is bound but no port named " VIRTIO_PORT_NAME " appeared in 5 s";
			return -1;
		}
		guest_sleep_ms(VIRTIO_POLL_MS);
	}
}

int guest_open_virtio_port(char *path, size_t path_size, bool drivers_settled)
{
	const char *why;
	int fd = open_virtio_port(path, path_size, drivers_settled, &why);

	if (fd < 0)
		guest_log("no virtio port: %s", why);
	return fd;
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

/* The second UART, raw: an fd, or -1 with the reason in why[]. */
static int open_serial(char *path, size_t path_size, char *why, size_t why_size)
{
	/* ENODEV, ENXIO: the kernel drives fewer UARTs than QEMU has (CONFIG_SERIAL_8250_NR_UARTS) */
	int probe = open(SERIAL_DEVICE, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);

	if (probe < 0) {
		if (errno == ENODEV || errno == ENXIO || errno == EIO)
			snprintf(why, why_size, "no %s (CONFIG_SERIAL_8250_NR_UARTS is 1)", SERIAL_DEVICE);
		else
			snprintf(why, why_size, "open %s: %s", SERIAL_DEVICE, strerror(errno));
		return -1;
	}
	close(probe);
	int fd = guest_open_raw_tty(SERIAL_DEVICE);

	if (fd >= 0)
		snprintf(path, path_size, "%s", SERIAL_DEVICE);
	else
		snprintf(why, why_size, "%s cannot be made raw", SERIAL_DEVICE);
	return fd;
}

/*
 * The console as the channel: nothing but frames may follow the announcement on it, so the
 * kernel's printk to the console goes off first and this process's stdout and stderr move
 * to the kernel's log (/dev/kmsg, off the console now) or /dev/null.
 */
static int open_console(char *path, size_t path_size, const char *why)
{
	if (klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0) < 0)
		guest_log("klogctl console off: %s; kernel messages may garble frames", strerror(errno));
	int fd = guest_open_raw_tty(CONSOLE_DEVICE);

	if (fd < 0)
		return -1;
	guest_log_to(fd, "%s: " CONSOLE_CHANNEL_LINE, why);
	int quiet = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);

	if (quiet < 0)
		quiet = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (quiet >= 0) {
		dup2(quiet, STDOUT_FILENO);
		dup2(quiet, STDERR_FILENO);
		close(quiet);
	}
	snprintf(path, path_size, "%s", CONSOLE_DEVICE);
	return fd;
}

int guest_open_channel(enum guest_channel wanted, char *path, size_t path_size,
		       enum guest_channel *opened)
{
	const char *no_virtio = "kbench.channel=serial";

	if (wanted == GUEST_CHANNEL_VIRTIO) {
		/* As PID 1 this agent loaded every module itself, before this. */
		int fd = open_virtio_port(path, path_size, true, &no_virtio);

		if (fd >= 0) {
			*opened = GUEST_CHANNEL_VIRTIO;
			return fd;
		}
	}
	char no_serial[256];
	int fd = open_serial(path, path_size, no_serial, sizeof no_serial);

	if (fd >= 0) {
		if (wanted == GUEST_CHANNEL_VIRTIO)
			guest_log("no virtio port named %s (%s); using %s", VIRTIO_PORT_NAME, no_virtio, SERIAL_DEVICE);
		*opened = GUEST_CHANNEL_SERIAL;
		return fd;
	}
	char why[512];

	snprintf(why, sizeof why, "%s; %s", no_virtio, no_serial);
	*opened = GUEST_CHANNEL_CONSOLE;
	return open_console(path, path_size, why);
}
