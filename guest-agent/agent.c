/*
 * kbench-agent: the guest side of kbench.
 *
 * Runs as PID 1 of a kbench initramfs, sets the guest up, opens the channel
 * to the host (virtio-serial port "kbench.agent", or /dev/ttyS1, or the
 * console ttyS0 on a kernel with neither) and serves
 * requests on it forever: ping, run a program and report its status,
 * output and wall time, power off. The wire format is specified in
 * docs/agent-protocol.md.
 *
 * `kbench-agent --stdio` serves the same protocol on stdin/stdout without
 * touching the machine, so that the host-side tests can exercise it.
 *
 * With `kbench.mode=initrd root=DEVICE` on the kernel command line, PID 1
 * instead loads the modules, mounts the disk image and hands over to its
 * init (initrd.c), leaving a copy of itself in /run/kbench for the host to
 * start (agent_copy.c). `kbench-agent --serve [DEVICE]`, started later inside
 * that image (over SSH), serves on the virtio port kbench.agent (or on
 * DEVICE) without mounting or loading anything.
 *
 * This file picks the mode and opens the channel; frame.c reads and writes
 * frames, serve.c answers requests, run.c runs programs. Rules that shape
 * them all: PID 1 must never exit (the kernel panics), so no request and no
 * input may make the agent exit or crash; every request gets exactly one
 * reply with its id; the stream must stay in step whatever the host sends.
 */
#define _GNU_SOURCE
#include "frame.h"
#include "guest_setup.h"
#include "initrd.h"
#include "run.h"
#include "serve.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define AGENT_NAME "kbench-agent"

/* Static, not on the stack: PID 1 should not depend on a big stack. */
static struct channel chan;

/* SIGPIPE is ignored so that a vanished host is an error return, not death. */
static void setup_signals(void)
{
	signal(SIGPIPE, SIG_IGN);
	if (run_init() < 0) {
		guest_log("SIGCHLD handler: %s", strerror(errno));
		if (getpid() == 1)
			guest_power_off_or_hang();
		exit(1);
	}
}

/*
 * kbench explain boots with kbench.window=on: programs the agent runs then find
 * KBENCH_WINDOW in their environment, and the built-in workloads write port 0xf5
 * around their timed region for kbench's TCG plugin (workloads/workload.h). Only
 * PID 1 of a kbench guest passes it on, as only it writes port 0xf4: a port write
 * on a real host is not the agent's to ask for.
 */
static void pass_on_window(void)
{
	char value[8];

	if (guest_cmdline_param("kbench.window", value, sizeof value) && strcmp(value, "on") == 0 &&
	    setenv("KBENCH_WINDOW", "0xf5", 1) < 0)
		guest_log("setenv KBENCH_WINDOW: %s", strerror(errno));
}

static void open_guest_channel(struct channel *ch)
{
	char path[256];
	enum guest_channel opened;

	ch->fd = guest_open_channel(guest_channel_from_cmdline(), path, sizeof path, &opened);
	if (ch->fd < 0) {
		/* Without a channel nothing can be done; a prompt power off with
		 * this on the console beats a hang until the host times out. */
		guest_log("no channel to the host; powering off");
		guest_power_off_or_hang();
	}
	ch->tty = opened != GUEST_CHANNEL_VIRTIO;
	guest_log("ready on %s (%s)", path, guest_channel_name(opened));
}

/* Serve mode: a process inside a booted image; no fallback, the host has one. */
static void open_serve_channel(struct channel *ch, const char *device)
{
	char path[256];

	if (device) {
		ch->fd = open(device, O_RDWR | O_NOCTTY | O_CLOEXEC);
		/* A serial line must be raw, as on the PID 1 fallback. */
		if (ch->fd >= 0 && isatty(ch->fd)) {
			close(ch->fd);
			ch->fd = guest_open_raw_tty(device);
			ch->tty = ch->fd >= 0;
		}
		snprintf(path, sizeof path, "%s", device);
	} else {
		/*
		 * Booted directly by the kernel, the image's udev may still be loading
		 * virtio_console: wait for it. Booted through kbench's initramfs
		 * (kbench.mode=initrd), no: that loaded virtio_pci and virtio_console
		 * with finit_module before the image's init ran (or they are built
		 * in), and loading a driver binds the devices present, so a device
		 * unbound now stays unbound. Only a module the initramfs lacks but
		 * the image has could still come; then runs go over SSH exec, and
		 * the host says why, instead of every boot waiting 5 s to learn it.
		 */
		ch->fd = guest_open_virtio_port(path, sizeof path, initrd_requested());
	}
	if (ch->fd < 0) {
		if (device)
			guest_log("cannot open %s: %s", device, strerror(errno));
		else
			guest_log("no virtio port named kbench.agent (is virtio_console loaded,"
				  " /sys mounted and /dev a devtmpfs?)");
		exit(1);
	}
	guest_log("serving on %s", path);
}

/* Host test mode may be started with fd 2 closed; keep pipes off fds 0-2. */
static void ensure_stderr(void)
{
	if (fcntl(STDERR_FILENO, F_GETFD) < 0 && errno == EBADF) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0 && fd != STDERR_FILENO) {
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
	}
}

int main(int argc, char **argv)
{
	/* Decide first: outb() on a real host's port 0xf4 is not ours to do.
	 * As PID 1, argv holds leftover kernel parameters; ignore it. */
	if (getpid() == 1) {
		guest_marker(GUEST_MARKER_START);
		guest_set_log_name(AGENT_NAME);
		guest_setup();
		if (initrd_requested())
			initrd_boot_image(argv);
		pass_on_window();
		setup_signals();
		open_guest_channel(&chan);
		guest_marker(GUEST_MARKER_READY);
	} else if (argc == 2 && strcmp(argv[1], "--stdio") == 0) {
		guest_set_log_name(AGENT_NAME);
		ensure_stderr();
		setup_signals();
		chan.fd = STDIN_FILENO;
		chan.stdio = true;
		guest_log("ready on stdio");
	} else if ((argc == 2 || argc == 3) && strcmp(argv[1], "--serve") == 0) {
		guest_set_log_name(AGENT_NAME);
		ensure_stderr();
		setup_signals();
		open_serve_channel(&chan, argc == 3 ? argv[2] : NULL);
	} else {
		fprintf(stderr, "usage: %s --stdio | --serve [DEVICE] (or run as PID 1 of a kbench guest)\n",
			argv[0] ? argv[0] : AGENT_NAME);
		return 2;
	}
	serve(&chan);
}
