/*
 * Writes the (FG)KASLR suite's boot markers to I/O port 0xf4, in the order its patched
 * kernels do, with known delays between them, so a test can check that kbench turns them
 * into the suite's fields (no kernel here is patched to write them itself). Needs root
 * (ioperm), which the guest agent's programs have.
 */
#include <stdio.h>
#include <sys/io.h>
#include <time.h>

static void mark(unsigned char value)
{
	outb(value, 0xf4);
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&t, &t) != 0)
		;
}

int main(void)
{
	if (ioperm(0xf4, 1, 1) != 0) {
		perror("ioperm 0xf4");
		return 1;
	}
	mark(0x01);			/* bootstrap start */
	sleep_ms(100);
	mark(0x03);			/* extract_kernel start */
	mark(0x04);			/* choose_random_location */
	sleep_ms(40);
	mark(0x05);
	mark(0x06);			/* decompression: 300 ms */
	sleep_ms(300);
	mark(0x07);
	mark(0x08);			/* parse_elf: 100 ms */
	sleep_ms(100);
	mark(0x09);
	mark(0x0a);			/* pre-relocation, relocation, post-relocation: 20 ms each */
	sleep_ms(20);
	mark(0x0b);
	mark(0x0c);
	sleep_ms(20);
	mark(0x0d);
	mark(0x0e);
	sleep_ms(20);
	mark(0x0f);
	mark(0x10);			/* extract_kernel end */
	mark(0x02);			/* bootstrap end */
	mark(0x11);			/* kernel start: 200 ms until init */
	sleep_ms(200);
	mark(0x12);
	printf("1\n");
	return 0;
}
