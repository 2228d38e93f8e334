/* Test program: prints nothing and dies of SIGSEGV. */
#include <signal.h>

int main(void)
{
	raise(SIGSEGV);
	/* Not reached unless SIGSEGV is blocked or ignored; still fail loudly. */
	return 1;
}
