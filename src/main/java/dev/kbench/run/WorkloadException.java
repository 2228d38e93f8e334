package dev.kbench.run;

import java.io.IOException;

/** A workload run that produced no measurement: it crashed, hung, failed or printed garbage. */
public class WorkloadException extends IOException {

    public WorkloadException(String message) {
        super(message);
    }

    public WorkloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
