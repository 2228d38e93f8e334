/*
 * initrd mode's copy of the agent left for the host: before the switch into
 * a disk image, the agent copies itself and its build marker into
 * /run/kbench on a tmpfs at /run, which initrd.c then moves onto the image.
 * The host's side is src/main/java/dev/kbench/ssh/PreplacedAgent.java.
 * Apart from initrd.c because it is optional: a failure here is logged and
 * the boot goes on, where initrd.c powers off.
 */
#ifndef KBENCH_AGENT_COPY_H
#define KBENCH_AGENT_COPY_H

/* Where the tmpfs is mounted; initrd.c moves it onto the image's own folder. */
#define AGENT_COPY_RUN_DIR "/run"

/* Mounts the tmpfs and copies; any failure is one log line and no (or no whole) copy. */
void place_agent_copy(void);

#endif
