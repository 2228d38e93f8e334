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
 * An image guest whose workloads run through kbench's agent, started over SSH on the VM's
 * virtio-serial port (the copy kbench's initramfs left in the image, or one copied in): the wall
 * time is the guest's (fork to exit), as in kbench's own guest.
 */
public final class AgentOverSsh extends ImageGuest {

    /** Copying the agent in, and its wait of up to 5 s for its port; beyond that it is not coming. Per start tried. */
    private static final Duration AGENT_START = Duration.ofSeconds(75);

    private final RemoteProcess agentProcess;
    private final AgentClient agent;

    private AgentOverSsh(Login login, RemoteProcess agentProcess, AgentClient agent) {
        super(login);
        this.agentProcess = agentProcess;
        this.agent = agent;
    }

    /**
     * Starts the agent kbench's initramfs left in the image ({@link PreplacedAgent}) when it
     * booted the image, else copies the agent in and starts it; says which in one line. When the
     * agent cannot serve, says why and returns an {@link SshExecGuest} instead.
     */
    static ImageGuest start(Login login, PrintStream log) throws IOException {
        AgentClient client = AgentClient.over(UnixSocketStreams.connect(login.vm().agentSocket()));
        try {
            boolean throughInitramfs = login.vm().spec().initramfs() != null;
            if (throughInitramfs) {
                String build = GuestBinaries.agentBuild();
                Started placed = await(login.ssh().start(PreplacedAgent.command(PreplacedAgent.DIR, build, login.guestDir())), client);
                if (placed.serving()) {
                    log.println("kbench: started the agent kbench's initramfs left in " + PreplacedAgent.DIR + " (build " + build
                            + "); nothing copied");
                    return new AgentOverSsh(login, placed.process(), client);
                }
                if (!placed.absent()) {
                    return overSshExec(login, client, placed.problem(), log);
                }
                // a warning, so that kbench run shows it (once): it costs every round the copy's time
                log.println("kbench: warning: kbench's initramfs left no agent of build " + build + " in the image's " + PreplacedAgent.DIR
                        + " (has the image no /run folder?); copying it in over SSH at every boot");
            }
            String agentPath = login.guestDir() + "/kbench-agent";
            // copied in and started by one command: every command costs the guest a shell and its processes
            Started copied = await(login.ssh().start(SshConnection.installCommand(agentPath) + " && exec " + ShellQuote.quote(agentPath)
                    + " --serve", GuestBinaries.agent()), client);
            if (copied.serving()) {
                if (!throughInitramfs) {
                    log.println("kbench: copied the agent in over SSH (the kernel mounted the image itself: no initramfs of kbench's left one)");
                }
                return new AgentOverSsh(login, copied.process(), client);
            }
            return overSshExec(login, client, copied.problem(), log);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** How a start went: serving (with its process), or ended with a problem; absent: there was no agent to start. */
    private record Started(RemoteProcess process, String problem, boolean absent) {
        boolean serving() {
            return process != null;
        }
    }

    /** Waits for the agent {@code process} started to answer {@code client}; on failure ends the process. */
    private static Started await(RemoteProcess process, AgentClient client) {
        String problem = "";
        long deadline = System.nanoTime() + AGENT_START.toNanos();
        try {
            while (System.nanoTime() < deadline && process.isRunning()) {
                if (client.answersWithin(Duration.ofMillis(20))) {
                    return new Started(process, "", false);
                }
            }
        } catch (IOException e) {
            problem = e.getMessage();
        }
        String output = process.output().strip();
        Integer status = process.isRunning() ? null : process.exitStatus(Duration.ofSeconds(1));
        process.close();
        if (!output.isEmpty()) {
            problem = output.lines().reduce((first, second) -> second).orElse(output);
        } else if (problem.isEmpty()) {
            problem = status != null ? "it exited with status " + status : "it did not answer within " + AGENT_START.toSeconds() + " s";
        }
        // the agent itself exits with 1 or 2; a login shell's own chatter on stderr does not matter
        return new Started(null, problem, status != null && status == PreplacedAgent.ABSENT);
    }

    private static ImageGuest overSshExec(Login login, AgentClient client, String problem, PrintStream log) throws IOException {
        client.close();
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
