/*
 * A "kernel" that floods: an ELF whose PVH entry point (as in hang_kernel.S) writes a console
 * line to the first serial port (0x3f8) and a byte to the boot-marker port (0xf4), forever.
 * The test of a guest that floods its console and the marker port.
 */
	.section .note.Xen, "a"
	.align 4
	.long 4				/* name size */
	.long 4				/* descriptor size */
	.long 18			/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.align 4
	.long _start

	.text
	.code32
	.globl _start
_start:
	cli
	cld
1:	movl $line, %esi
	movl $(line_end - line), %ecx
	movw $0x3f8, %dx
	rep outsb
	movw $0xf4, %dx
	movb $0x7f, %al
	outb %al, %dx
	jmp 1b

line:	.ascii "[    0.000000] flood flood flood flood flood flood flood flood flood flood flood flood\n"
line_end:
