/*
 * A calibration for benchmarks/calibration.sh: user-space integer arithmetic that no kernel change
 * touches (no system call, no memory beyond the registers inside the timed loop). Takes no
 * argument; prints the elapsed CLOCK_MONOTONIC nanoseconds of the loop (lsm-perf's contract).
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

int main(void)
{
	uint64_t x = 88172645463325252u, sum = 0;
	uint64_t start = now_ns();

	for (long i = 0; i < 40000000; i++) { /* xorshift64: a dependent chain the compiler cannot fold */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		sum += x;
		__asm__ volatile("" : "+r"(x)); /* keeps the loop inside the timed region */
	}
	uint64_t elapsed = now_ns() - start;

	if (sum == 42) /* keeps the loop; never true in practice */
		fputs("", stderr);
	printf("%llu\n", (unsigned long long)elapsed);
	return 0;
}
