package dev.kbench.vm;

import dev.kbench.KbenchException;
import java.util.Optional;

/**
 * A kernel did not boot to a ready guest agent. The message's first line names the kernel, the
 * cause and, when the VM kept them ({@link VmSpec.Builder#failureDir}), the files with the
 * console and QEMU's state; the console's tail follows.
 */
public class BootException extends KbenchException {

    private final String cause;
    private final Optional<BootEvidence> evidence;

    public BootException(String kernel, String cause, String consoleTail) {
        this(kernel, cause, consoleTail, Optional.empty());
    }

    public BootException(String kernel, String cause, String consoleTail, Optional<BootEvidence> evidence) {
        super(Kind.BOOT_FAILURE, "kernel " + kernel + " did not boot: " + cause
                + evidence.map(e -> "; its console and QEMU's state are in " + e.console() + " and " + e.qemuState()).orElse("")
                + "\n  console's last lines:\n" + consoleTail);
        this.cause = cause;
        this.evidence = evidence;
    }

    /** The one-line reason, without the console tail. */
    public String reason() {
        return cause;
    }

    /** The files kept for this failure, if the VM had a failure folder. */
    public Optional<BootEvidence> evidence() {
        return evidence;
    }
}
