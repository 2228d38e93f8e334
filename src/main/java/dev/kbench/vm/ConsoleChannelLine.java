package dev.kbench.vm;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Spots, in a console's bytes as they arrive, the line with which kbench's agent takes the
 * console over as its channel (a kernel with no virtio console and one UART): a line ending in
 * {@value #TEXT}. The agent writes it on a line already raw and has turned the kernel's console
 * messages off, so every byte after its newline is a frame (docs/agent-protocol.md).
 */
final class ConsoleChannelLine {

    /** The end of the agent's line; guest-agent/guest_setup.h has the same text (CONSOLE_CHANNEL_LINE). */
    static final String TEXT = "serving on the console from here on";
    private static final byte[] END = TEXT.getBytes(StandardCharsets.US_ASCII);

    /** The current line's last bytes: enough to compare its end, whatever its length. */
    private final byte[] tail = new byte[END.length + 1];
    private int length;

    /** The index just after the announcing line's newline in {@code bytes[from, to)}, or -1 if it does not end there. */
    int find(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                boolean found = endsWithText();
                length = 0;
                if (found) {
                    return i + 1;
                }
            } else if (b != '\r') {
                if (length == tail.length) {
                    System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                    length--;
                }
                tail[length++] = b;
            }
        }
        return -1;
    }

    private boolean endsWithText() {
        return length >= END.length && Arrays.equals(tail, length - END.length, length, END, 0, END.length);
    }
}
