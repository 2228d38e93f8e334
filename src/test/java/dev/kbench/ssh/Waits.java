package dev.kbench.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Waiting in tests for what a process on this host does: a condition within a bound, a process's end. */
final class Waits {

    private Waits() {
    }

    /** Whether process {@code pid} has ended (or is a zombie) within {@code bound}; /proc says, as kill -0 would. */
    static boolean endsWithin(long pid, Duration bound) throws InterruptedException {
        return waitFor(() -> !running(pid), bound);
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false; // no such process
        }
    }

    static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    static boolean waitFor(java.util.function.BooleanSupplier condition, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
