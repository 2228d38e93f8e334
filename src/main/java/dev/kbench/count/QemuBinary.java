package dev.kbench.count;

import dev.kbench.KbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a QEMU binary says of itself: its version, whether it was built to load plugins, and whether it loads one. */
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

    /**
     * Why {@code qemuBinary} refuses to load a plugin ({@code -plugin} arguments), or empty if it
     * loads it: a machine with no CPU, quit at once from its monitor, so nothing is emulated.
     */
    static Optional<String> pluginLoadError(String qemuBinary, List<String> pluginArguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(qemuBinary, "-machine", "none", "-accel", "tcg,thread=single", "-display", "none",
                "-nodefaults", "-no-user-config", "-monitor", "stdio"));
        command.addAll(pluginArguments);
        Process p;
        try {
            // the monitor's prompts go to stdout; QEMU's refusal to stderr, which is all that is read
            p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw cannotRun(qemuBinary, e);
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write("quit\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // QEMU refused the plugin and exited before reading: its stderr says why
        }
        String errors = finish(p, p.getErrorStream(), qemuBinary + " -plugin");
        if (p.exitValue() == 0) {
            return Optional.empty();
        }
        return Optional.of(errors.lines().filter(l -> !l.isBlank()).findFirst().orElse("exit status " + p.exitValue())
                .replaceFirst("^qemu-system-\\S+: ", ""));
    }

    private static String output(String qemuBinary, String option) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(qemuBinary, option).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw cannotRun(qemuBinary, e);
        }
        return finish(p, p.getInputStream(), qemuBinary + " " + option);
    }

    private static KbenchException cannotRun(String qemuBinary, IOException e) {
        return new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot run " + qemuBinary + " (" + e.getMessage()
                + "): install QEMU (Debian: qemu-system-x86)");
    }

    private static String finish(Process p, InputStream stream, String what) throws IOException {
        return ProcessText.of(p, stream, Duration.ofSeconds(30), what);
    }
}
