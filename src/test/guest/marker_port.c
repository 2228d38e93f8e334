/*
 * Test program: writes kbench's marker port (0xf4) without asking for it (no ioperm) and
 * prints "port held" if the write went through (an I/O permission inherited from the agent)
 * or "port refused" if the CPU refused it (SIGSEGV, as for any process without the port).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf refused;

static void on_segv(int sig)
{
	(void)sig;
	siglongjmp(refused, 1);
}

int main(void)
{
	struct sigaction action;

	memset(&action, 0, sizeof(action));
	action.sa_handler = on_segv;
	sigaction(SIGSEGV, &action, NULL);
	if (sigsetjmp(refused, 1) == 0) {
		/* the marker the guest writes for nothing in particular: 0 is no boot phase */
		__asm__ __volatile__("outb %%al, $0xf4" : : "a"(0));
		puts("port held");
	} else {
		puts("port refused");
	}
	return 0;
}
