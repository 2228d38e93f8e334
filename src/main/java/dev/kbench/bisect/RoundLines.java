package dev.kbench.bisect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A measurement's console output: all of it to its log file, and to the user only the lines that
 * say where it is (a round starting, a kernel measured), indented under the bisection's own lines;
 * the rest (tables, file lists) the step's files hold.
 */
final class RoundLines extends OutputStream {

    private final OutputStream log;
    private final PrintStream progress;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RoundLines(OutputStream log, PrintStream progress) {
        this.log = log;
        this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
        log.write(b);
        if (b == '\n') {
            told(line.toString(StandardCharsets.UTF_8));
            line.reset();
        } else {
            line.write(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    private void told(String text) {
        String stripped = text.strip();
        if (stripped.startsWith("Starting round") || stripped.startsWith("Evaluating")) {
            progress.println("    " + stripped);
        }
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
