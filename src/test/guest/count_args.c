/*
 * Test program for argv passing: prints the number of arguments (argc - 1)
 * on stdout and each argument on its own line on stderr.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		fprintf(stderr, "%s\n", argv[i]);
	printf("%d\n", argc - 1);
	return 0;
}
