package dev.kbench.vm;

/**
 * One byte a guest wrote to I/O port 0xf4, with the host's time of arrival.
 *
 * @param value the byte: the (FG)KASLR suite's 0x01-0x12, or kbench's own 0x20/0x21
 * @param nanos nanoseconds since kbench started QEMU (the suite's "VMM exec")
 */
public record Marker(int value, long nanos) {

    /** The suite's schema (its kernels are patched to write these). */
    public static final int BOOTSTRAP_START = 0x01;
    public static final int BOOTSTRAP_END = 0x02;
    public static final int EXTRACT_KERNEL_START = 0x03;
    public static final int CHOOSE_RANDOM_LOCATION_START = 0x04;
    public static final int CHOOSE_RANDOM_LOCATION_END = 0x05;
    public static final int DECOMPRESSION_START = 0x06;
    public static final int DECOMPRESSION_END = 0x07;
    public static final int PARSE_ELF_START = 0x08;
    public static final int PARSE_ELF_END = 0x09;
    public static final int PRE_RELOCATION_START = 0x0a;
    public static final int PRE_RELOCATION_END = 0x0b;
    public static final int RELOCATION_START = 0x0c;
    public static final int RELOCATION_END = 0x0d;
    public static final int POST_RELOCATION_START = 0x0e;
    public static final int POST_RELOCATION_END = 0x0f;
    public static final int EXTRACT_KERNEL_END = 0x10;
    public static final int KERNEL_START = 0x11;
    public static final int BEFORE_INIT = 0x12;

    /** kbench's own, written by its guest agent on any kernel, patched or not. */
    public static final int INIT_START = 0x20;
    public static final int AGENT_READY = 0x21;
}
