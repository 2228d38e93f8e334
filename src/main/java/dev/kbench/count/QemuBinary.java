package dev.kbench.count;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** What a QEMU binary says of itself: its version, and whether it was built to load plugins. */
final class QemuBinary {

    private QemuBinary() {
    }

    static String versionOutput(String qemuBinary) throws IOException {
        return output(qemuBinary, "--version");
    }

    /** A QEMU configured without {@code --enable-plugins} has no {@code -plugin} option. */
    static boolean loadsPlugins(String qemuBinary) throws IOException {
        return output(qemuBinary, "-help").lines().anyMatch(line -> line.startsWith("-plugin"));
    }

    private static String output(String qemuBinary, String option) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(qemuBinary, option).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot run " + qemuBinary + " (" + e.getMessage()
                    + "): install QEMU (Debian: qemu-system-x86)");
        }
        try (InputStream in = p.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(qemuBinary + " " + option + " did not finish within 30 s");
            }
            return text;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + qemuBinary + " " + option, e);
        }
    }
}
