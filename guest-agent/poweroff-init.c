/*
 * kbench-poweroff-init: the "bare boot" baseline.
 *
 * As PID 1 it marks start and readiness on the debugcon port and powers the
 * machine off at once, so that a boot with it measures the kernel and QEMU
 * alone: no mounts, no modules, no channel. The 0x20 marker is written too
 * so that every kbench init produces the same marker sequence.
 */
#define _GNU_SOURCE
#include "guest_setup.h"

#include <unistd.h>

int main(void)
{
	guest_set_log_name("kbench-poweroff-init");
	if (getpid() != 1) {
		guest_log("must run as PID 1 of a kbench guest");
		return 2;
	}
	guest_marker(GUEST_MARKER_START);
	guest_marker(GUEST_MARKER_READY);
	/* No filesystem worth syncing exists yet, but sync() costs nothing here. */
	guest_power_off_or_hang();
}
