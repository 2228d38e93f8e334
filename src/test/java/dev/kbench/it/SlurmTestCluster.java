package dev.kbench.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/**
 * A real single-node Slurm cluster (munged, slurmctld, slurmd) that lives in one folder and only
 * as long as the test that started it, so tests of {@code kbench slurm} depend neither on a
 * cluster the machine may have nor on any state left by an earlier run.
 *
 * <p>Everything is inside {@code dir}: the munge key and socket, {@code slurm.conf}, the state and
 * spool folders, the daemons' logs ({@code *.log}, and their console output in {@code *.out},
 * which has the errors of a daemon that died before opening its log). Clients find this cluster
 * only through {@link #environment()}; a slurmctld of the machine's own, if any, is never touched.
 *
 * <p>The daemons have parent-death signal KILL (as kbench gives QEMU), so they die with the JVM
 * even when it is killed and no shutdown hook runs. That signal follows the thread that started
 * them, not the JVM: start and close the cluster on one thread that outlives it (JUnit runs a
 * class's tests and lifecycle methods on one thread). A job still running when the JVM is killed
 * does outlive it: slurmstepd is not slurmd's child, and only {@link #close} cancels jobs.
 */
final class SlurmTestCluster implements AutoCloseable {

    private static final String PARTITION = "test";
    private static final List<String> AS_MUNGE = List.of("--reuid=munge", "--regid=munge", "--init-groups");
    private static final Duration NODE_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Time for cancelled jobs to go: the configured KillWait (5 s) plus slack for a loaded machine. */
    private static final Duration JOBS_GONE_TIMEOUT = Duration.ofSeconds(15);

    private final Path dir;
    private final String node;
    private final SlurmDaemons daemons;

    private SlurmTestCluster(Path dir, String node) {
        this.dir = dir;
        this.node = node;
        this.daemons = new SlurmDaemons(dir, environment());
    }

    /**
     * Starts munged, slurmctld and slurmd with everything in {@code dir} and returns once the node
     * takes jobs. {@code dir}'s parents must be searchable by all (as /tmp and JUnit's @TempDir
     * are): munged refuses a socket that clients cannot reach.
     */
    static SlurmTestCluster start(Path dir) throws IOException, InterruptedException {
        SlurmHost.requireRootAndPackages();
        SlurmTestCluster cluster = new SlurmTestCluster(dir.toAbsolutePath(), SlurmHost.shortHostname());
        try {
            cluster.startDaemons();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** What sbatch, squeue, scontrol and kbench need in their environment to talk to this cluster and no other. */
    Map<String, String> environment() {
        return Map.of("SLURM_CONF", conf().toString());
    }

    /** The only partition, which is also the default, so jobs need no {@code --partition}. */
    String partition() {
        return PARTITION;
    }

    /** The cluster's folder, which a test may also give jobs for their output. */
    Path dir() {
        return dir;
    }

    /** Submits with {@code sbatch --parsable ARGS} and returns the job id (an array job's id, without a task). */
    String submit(String... sbatchArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable"));
        command.addAll(List.of(sbatchArgs));
        // --parsable prints "id" or, with a cluster name, "id;cluster"
        return run(command).strip().split(";")[0];
    }

    /** The state of one job or one array task ({@code 12_2}); an array job's id names all its tasks, so use {@link #awaitEnded} for it. */
    SlurmJobState jobState(String jobId) throws IOException, InterruptedException {
        List<SlurmJobState> states = jobStates(jobId);
        if (states.size() != 1) {
            throw new IllegalArgumentException("job " + jobId + " is " + states.size() + " array tasks " + states + ": ask for one as " + jobId + "_TASK");
        }
        return states.get(0);
    }

    /**
     * Waits until the job, or every task of an array job, has ended and returns their states
     * (one per task). Polls scontrol, not sacct: this cluster has no accounting database, and
     * MinJobAge keeps ended jobs visible to scontrol for an hour.
     */
    List<SlurmJobState> awaitEnded(String jobId, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<SlurmJobState> states = jobStates(jobId);
            if (states.stream().allMatch(SlurmJobState::ended)) {
                return states;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + " has not ended after " + timeout.toSeconds() + " s: " + states
                        + "; see " + dir.resolve("slurmctld.log"));
            }
            Thread.sleep(250);
        }
    }

    /** Cancels every job, stops the daemons (SIGTERM, then SIGKILL after a grace) and kills what jobs left behind. */
    @Override
    public void close() {
        if (daemons.isAlive("slurmctld")) {
            cancelAllJobs();
        }
        daemons.stopAll();
        // slurmstepd is not slurmd's child but init's (it daemonizes), so stopping slurmd leaves it
        for (ProcessHandle leftover : leftovers()) {
            System.err.println("[slurm] killing " + leftover.pid() + " " + leftover.info().commandLine().orElse("") + ", left by a job");
            leftover.destroyForcibly();
        }
    }

    private void startDaemons() throws IOException, InterruptedException {
        SlurmHost.requireSearchableParents(dir);
        // munged (as user munge) needs to pass through dir to reach its socket; JUnit makes @TempDir 0700
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.createDirectories(dir.resolve("state"));
        Files.createDirectories(dir.resolve("spool"));
        createMungeKey();
        SlurmConf.write(conf(), dir, node, PARTITION, mungeSocket());
        startMunged();
        daemons.start("slurmctld", List.of(), SlurmHost.tool("slurmctld"), "-D", "-f", conf().toString());
        awaitController();
        // -N: the node name slurmd answers to is the one in slurm.conf, whatever else it might guess
        daemons.start("slurmd", List.of(), SlurmHost.tool("slurmd"), "-D", "-f", conf().toString(), "-N", node);
        awaitNodeIdle();
    }

