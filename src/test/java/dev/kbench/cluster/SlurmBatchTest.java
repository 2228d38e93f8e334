package dev.kbench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;

/** The job scripts run by a real shell: each task runs its shard with the user's arguments intact, and refuses an unshared folder. */
class SlurmBatchTest {

    @TempDir
    Path tmp;

    /** A batch whose "kbench" prints its arguments one a line, so the shell's reading of the script can be compared. */
    private SlurmBatch batch(List<String> runArgs) {
        return SlurmBatch.builder(List.of("printf", "%s\\n")).shards(3).partition(Optional.of("kvm")).time(Optional.of("1:00:00"))
                .sbatchArgs(List.of("--account=lab")).runArgs(runArgs).out(tmp.resolve("res/x.csv")).workDir(tmp).build();
    }

    private ProcessResult runScript(SlurmBatch batch, String text, String task) throws Exception {
        Path script = tmp.resolve("script.sh");
        Files.writeString(script, text);
        return new ProcessExecutor("sh", script.toString()).environment(Map.of("SLURM_ARRAY_TASK_ID", task)).readOutput(true).execute();
    }

    private static void writeMarker(SlurmBatch batch) throws Exception {
        Files.createDirectories(batch.folder());
        Files.writeString(batch.marker(), batch.token());
    }

    @Test
    void eachTaskRunsItsShardWithTheArgumentsAsGiven() throws Exception {
        List<String> hostile = List.of("-k", "a b", "it's", "$(touch pwned)", "\"q\"", "`id`", "-o", "res/x.csv");
        SlurmBatch batch = batch(hostile);
        writeMarker(batch);
        ProcessResult result = runScript(batch, batch.shardScriptText(), "2");
        List<String> expected = new ArrayList<>(List.of("run"));
        expected.addAll(hostile);
        expected.addAll(List.of("--shard", "2/3"));
        assertEquals(0, result.getExitValue(), result.outputUTF8());
        assertEquals(expected, result.outputUTF8().lines().toList());
        assertTrue(Files.notExists(tmp.resolve("pwned")), "no argument was run as a command");
        assertEquals(List.of("merge", tmp.resolve("res/x.csv").toString()), runScript(batch, batch.mergeScriptText(), "").outputUTF8().lines().toList());
    }

    /** kbench slurm adds the one seed to the run options; every task must run it, or each shard would run its own order. */
    @Test
    void everyTaskRunsTheSameSeed() throws Exception {
        SlurmBatch batch = batch(List.of("-k", "a", "b", "-o", "res/x.csv", "--seed", "123456789"));
        writeMarker(batch);
        for (int task = 1; task <= 3; task++) {
            List<String> args = runScript(batch, batch.shardScriptText(), Integer.toString(task)).outputUTF8().lines().toList();
            assertEquals(List.of("run", "-k", "a", "b", "-o", "res/x.csv", "--seed", "123456789", "--shard", task + "/3"), args);
        }
    }

    @Test
    void aTaskThatCannotReadTheMarkerSaysTheFolderIsNotShared() throws Exception {
        SlurmBatch batch = batch(List.of("-k", "a"));
        ProcessResult result = runScript(batch, batch.shardScriptText(), "1");
        assertEquals(2, result.getExitValue());
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        assertEquals("kbench: error: shard 1/3 on " + host + " cannot read " + batch.marker() + ": put -o on storage every node mounts at the same path",
                result.outputUTF8().strip());
        Files.createDirectories(batch.folder());
        Files.writeString(batch.marker(), "another submission's");
        assertEquals(2, runScript(batch, batch.shardScriptText(), "1").getExitValue(), "a stale marker of another submission is not this one's");
    }

    @Test
    void theSubmissionsAskWholeNodesAndChainTheMergeAfterEveryTask() {
        SlurmBatch batch = batch(List.of("-k", "a"));
        assertEquals(List.of("sbatch", "--parsable", "--array=1-3", "--exclusive", "--job-name=kbench-x", "--output=" + tmp.resolve("res/x.slurm/shard-%a.out"),
                "--partition=kvm", "--time=1:00:00", "--account=lab", tmp.resolve("res/x.slurm/shards.sh").toString()), batch.arraySubmission());
        assertEquals(List.of("sbatch", "--parsable", "--dependency=afterok:41", "--kill-on-invalid-dep=yes", "--ntasks=1", "--job-name=kbench-merge-x",
                "--output=" + tmp.resolve("res/x.slurm/merge.out"), "--partition=kvm", "--time=1:00:00", "--account=lab",
                tmp.resolve("res/x.slurm/merge.sh").toString()), batch.mergeSubmission("41"));
        assertEquals(tmp.resolve("res/x.slurm/shard-2.out"), batch.shardLog(2));
    }

    @Test
    void scontrolsOneLineFormIsReadAsFields() {
        Map<String, String> fields = Slurm.fields("JobId=42 ArrayJobId=41 ArrayTaskId=1 JobName=kbench-x JobState=FAILED Reason=NonZeroExitCode"
                + " Dependency=(null) ExitCode=1:0 BatchHost=node1");
        assertEquals("FAILED", fields.get("JobState"));
        assertEquals("1:0", fields.get("ExitCode"));
        assertEquals("1", fields.get("ArrayTaskId"));
    }
}
