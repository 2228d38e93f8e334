/*
 * Guest-side setup shared by the kbench guest agent and its baselines
 * (echo-init, poweroff-init): everything a PID 1 in a bare initramfs has to
 * do before it can talk to the host, kept in one place so that the baseline
 * measurements pay exactly the same costs as the agent.
 */
#ifndef KBENCH_GUEST_SETUP_H
#define KBENCH_GUEST_SETUP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Boot markers written to the QEMU isa-debugcon port (docs/agent-protocol.md). */
#define GUEST_MARKER_PORT 0xf4
#define GUEST_MARKER_START 0x20 /* PID 1 entered main */
#define GUEST_MARKER_READY 0x21 /* the channel is open */

enum guest_channel {
	GUEST_CHANNEL_VIRTIO,
	GUEST_CHANNEL_SERIAL,
	GUEST_CHANNEL_CONSOLE, /* only ever opened as the last fallback */
};

/* The end of the console's last line before it carries frames: the host hands the
 * console's stream to its agent client after it (docs/agent-protocol.md). */
#define CONSOLE_CHANNEL_LINE "serving on the console from here on"

/* Prefix for guest_log() lines, e.g. "kbench-agent". */
void guest_set_log_name(const char *name);

/* Writes one "<name>: <message>" line to stderr (the console as PID 1). */
void guest_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The same line written to fd instead (a raw tty: the line ends in a bare newline). */
void guest_log_to(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes one byte to the debugcon port; silently does nothing if not allowed. */
void guest_marker(unsigned char value);

/*
 * PID 1 setup: mounts /dev, /proc, /sys and /tmp, makes sure fds 0-2 are
 * open on the console, sets PATH and loads the modules listed in
 * /lib/modules/kbench/order. Failures are logged and otherwise ignored:
 * a half-working guest that can still report is better than a panic.
 */
void guest_setup(void);

/* The channel asked for on the kernel command line (kbench.channel=). */
enum guest_channel guest_channel_from_cmdline(void);

/*
 * Opens the channel to the host: the virtio-serial port named kbench.agent,
 * or /dev/ttyS1 in raw mode, or, on a kernel with neither (no virtio console,
 * one UART), the console ttyS0 itself: printk to the console turned off, the
 * line made raw and CONSOLE_CHANNEL_LINE written on it, stdout and stderr moved
 * to /dev/kmsg (or /dev/null) so that nothing else is written between frames.
 * A missing virtio port falls back to serial, a missing ttyS1 to the console.
 * Returns the fd (O_RDWR, O_CLOEXEC) or -1; on success stores the device
 * path in path[] and the channel actually opened in *opened.
 */
int guest_open_channel(enum guest_channel wanted, char *path, size_t path_size,
		       enum guest_channel *opened);

const char *guest_channel_name(enum guest_channel channel);

/*
 * Opens the virtio-serial port named kbench.agent. Returns the fd (O_RDWR,
 * O_CLOEXEC) with its device path in path[], or -1 if no such port appeared.
 * drivers_settled: every driver that will ever load has loaded (PID 1 loaded the
 * modules itself), so without a bound virtio-console device it returns -1 at once;
 * otherwise (a booted OS whose udev may still be loading modules) it waits a few
 * seconds for the port as it does for a bound device's name to arrive.
 */
int guest_open_virtio_port(char *path, size_t path_size, bool drivers_settled);

/* Opens a serial line raw at 115200 (no echo, no flow control). fd or -1 (logged). */
int guest_open_raw_tty(const char *device);

/*
 * Calls fn for each parameter on /proc/cmdline, in order: `name=value`
 * as ("name", "value"), a bare word as ("word", NULL). Returns -1 (logged)
 * if /proc/cmdline cannot be read, else 0.
 */
int guest_cmdline_each(void (*fn)(const char *name, const char *value, void *ctx), void *ctx);

/*
 * The value of the last kernel parameter `name=value`: copies it into
 * value[] (cut to size) and returns 1, or returns 0 if there is none.
 */
int guest_cmdline_param(const char *name, char *value, size_t size);

/*
 * Mounts /dev, /proc, /sys and /tmp for guest_setup(), making do on a minimal kernel:
 * without devtmpfs a ramfs on /dev with the nodes kbench uses, without tmpfs a ramfs
 * on /tmp; each kernel option missing is said in one console line.
 */
void guest_mount_basics(void);

/* The major of the nth (from 0) character device named `name` in /proc/devices, or -1. */
int guest_char_major(const char *name, int nth);

/* Strips leading and trailing whitespace (including a CR from CRLF files), in place. */
char *guest_trim(char *s);

/* Reads a small text file into buf (NUL-terminated). Returns its length or -1. */
ssize_t guest_read_small_file(const char *path, char *buf, size_t size);

/* Sleeps for the given number of milliseconds, resuming after signals. */
void guest_sleep_ms(unsigned int ms);

/* Writes all of buf, retrying short writes and EINTR. 0 or -1 (errno set). */
int guest_write_all(int fd, const void *buf, size_t len);

/*
 * Syncs and powers the machine off. Only returns if the kernel refused
 * (not PID 1, no CAP_SYS_BOOT); the failure has been logged by then.
 */
void guest_power_off(void);

/* Powers off, and if that fails sleeps forever: PID 1 must never exit. */
void guest_power_off_or_hang(void) __attribute__((noreturn));

#endif