    /**
     * munged runs as user munge, as Debian runs it, because it works with its files in dir and
     * needs no root: its folder, key and seed belong to munge (munged checks that the key is its
     * user's alone), and the folder is 0711 because munged wants a socket every client (slurmd as
     * root, jobs as anyone) can reach.
     */
    private void createMungeKey() throws IOException, InterruptedException {
        Path munge = Files.createDirectories(dir.resolve("munge"));
        Files.setPosixFilePermissions(munge, PosixFilePermissions.fromString("rwx--x--x"));
        UserPrincipalLookupService users = munge.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(munge, users.lookupPrincipalByName("munge"));
        GroupPrincipal group = users.lookupPrincipalByGroupName("munge");
        Files.getFileAttributeView(munge, PosixFileAttributeView.class).setGroup(group);
        run(SlurmHost.setpriv(AS_MUNGE, SlurmHost.tool("mungekey"), "--create", "--keyfile=" + munge.resolve("munge.key")));
    }

    private void startMunged() throws IOException, InterruptedException {
        Path munge = dir.resolve("munge");
        // every path given, even --pid-file and --log-file that munged -F does not use, so none of
        // its defaults in /run/munge, /var/log/munge or /var/lib/munge (a system munged's) is touched
        daemons.start("munged", AS_MUNGE, SlurmHost.tool("munged"), "--foreground", "--socket=" + mungeSocket(), "--key-file=" + munge.resolve("munge.key"),
                "--pid-file=" + munge.resolve("munged.pid"), "--log-file=" + munge.resolve("munged.log"),
                "--seed-file=" + munge.resolve("munged.seed"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(mungeSocket())) {
            if (!daemons.isAlive("munged") || System.nanoTime() > deadline) {
                throw new IllegalStateException("munged did not create " + mungeSocket() + ": " + daemons.logTails());
            }
            Thread.sleep(50);
        }
    }

    private void awaitController() throws IOException, InterruptedException {
        awaitCluster("slurmctld to answer", List.of("scontrol", "ping"), output -> output.contains("is UP"));
    }

    private void awaitNodeIdle() throws IOException, InterruptedException {
        awaitCluster("node " + node + " to be idle", List.of("sinfo", "--noheader", "--nodes=" + node, "--format=%T"),
                output -> output.strip().equals("idle"));
    }

    private void awaitCluster(String what, List<String> query, Predicate<String> ready)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + NODE_IDLE_TIMEOUT.toNanos();
        String last = "";
        while (true) {
            daemons.requireAllAlive(what);
            ProcessResult result = execute(query);
            last = result.outputUTF8().strip();
            if (result.getExitValue() == 0 && ready.test(last)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + NODE_IDLE_TIMEOUT.toSeconds() + " s for " + what + ", " + String.join(" ", query)
                        + " says '" + last.replace('\n', ' ') + "': " + daemons.logTails());
            }
            Thread.sleep(200);
        }
    }

    private void cancelAllJobs() {
        try {
            // root cancels every user's jobs; a job still running gets SIGTERM, then SIGKILL after KillWait
            run(List.of("scancel", "--partition=" + PARTITION));
            long deadline = System.nanoTime() + JOBS_GONE_TIMEOUT.toNanos();
            while (!leftovers().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
        } catch (IOException e) {
            System.err.println("[slurm] " + e.getMessage() + "; the jobs' processes are killed with the daemons");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What this cluster's jobs left running (see {@link SlurmLeftovers}). */
    private List<ProcessHandle> leftovers() {
        return SlurmLeftovers.of(conf(), daemons.pids());
    }

    private List<SlurmJobState> jobStates(String jobId) throws IOException, InterruptedException {
        // -o: one line a job (or array task), so records cannot run into each other
        List<SlurmJobState> states = new ArrayList<>();
        for (String line : run(List.of("scontrol", "--oneliner", "show", "job", jobId)).split("\n")) {
            if (!line.isBlank()) {
                states.add(SlurmJobState.parse(line));
            }
        }
        return states;
    }

    /** Runs a Slurm or munge command against this cluster; its output, or an exception with that output if it fails. */
    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessResult result = execute(command);
        String output = result.outputUTF8();
        if (result.getExitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + result.getExitValue() + ": "
                    + output.strip().replace('\n', ' '));
        }
        return output;
    }

    /** Runs a command with this cluster's environment; a minute is far more than any Slurm client needs on a cluster that is up. */
    private ProcessResult execute(List<String> command) throws IOException, InterruptedException {
        List<String> resolved = new ArrayList<>(command);
        resolved.set(0, SlurmHost.tool(command.get(0)));
        try {
            return new ProcessExecutor(resolved).environment(environment()).directory(dir.toFile()).redirectErrorStream(true)
                    .readOutput(true).timeout(60, TimeUnit.SECONDS).execute();
        } catch (TimeoutException e) {
            throw new IOException(String.join(" ", command) + " did not finish in 60 s: is slurmctld stuck? see " + dir.resolve("slurmctld.log"), e);
        }
    }

    private Path conf() {
        return dir.resolve("slurm.conf");
    }

    private Path mungeSocket() {
        return dir.resolve("munge/munge.socket");
    }

}
