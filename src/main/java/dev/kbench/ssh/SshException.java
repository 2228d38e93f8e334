package dev.kbench.ssh;

import dev.kbench.KbenchException;

/** SSH to a guest failed: the key was refused, or no SSH server answered in time. */
public class SshException extends KbenchException {

    private final boolean authentication;

    SshException(String message, boolean authentication, Throwable cause) {
        super(Kind.GUEST_FAILURE, message, cause);
        this.authentication = authentication;
    }

    /** True when a server answered but refused the key: waiting longer cannot help. */
    public boolean isAuthentication() {
        return authentication;
    }
}
