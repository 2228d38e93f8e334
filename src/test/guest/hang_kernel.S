/*
 * A "kernel" that never boots and never writes a boot marker: an ELF whose PVH entry point
 * (the Xen ELF note QEMU's -kernel looks for) halts forever. The test of a boot that times out.
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
1:	hlt
	jmp 1b
