package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.ProcessExecutor;

/**
 * The Slurm test cluster that {@code kbench slurm}'s test builds on: a real slurmctld runs an
 * array job and a job that depends on it, in order, and a failed task keeps the dependent job
 * from ever running; after close() nothing of the cluster runs any more.
 */
class SlurmClusterIT {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aDependentJobRunsAfterEveryTaskOfTheArrayItWaitsFor() throws Exception {
        try (SlurmTestCluster cluster = SlurmTestCluster.start(dir)) {
            // the tasks sleep so that a dependent job that did not wait would start before they end
            Path task = script("task.sh", "sleep 1", "echo \"task=$SLURM_ARRAY_TASK_ID count=$SLURM_ARRAY_TASK_COUNT at=$(date +%s%N)\" > " + dir
                    + "/task-$SLURM_ARRAY_TASK_ID.txt");
            // --exclusive: the job gets every CPU of the node (select/cons_tres with CR_CPU)
            Path concat = script("concat.sh", "cat " + dir + "/task-1.txt " + dir + "/task-2.txt > " + dir + "/all.txt",
                    "echo \"after at=$(date +%s%N) cpus=$SLURM_CPUS_ON_NODE\" >> " + dir + "/all.txt");

            String array = cluster.submit("--array=1-2", "--output=" + dir + "/slurm-%A_%a.out", task.toString());
            String after = cluster.submit("--dependency=afterok:" + array, "--exclusive", "--output=" + dir + "/slurm-%j.out", concat.toString());

            List<SlurmJobState> tasks = cluster.awaitEnded(array, JOB_TIMEOUT);
            assertEquals(List.of(array + "_1 COMPLETED exit 0:0 (None)", array + "_2 COMPLETED exit 0:0 (None)"),
                    tasks.stream().map(SlurmJobState::toString).sorted().toList());
            assertEquals(List.of(after + " COMPLETED exit 0:0 (None)"), cluster.awaitEnded(after, JOB_TIMEOUT).stream().map(SlurmJobState::toString).toList());
            assertTrue(Files.exists(dir.resolve("slurm-" + array + "_1.out")) && Files.exists(dir.resolve("slurm-" + array + "_2.out")),
                    "--output=slurm-%A_%a.out names each task's output");

            List<String> all = Files.readAllLines(dir.resolve("all.txt"));
            assertEquals(3, all.size(), all.toString());
            assertTrue(all.get(0).startsWith("task=1 count=2 at="), all.toString());
            assertTrue(all.get(1).startsWith("task=2 count=2 at="), all.toString());
            long concatStarted = nanos(all.get(2));
            assertTrue(concatStarted > nanos(all.get(0)) && concatStarted > nanos(all.get(1)), "the dependent job ran after both tasks: " + all);
            assertTrue(all.get(2).endsWith(" cpus=" + Runtime.getRuntime().availableProcessors()), "--exclusive gets every CPU: " + all);
        }
        assertEquals(List.of(), processesOf(dir));
    }

    /**
     * What Slurm 22.05 does with a dependency that a failed task makes impossible: with
     * --kill-on-invalid-dep=yes it cancels the dependent job at once (CANCELLED,
     * DependencyNeverSatisfied); without, the job stays PENDING for that reason for ever, until
     * someone cancels it (here close()).
     */
    @Test
    void aFailedTaskKeepsItsAfterokJobFromEverRunning() throws Exception {
        try (SlurmTestCluster cluster = SlurmTestCluster.start(dir)) {
            Path task = script("task.sh", "[ \"$SLURM_ARRAY_TASK_ID\" = 2 ] && exit 1", "exit 0");
            Path never = script("never.sh", "touch " + dir + "/ran-$SLURM_JOB_ID");

            String array = cluster.submit("--array=1-2", "--output=" + dir + "/slurm-%A_%a.out", task.toString());
            String killed = cluster.submit("--dependency=afterok:" + array, "--kill-on-invalid-dep=yes", "--output=/dev/null", never.toString());
            String pending = cluster.submit("--dependency=afterok:" + array, "--kill-on-invalid-dep=no", "--output=/dev/null", never.toString());

            cluster.awaitEnded(array, JOB_TIMEOUT);
            assertEquals(array + "_1 COMPLETED exit 0:0 (None)", cluster.jobState(array + "_1").toString());
            assertEquals(array + "_2 FAILED exit 1:0 (NonZeroExitCode)", cluster.jobState(array + "_2").toString());
            assertEquals(List.of(killed + " CANCELLED exit 0:0 (DependencyNeverSatisfied)"),
                    cluster.awaitEnded(killed, JOB_TIMEOUT).stream().map(SlurmJobState::toString).toList());
            assertEquals(pending + " PENDING exit 0:0 (DependencyNeverSatisfied)", awaitReason(cluster, pending, "DependencyNeverSatisfied").toString());
            assertFalse(Files.exists(dir.resolve("ran-" + killed)) || Files.exists(dir.resolve("ran-" + pending)), "neither dependent job ran");
        }
        assertEquals(List.of(), processesOf(dir));
    }

    /** A job that never ends can only be waited for until Slurm gives the reason it waits. */
    private static SlurmJobState awaitReason(SlurmTestCluster cluster, String jobId, String reason) throws Exception {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        SlurmJobState state = cluster.jobState(jobId);
        while (!state.reason().equals(reason) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            state = cluster.jobState(jobId);
        }
        return state;
    }

    private Path script(String name, String... lines) throws Exception {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        return script;
    }

    private static long nanos(String line) {
        return Long.parseLong(line.replaceAll(".* at=(\\d+).*", "$1"));
    }

    /**
     * Every running process, as ps sees it with its environment, that names this cluster's folder:
     * the daemons in their arguments, slurmstepd and jobs in their SLURM_CONF. Zombies are left
     * out: they run nothing and are their parent's to reap.
     */
    private static List<String> processesOf(Path dir) throws Exception {
        String ps = new ProcessExecutor("ps", "-e", "e", "-ww", "-o", "pid=,stat=,args=").readOutput(true).exitValueNormal().execute().outputUTF8();
        return ps.lines().filter(line -> line.contains(dir + "/") && !line.strip().split("\\s+")[1].startsWith("Z")).toList();
    }
}
