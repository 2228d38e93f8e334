package dev.kbench.count;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The text a short-lived tool (QEMU asked a question, tar, gcc) writes to one stream, once it has ended. */
final class ProcessText {

    private ProcessText() {
    }

    /** All {@code p} writes to {@code stream}; {@code p} is killed if it has not ended within {@code limit} after that. */
    static String of(Process p, InputStream stream, Duration limit, String what) throws IOException {
        try (InputStream in = stream) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " did not finish within " + limit.toSeconds() + " s");
            }
            return text;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + what, e);
        }
    }
}
