package dev.kbench.ssh;

import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.guest.Transport;
import java.io.IOException;
import java.time.Duration;

/**
 * An image guest that runs each workload with one SSH exec, as lsm-perf does: the wall time is
 * host-side (exec request to exit status), and pinning uses the image's {@code taskset}.
 */
public final class SshExecGuest extends ImageGuest {

    private final String agentProblem;

    /** @param agentProblem why kbench's agent is not serving instead, or empty when SSH exec was asked for */
    SshExecGuest(Login login, String agentProblem) {
        super(login);
        this.agentProblem = agentProblem;
    }

    @Override
    public RunResult run(RunRequest request, Duration replyTimeout) throws IOException {
        return runOverSsh(request, replyTimeout);
    }

    @Override
    public String transport() {
        return Transport.SSH.toString();
    }

    @Override
    public String agentProblem() {
        return agentProblem;
    }

    @Override
    void stopTransport() {
        // nothing runs between workloads
    }
}
