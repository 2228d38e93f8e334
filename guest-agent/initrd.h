/*
 * initrd mode of the guest agent: with `kbench.mode=initrd root=DEVICE` on
 * the kernel command line, PID 1 of a kbench initramfs does what a
 * distribution's initrd does for a disk image and hands the machine to the
 * image's own init.
 */
#ifndef KBENCH_INITRD_H
#define KBENCH_INITRD_H

#include <stdbool.h>

/* Is `kbench.mode=initrd` on the kernel command line? */
bool initrd_requested(void);

/*
 * After guest_setup() (file systems mounted, modules of
 * /lib/modules/kbench/order loaded): waits for the root device, mounts it,
 * leaves a copy of the agent and /kbench-agent.build in /run/kbench on a
 * tmpfs at /run, moves /dev, /proc, /sys and /run onto it (a mount whose
 * folder the image lacks is dropped), frees the initramfs and executes the
 * image's init (`init=`, else /sbin/init and the kernel's other
 * candidates) with argv[1..] as its arguments. Never returns: on failure it
 * logs one line starting "kbench-agent: initrd: " and powers off.
 */
void initrd_boot_image(char **argv) __attribute__((noreturn));

#endif
