package dev.kbench.vm;

import dev.kbench.KbenchException;

/** A kernel did not boot to a ready guest agent. The message names the kernel, the cause and the console's tail. */
public class BootException extends KbenchException {

    private final String cause;

    public BootException(String kernel, String cause, String consoleTail) {
        super(Kind.BOOT_FAILURE, "kernel " + kernel + " did not boot: " + cause + "\n  console's last lines:\n" + consoleTail);
        this.cause = cause;
    }

    /** The one-line reason, without the console tail. */
    public String reason() {
        return cause;
    }
}
