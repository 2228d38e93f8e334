/*
 * Test program: prints the CPUs it may run on and those of PID 1 (the agent),
 * e.g. "self 0-1 agent 0", for the tests of where the agent waits between runs.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>

static void print_cpus(const char *name, pid_t pid)
{
	cpu_set_t set;

	if (sched_getaffinity(pid, sizeof set, &set) < 0) {
		perror("sched_getaffinity");
		return;
	}
	printf("%s ", name);
	for (int cpu = 0, first = 1; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		int last = cpu;

		while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, &set))
			last++;
		printf(first ? "%d" : ",%d", cpu);
		if (last > cpu)
			printf("-%d", last);
		first = 0;
		cpu = last;
	}
}

int main(void)
{
	print_cpus("self", 0);
	putchar(' ');
	print_cpus("agent", 1);
	putchar('\n');
	return 0;
}
