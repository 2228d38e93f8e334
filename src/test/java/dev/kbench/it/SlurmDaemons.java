package dev.kbench.it;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;
import org.zeroturnaround.exec.StartedProcess;

/**
 * The daemons {@link SlurmTestCluster} started, in the order it started them: each one's process
 * and its console output in {@code NAME.out} in the cluster's folder (which has the errors of a
 * daemon that died before opening its log). Apart from the cluster so that what it takes to start
 * a daemon that dies with the JVM, and to stop it cleanly, is in one place.
 */
final class SlurmDaemons {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path dir;
    private final Map<String, String> environment;
    private final Map<String, Daemon> daemons = new LinkedHashMap<>();

    /** Daemons that run in {@code dir} with {@code environment} (the cluster's SLURM_CONF). */
    SlurmDaemons(Path dir, Map<String, String> environment) {
        this.dir = dir;
        this.environment = environment;
    }

    /**
     * Starts a daemon with parent-death signal KILL, so that it dies with the JVM even when no
     * shutdown hook runs; {@code setprivOptions} go to the same setpriv, because a change of user
     * (a later setpriv's) clears the parent-death signal.
     */
    void start(String name, List<String> setprivOptions, String... command) throws IOException {
        OutputStream out = new FileOutputStream(dir.resolve(name + ".out").toFile());
        List<String> options = new ArrayList<>(List.of("--pdeathsig", "KILL"));
        options.addAll(setprivOptions);
        List<String> withDeathSignal = SlurmHost.setpriv(options, command);
        // SLURM_CONF also in the daemons' environment: slurmstepd inherits it, which is how the cluster's close() finds leftovers
        StartedProcess started = new ProcessExecutor(withDeathSignal).directory(dir.toFile()).environment(environment)
                .redirectErrorStream(true).redirectOutput(out).destroyOnExit().start();
        daemons.put(name, new Daemon(name, started.getProcess(), started.getFuture(), out));
    }

    /** Whether the daemon of this name was started and still runs. */
    boolean isAlive(String name) {
        Daemon daemon = daemons.get(name);
        return daemon != null && daemon.process.isAlive();
    }

    /** Throws, with the daemons' last output, if any daemon has exited while the cluster waits for {@code what}. */
    void requireAllAlive(String what) {
        for (Daemon daemon : daemons.values()) {
            if (!daemon.process.isAlive()) {
                throw new IllegalStateException(daemon.name + " exited with " + daemon.process.exitValue() + " while waiting for "
                        + what + ": " + logTails());
            }
        }
    }

    /** The daemons' pids and their children's: the daemons' own children (slurmctld's slurmscriptd) go with them. */
    Set<Long> pids() {
        return daemons.values().stream().flatMap(d -> Stream.concat(Stream.of(d.process.toHandle()), d.process.descendants()))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Stops every daemon (SIGTERM, then SIGKILL after a grace), the last started first. */
    void stopAll() {
        // slurmd first and munged last: the others authenticate through munged while they shut down
        List<Daemon> stopOrder = new ArrayList<>(daemons.values());
        Collections.reverse(stopOrder);
        stopOrder.forEach(Daemon::stop);
    }

    /** The last lines of each daemon's console output, on one line, for a failure message. */
    String logTails() {
        List<String> tails = new ArrayList<>();
        for (String name : daemons.keySet()) {
            try {
                List<String> lines = Files.readAllLines(dir.resolve(name + ".out"));
                tails.add(name + ".out: " + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
            } catch (IOException e) {
                tails.add(name + ".out: unreadable (" + e.getMessage() + ")");
            }
        }
        return String.join(" || ", tails);
    }

    /** A daemon the cluster started; {@code out} gets its console output and is closed once {@code done} (its last output copied). */
    private record Daemon(String name, Process process, Future<ProcessResult> done, OutputStream out) {

        void stop() {
            try {
                process.destroy(); // SIGTERM: the daemons save their state and exit
                if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                    System.err.println("[slurm] " + name + " ignored SIGTERM for " + STOP_GRACE.toSeconds() + " s; killing it");
                    process.destroyForcibly();
                    process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } finally {
                try {
                    done.get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException | CancellationException e) {
                    // its output may lack the last lines; the daemon itself is gone
                }
                try {
                    out.close();
                } catch (IOException e) {
                    System.err.println("[slurm] closing " + name + ".out: " + e.getMessage());
                }
            }
        }
    }
}
