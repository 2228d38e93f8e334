package dev.kbench.guest;

/** The agent did not answer within the time allowed. */
public class AgentTimeoutException extends AgentException {

    public AgentTimeoutException(String message) {
        super(message);
    }
}
