package dev.kbench.run;

import dev.kbench.KbenchException;

/** A workload run that produced no measurement: it crashed, hung, failed or printed garbage. */
public class WorkloadException extends KbenchException {

    public WorkloadException(String message) {
        super(Kind.GUEST_FAILURE, message);
    }

    public WorkloadException(String message, Throwable cause) {
        super(Kind.GUEST_FAILURE, message, cause);
    }
}
