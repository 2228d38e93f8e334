/* Test program: prints "12" on stdout and exits with status 3. */
#include <stdio.h>

int main(void)
{
	printf("12\n");
	return 3;
}
