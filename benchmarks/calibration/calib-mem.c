/*
 * A calibration for benchmarks/calibration.sh: a random pointer chase through 16 MiB of user
 * memory, touched before the timed loop, so the loop makes no system call and takes no page
 * fault: what it measures is how fast this VM's memory is, which no kernel change touches. Takes
 * no argument; prints the elapsed CLOCK_MONOTONIC nanoseconds of the chase (lsm-perf's contract).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define SLOTS (16u << 20) / sizeof(size_t)
#define STEPS 1000000

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

int main(void)
{
	size_t *next = malloc(SLOTS * sizeof(size_t));
	uint64_t x = 88172645463325252u;

	if (next == NULL)
		return 1;
	for (size_t i = 0; i < SLOTS; i++)
		next[i] = i;
	for (size_t i = SLOTS - 1; i > 0; i--) { /* Sattolo's shuffle: one cycle through every slot */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		size_t j = x % i;
		size_t t = next[i];
		next[i] = next[j];
		next[j] = t;
	}
	size_t at = 0;
	uint64_t start = now_ns();

	for (long i = 0; i < STEPS; i++) {
		at = next[at];
		__asm__ volatile("" : "+r"(at)); /* keeps the chase inside the timed region */
	}
	uint64_t elapsed = now_ns() - start;

	printf("%llu\n", (unsigned long long)elapsed);
	return at == SLOTS; /* never: keeps the chase */
}
