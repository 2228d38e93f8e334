/*
 * PID 1 setup shared by the guest agent and the baseline inits.
 * See guest_setup.h for the contract of each function.
 */
#define _GNU_SOURCE
#include "guest_setup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MODULE_DIR "/lib/modules/kbench"
#define MODULE_ORDER MODULE_DIR "/order"
#define CHANNEL_PARAM "kbench.channel="


static const char *log_name = "kbench";

void guest_set_log_name(const char *name)
{
	log_name = name;
}

static void log_line(int fd, const char *fmt, va_list ap)
{
	int saved_errno = errno;
	char line[1024];
	int prefix = snprintf(line, sizeof line, "%s: ", log_name);

	if (prefix < 0 || (size_t)prefix >= sizeof line)
		prefix = 0;
	int n = vsnprintf(line + prefix, sizeof line - prefix, fmt, ap);
	size_t len = prefix + (n < 0 ? 0 : (size_t)n);

	/* Keep room for the newline even when the message was cut short. */
	if (len > sizeof line - 2)
		len = sizeof line - 2;
	line[len++] = '\n';
	/* One write per line so that lines from different sources do not
	 * interleave on the console. Nothing useful to do if it fails. */
	(void)guest_write_all(fd, line, len);
	errno = saved_errno;
}

void guest_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(STDERR_FILENO, fmt, ap);
	va_end(ap);
}

void guest_log_to(int fd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line(fd, fmt, ap);
	va_end(ap);
}

void guest_marker(unsigned char value)
{
	/* The port is held only for the write: a task with an I/O bitmap pays
	 * for it on every return to user mode (tss_update_io_bitmap, some 50
	 * instructions a system call), and every program the agent forks would
	 * inherit it, adding that to each workload's cost on every kernel. A
	 * refusal is remembered, so callers write markers unconditionally. */
	static int refused;

	if (refused)
		return;
	if (ioperm(GUEST_MARKER_PORT, 1, 1) != 0) {
		refused = 1;
		return;
	}
	outb(value, GUEST_MARKER_PORT);
	ioperm(GUEST_MARKER_PORT, 1, 0);
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




char *guest_trim(char *s)
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
		char *name = guest_trim(line);

		if (*name != '\0' && *name != '#')
			load_module(name);
	}
	free(line);
	fclose(order);
}

void guest_setup(void)
{
	guest_mount_basics();
	if (setenv("PATH", "/bin:/usr/bin", 1) < 0)
		guest_log("setenv PATH: %s", strerror(errno));
	load_modules();
}

ssize_t guest_read_small_file(const char *path, char *buf, size_t size)
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

	if (guest_read_small_file("/proc/cmdline", cmdline, sizeof cmdline) < 0) {
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

	if (guest_read_small_file("/proc/cmdline", cmdline, sizeof cmdline) < 0) {
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
