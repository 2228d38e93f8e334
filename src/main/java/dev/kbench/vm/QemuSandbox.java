package dev.kbench.vm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * QEMU's seccomp sandbox, on wherever the QEMU binary has it: the guest is untrusted, and a
 * guest that escaped into QEMU must not gain privileges, start programs, or use obsolete or
 * resource-control system calls. Whether a binary has it is asked once per binary and JVM, by
 * starting it with the sandbox and no machine; one without it is used as it is, and kbench
 * says so on stderr.
 */
final class QemuSandbox {

    static final List<String> ARGS = List.of("-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");

    private static final Map<String, Boolean> SUPPORTED = new ConcurrentHashMap<>();

    private QemuSandbox() {
    }

    /** {@code command} (QEMU's, maybe behind a wrapper such as setpriv) with the sandbox's options right after {@code binary}, if it has the sandbox. */
    static List<String> apply(String binary, List<String> command) {
        int at = command.indexOf(binary);
        if (at < 0 || !supported(binary)) {
            return command;
        }
        List<String> sandboxed = new ArrayList<>(command);
        sandboxed.addAll(at + 1, ARGS);
        return sandboxed;
    }

    static boolean supported(String qemuBinary) {
        return SUPPORTED.computeIfAbsent(qemuBinary, binary -> {
            boolean supported = probe(binary);
            if (!supported) {
                System.err.println("kbench: warning: " + binary + " has no seccomp sandbox (" + String.join(" ", ARGS)
                        + " fails): QEMU runs without it");
            }
            return supported;
        });
    }

    private static boolean probe(String binary) {
        List<String> command = new ArrayList<>(List.of(binary));
        command.addAll(ARGS);
        command.addAll(List.of("-machine", "none", "-nodefaults", "-display", "none", "-monitor", "stdio"));
        try {
            Process qemu = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (OutputStream in = qemu.getOutputStream()) {
                in.write("quit\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // it ended already: its status says why
            }
            if (!qemu.waitFor(20, TimeUnit.SECONDS)) {
                qemu.destroyForcibly();
                return false;
            }
            return qemu.exitValue() == 0;
        } catch (IOException e) {
            return false; // no such binary: launching it says so
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
