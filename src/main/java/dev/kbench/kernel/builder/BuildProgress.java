package dev.kbench.kernel.builder;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * make's output, seen line by line: every line goes to the build's log file, each step
 * ({@code CC}, {@code LD}, ...) is counted, and a progress line is told at most every
 * {@code every}: "small-kaslr (gzip): 812 steps, 2 min 10 s".
 */
final class BuildProgress extends OutputStream {

    private static final Pattern STEP = Pattern.compile("^\\s+[A-Z][A-Z0-9_]{1,9}\\s+\\S.*");

    private final OutputStream log;
    private final PrintStream out;
    private final String what;
    private final Duration every;
    private final long start = System.nanoTime();
    private long lastTold = start;
    private final StringBuilder line = new StringBuilder();
    private int steps;
    private String lastLine = "";
    private String lastError = "";
    private String firstCompilerError = "";

    BuildProgress(OutputStream log, PrintStream out, String what, Duration every) {
        this.log = log;
        this.out = out;
        this.what = what;
        this.every = every;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        log.write(b);
        if (b == '\n') {
            seen(line.toString());
            line.setLength(0);
        } else {
            line.append((char) b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        log.write(b, off, len);
        String text = new String(b, off, len, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                seen(line.toString());
                line.setLength(0);
            } else {
                line.append(c);
            }
        }
    }

    private void seen(String text) {
        if (STEP.matcher(text).matches()) {
            steps++;
        }
        if (!text.isBlank()) {
            lastLine = text.strip();
        }
        if (text.contains("error") || text.contains("Error") || text.contains("No rule to make")) {
            lastError = text.strip();
        }
        // make's own lines after a compiler's error only say which target failed: the compiler's first says why
        if (firstCompilerError.isEmpty() && text.contains(": error: ")) {
            firstCompilerError = text.strip();
        }
        long now = System.nanoTime();
        if (now - lastTold >= every.toNanos()) {
            lastTold = now;
            out.println("kbench: building " + what + ": " + steps + " steps, " + elapsed());
            out.flush();
        }
    }

    synchronized int steps() {
        return steps;
    }

    /** The line that best says why the build failed: the compiler's first error, else make's last, else the last line. */
    synchronized String cause() {
        return !firstCompilerError.isEmpty() ? firstCompilerError : lastError.isEmpty() ? lastLine : lastError;
    }

    String elapsed() {
        return format(Duration.ofNanos(System.nanoTime() - start));
    }

    static String format(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }

    @Override
    public void flush() throws IOException {
        log.flush();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
