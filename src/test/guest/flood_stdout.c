/* Prints 1 GiB of digits on stdout, then exits 0: a workload whose output floods. */
#include <string.h>
#include <unistd.h>

int main(void)
{
	static char chunk[1 << 16];

	for (size_t i = 0; i < sizeof chunk; i++)
		chunk[i] = '0' + i % 10;
	for (long left = 1L << 30; left > 0; left -= sizeof chunk) {
		const char *p = chunk;
		size_t n = sizeof chunk;

		while (n > 0) {
			ssize_t w = write(1, p, n);

			if (w <= 0)
				return 1;
			p += w;
			n -= (size_t)w;
		}
	}
	return 0;
}
