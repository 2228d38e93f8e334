package dev.kbench.guest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A program to run in the guest: its argv (argv[0] is the path), the guest CPU to pin it to
 * (-1 for none) and a timeout after which the agent kills it (zero for none).
 */
public record RunRequest(List<String> argv, int cpu, Duration timeout) {

    public RunRequest {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a run request needs at least the program path");
        }
        for (String arg : argv) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("argument contains a NUL byte: " + arg);
            }
        }
    }

    public static RunRequest of(String... argv) {
        return new RunRequest(List.of(argv), -1, Duration.ZERO);
    }

    public RunRequest pinnedTo(int guestCpu) {
        return new RunRequest(argv, guestCpu, timeout);
    }

    public RunRequest withTimeout(Duration limit) {
        return new RunRequest(argv, cpu, limit);
    }

    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer header = ByteBuffer.allocate(8).putInt(cpu).putInt((int) Math.min(timeout.toMillis(), 0xFFFF_FFFFL));
        out.writeBytes(header.array());
        for (String arg : argv) {
            out.writeBytes(arg.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
