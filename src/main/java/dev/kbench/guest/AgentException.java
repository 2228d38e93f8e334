package dev.kbench.guest;

import dev.kbench.KbenchException;

/** The agent answered with an error, or with something that is not a valid reply. */
public class AgentException extends KbenchException {

    public AgentException(String message) {
        super(Kind.GUEST_FAILURE, message);
    }

    public AgentException(String message, Throwable cause) {
        super(Kind.GUEST_FAILURE, message, cause);
    }
}
