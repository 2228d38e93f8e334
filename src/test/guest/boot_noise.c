/*
 * A workload whose value changes from boot to boot and never within one: it prints a number
 * drawn from the kernel's boot id (a random UUID each boot), so that two names of one kernel
 * stay undecided however many rounds they run, which is what a test of sequential rounds needs
 * beside a workload that is decided at once.
 */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	FILE *id = fopen("/proc/sys/kernel/random/boot_id", "r");
	unsigned long hash = 5381;
	int c;

	if (id == NULL) {
		perror("boot_id");
		return 1;
	}
	while ((c = fgetc(id)) != EOF)
		hash = hash * 33 + (unsigned long)c;
	fclose(id);
	/* 1,000,000 to 2,000,000: round means up to twice one another */
	printf("%lu\n", 1000000 + hash % 1000000);
	return 0;
}
