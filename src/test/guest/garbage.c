/* Test program: output that is not a measurement ("hello world"), exit 0. */
#include <stdio.h>

int main(void)
{
	printf("hello world\n");
	return 0;
}
