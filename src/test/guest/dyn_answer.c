/*
 * A dynamically linked program with lsm-perf's contract (one integer on stdout), used to
 * check that kbench carries a workload's ELF interpreter and libraries into the guest.
 * It uses libm so that it needs a library besides libc.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	double x = argc > 1 ? atof(argv[1]) : 1764.0;

	printf("%ld\n", lround(sqrt(x)));
	return 0;
}
