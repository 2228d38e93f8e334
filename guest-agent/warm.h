/*
 * Keeping the workload's CPU busy between runs. After a run the host takes a
 * round trip to send the next request; left alone, the CPU the run was pinned
 * to idles through it, and the next run starts on a CPU that has just woken
 * up. Under TCG that alone makes runs spread more than the same runs started
 * back to back in the guest (docs/statistics.md, "Harness noise"); on KVM the
 * halted vCPU's thread sleeps on the host in the same way. So after a pinned
 * run the agent moves onto that CPU and spins there until the next request
 * has arrived, and stays there while it starts the next program pinned to it.
 */
#ifndef KBENCH_WARM_H
#define KBENCH_WARM_H

/* cpu_set_t: the including file defines _GNU_SOURCE before any include */
#include "frame.h"

#include <sched.h>
#include <stdbool.h>

struct warm_cpu {
	bool enabled; /* not in --stdio mode: there it would spin on the host */
	int cpu; /* the last pinned run's CPU, or -1 */
	bool moved; /* the agent runs on cpu now, not on home */
	cpu_set_t home;
};

/* Records the agent's own CPUs to come back to; enabled as the channel says. */
void warm_init(struct warm_cpu *w, const struct channel *ch);

/*
 * Before reading the next request: after a pinned run, spins on its CPU until
 * input is there or WARM_LIMIT_MS have passed. Nothing when input is buffered.
 */
void warm_wait(struct warm_cpu *w, const struct channel *ch);

/* Back to the agent's own CPUs (a program started now inherits them). */
void warm_release(struct warm_cpu *w);

#endif
