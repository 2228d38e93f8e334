package dev.kbench.soak;

import dev.kbench.vm.BootEvidence;
import dev.kbench.vm.BootException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * One boot of a soak that did not reach the agent.
 *
 * @param role {@code measured}, or {@code load} for a boot of the VM that loads the host
 * @param boot the boot's number within its role, from 0
 * @param hang true when the guest stopped without QEMU exiting (the agent did not answer in time),
 *             false for a failure that ended QEMU (a panic, a crash)
 * @param whereVcpusWere one line per vCPU ({@code vCPU 0: RIP=... HLT=1}) from the evidence, or empty
 */
public record SoakFailure(String role, int boot, boolean hang, String reason, Optional<BootEvidence> evidence, String consoleTail,
        String whereVcpusWere) {

    static SoakFailure of(String role, int boot, IOException error) {
        String reason = error instanceof BootException b ? b.reason() : error.getMessage().lines().findFirst().orElse("");
        Optional<BootEvidence> evidence = error instanceof BootException b ? b.evidence() : Optional.empty();
        String message = String.valueOf(error.getMessage());
        int tail = message.indexOf('\n');
        return new SoakFailure(role, boot, reason.startsWith("the guest agent did not answer"), reason, evidence,
                tail < 0 ? "" : message.substring(tail + 1), evidence.map(SoakFailure::vcpuSummary).orElse(""));
    }

    /** The state file's "where each vCPU is" section (see QemuState). */
    private static String vcpuSummary(BootEvidence evidence) {
        try {
            String state = Files.readString(evidence.qemuState());
            int start = state.indexOf("--- where each vCPU is\n");
            if (start < 0) {
                return "";
            }
            start += "--- where each vCPU is\n".length();
            int end = state.indexOf("\n---", start);
            return state.substring(start, end < 0 ? state.length() : end + 1).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
