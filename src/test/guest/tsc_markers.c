/*
 * Reads the guest's TSC, writes marker 0x40 to port 0xf4, spins N times (two instructions an
 * iteration), writes marker 0x41, reads the TSC again and prints the TSC's advance. Under
 * QEMU's icount (shift=0) the TSC advances one per executed instruction, counted by TCG's own
 * instruction budget: a count of the same stretch made without kbench's TCG plugin, for a test
 * to hold the plugin's count between the two markers against. Needs root (ioperm).
 *
 *   tsc_markers [N]      (default 10000000)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/io.h>

static inline uint64_t tsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* the immediate form (E6 F4): the only one kbench's plugin stamps */
static inline void mark(unsigned char value)
{
	__asm__ __volatile__("outb %%al, $0xf4" : : "a"(value));
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 10) : 10000000UL;
	uint64_t before, after;

	if (n == 0 || ioperm(0xf4, 1, 1) != 0) {
		perror("tsc_markers: ioperm 0xf4 (or N is 0)");
		return 1;
	}
	before = tsc();
	mark(0x40);
	__asm__ __volatile__("1: dec %0\n\tjnz 1b" : "+r"(n));
	mark(0x41);
	after = tsc();
	printf("%llu\n", (unsigned long long)(after - before));
	return 0;
}
