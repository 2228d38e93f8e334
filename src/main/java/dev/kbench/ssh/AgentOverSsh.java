package dev.kbench.ssh;

import dev.kbench.ShellQuote;
import dev.kbench.guest.AgentClient;
import dev.kbench.guest.GuestBinaries;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.guest.Transport;
import dev.kbench.io.UnixSocketStreams;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;

/**
 * An image guest whose workloads run through kbench's agent, copied in and started over SSH on
 * the VM's virtio-serial port: the wall time is the guest's (fork to exit), as in kbench's own
 * guest.
 */
public final class AgentOverSsh extends ImageGuest {

    /** Copying the agent in, and its wait of up to 5 s for its port; beyond that it is not coming. */
    private static final Duration AGENT_START = Duration.ofSeconds(75);

    private final SshConnection.RemoteProcess agentProcess;
    private final AgentClient agent;

    private AgentOverSsh(Login login, SshConnection.RemoteProcess agentProcess, AgentClient agent) {
        super(login);
        this.agentProcess = agentProcess;
        this.agent = agent;
    }

    /** Copies the agent in and starts it; when it cannot serve, says why and returns an {@link SshExecGuest} instead. */
    static ImageGuest start(Login login, PrintStream log) throws IOException {
        String agentPath = login.guestDir() + "/kbench-agent";
        // copied in and started by one command: every command costs the guest a shell and its processes
        SshConnection.RemoteProcess process = login.ssh().start(SshConnection.installCommand(agentPath) + " && exec "
                + ShellQuote.quote(agentPath) + " --serve", GuestBinaries.agent());
        AgentClient client = AgentClient.over(UnixSocketStreams.connect(login.vm().agentSocket()));
        String problem = "";
        long deadline = System.nanoTime() + AGENT_START.toNanos();
        try {
            while (System.nanoTime() < deadline && process.isRunning()) {
                if (client.answersWithin(Duration.ofMillis(20))) {
                    return new AgentOverSsh(login, process, client);
                }
            }
        } catch (IOException e) {
            problem = e.getMessage();
        }
        client.close();
        String output = process.output().strip();
        process.close();
        if (!output.isEmpty()) {
            problem = output.lines().reduce((first, second) -> second).orElse(output);
        } else if (problem.isEmpty()) {
            problem = "it did not answer within " + AGENT_START.toSeconds() + " s";
        }
        log.println("kbench: the guest agent cannot serve in this image (" + problem + "); running workloads over ssh exec");
        return new SshExecGuest(login, problem);
    }

    @Override
    public RunResult run(RunRequest request, Duration replyTimeout) throws IOException {
        return agent.run(request, replyTimeout);
    }

    /** Through the agent's channel: no SSH command, no shell and no processes in the guest for it. */
    @Override
    String install(String name, byte[] content) throws IOException {
        String path = guestDir() + "/" + name;
        agent.writeFile(path, content, 0755, COPY_TIMEOUT);
        return path;
    }

    @Override
    public String transport() {
        return Transport.AGENT.toString();
    }

    @Override
    public String agentProblem() {
        return "";
    }

    @Override
    void stopTransport() {
        try {
            agent.close();
        } catch (IOException e) {
            // QEMU is stopped next either way
        }
        agentProcess.close();
    }
}
