/* Test program: never exits on its own (for timeouts). */
#include <unistd.h>

int main(void)
{
	for (;;)
		pause();
}
