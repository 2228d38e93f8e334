package dev.kbench.guest;

/** The agent answered with an error, or with something that is not a valid reply. */
public class AgentException extends RuntimeException {

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
