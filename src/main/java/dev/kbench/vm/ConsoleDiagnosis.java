package dev.kbench.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads why a guest failed from the kernel console and QEMU's own log, so a failed boot says
 * "Kernel panic - not syncing: No working init found" instead of "timed out".
 */
final class ConsoleDiagnosis {

    private static final int TAIL_LINES = 15;
    private static final Pattern PANIC = Pattern.compile("Kernel panic - not syncing: ?(.*)");
    private static final List<Pattern> QEMU_FATAL = List.of(
            Pattern.compile("KVM internal error.*"),
            Pattern.compile("failed to set MSR.*"),
            // a warning is not why QEMU failed (e.g. "warning: host doesn't support requested feature")
            Pattern.compile("qemu-system-x86_64: (?!warning: )(.*)"));

    private ConsoleDiagnosis() {
    }

    /** The one-line cause, or empty text when the logs show none. */
    static String cause(Path console, Path qemuLog) {
        String qemu = read(qemuLog);
        for (Pattern pattern : QEMU_FATAL) {
            Matcher m = pattern.matcher(qemu);
            if (m.find()) {
                String line = m.group().strip();
                if (line.contains("KVM internal error") || line.contains("MSR")) {
                    return "QEMU: " + line + " (KVM cannot run this guest here, e.g. nested KVM; use --accel tcg)";
                }
                return "QEMU: " + (m.groupCount() > 0 ? m.group(1) : line).strip();
            }
        }
        String text = read(console);
        Matcher panic = PANIC.matcher(text);
        if (panic.find()) {
            return explainPanic(panic.group(1).strip());
        }
        if (text.contains("KVM internal error")) {
            return "KVM internal error (KVM cannot run this guest here; use --accel tcg)";
        }
        return "";
    }

    /** A kernel panic's message, with what it usually means for a kbench guest. */
    static String explainPanic(String message) {
        String line = "Kernel panic - not syncing: " + message;
        if (message.contains("Unable to mount root fs")) {
            return line + " (the kernel found no file system it can mount on the root disk: is the disk's driver built in,"
                    + " and the file system's?)";
        }
        if (message.startsWith("Requested init") || message.startsWith("No working init found")) {
            return line + " (the init program cannot run: missing from the root file system, or not an executable for this kernel)";
        }
        if (message.startsWith("Attempted to kill init")) {
            return line + " (init exited or crashed)";
        }
        return line;
    }

    /** QEMU could not bind the loopback port picked for SSH: someone took it after it was picked. */
    static boolean hostPortTaken(Path qemuLog) {
        return read(qemuLog).contains("Could not set up host forwarding rule");
    }

    /** The console's last lines, indented, for a failure message. */
    static String tail(Path console) {
        String[] lines = read(console).strip().split("\r?\n");
        if (lines.length == 1 && lines[0].isEmpty()) {
            return "    (the console is empty: the kernel printed nothing; is it an x86-64 kernel with a serial console?)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, lines.length - TAIL_LINES); i < lines.length; i++) {
            out.append("    | ").append(lines[i]).append('\n');
        }
        return out.toString().stripTrailing();
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
