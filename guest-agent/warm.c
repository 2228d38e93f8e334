/*
 * Keeping the workload's CPU busy between runs; see warm.h.
 */
#define _GNU_SOURCE
#include "warm.h"
#include "clock.h"
#include "guest_setup.h"

#include <errno.h>
#include <poll.h>
#include <string.h>

/*
 * Long enough to cover the host's round trip and its bookkeeping between
 * runs (milliseconds), short enough that an agent left waiting, between
 * iterations or at the end, soon stops holding a host CPU.
 */
#define WARM_LIMIT_MS 1000

void warm_init(struct warm_cpu *w, const struct channel *ch)
{
	w->enabled = !ch->stdio && sched_getaffinity(0, sizeof w->home, &w->home) == 0;
	w->cpu = -1;
	w->moved = false;
}

static bool move_to(struct warm_cpu *w, int cpu)
{
	cpu_set_t one;

	if (cpu >= CPU_SETSIZE)
		return false;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof one, &one) < 0) {
		guest_log("cannot move onto CPU %d between runs: %s", cpu, strerror(errno));
		return false;
	}
	w->moved = true;
	return true;
}

void warm_wait(struct warm_cpu *w, const struct channel *ch)
{
	if (!w->enabled || w->cpu < 0 || ch->pos < ch->len || (!w->moved && !move_to(w, w->cpu)))
		return;
	uint64_t deadline = monotonic_ms() + WARM_LIMIT_MS;
	struct pollfd input = { .fd = ch->fd, .events = POLLIN };

	/* poll() with no timeout: the CPU stays busy; any event (data, hang-up) ends it */
	while (poll(&input, 1, 0) == 0 && monotonic_ms() < deadline)
		;
}

void warm_release(struct warm_cpu *w)
{
	if (!w->moved)
		return;
	if (sched_setaffinity(0, sizeof w->home, &w->home) < 0)
		guest_log("cannot move back to the agent's CPUs: %s", strerror(errno));
	w->moved = false;
}
