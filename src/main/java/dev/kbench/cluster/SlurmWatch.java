package dev.kbench.cluster;

import dev.kbench.ExitStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kbench slurm --wait}: follows the shards' job array and the merge job to their end,
 * saying each shard's state when it changes; then prints the merged comparison, or names each
 * failed shard with its log.
 */
public final class SlurmWatch {

    private final Slurm slurm;
    private final SlurmBatch batch;
    private final PrintStream out;
    private final Duration poll;
    private final Map<Integer, String> said = new HashMap<>();

    public SlurmWatch(Slurm slurm, SlurmBatch batch, PrintStream out, Duration poll) {
        this.slurm = slurm;
        this.batch = batch;
        this.out = out;
        this.poll = poll;
    }

    /** @return the exit status: 0 when the merge succeeded, else {@link ExitStatus#STOPPED} */
    public int await(String array, String merge) throws IOException, InterruptedException {
        // Ctrl-C stops the watching, not the jobs: say so, and how to stop them too
        Thread said = new Thread(() -> out.println("kbench slurm: stopped watching; jobs " + array + " and " + merge
                + " go on (scancel " + array + " " + merge + " stops them)"), "kbench-slurm-interrupted");
        Runtime.getRuntime().addShutdownHook(said);
        try {
            return follow(array, merge);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(said);
            } catch (IllegalStateException e) {
                // shutting down: the hook says its line
            }
        }
    }

    private int follow(String array, String merge) throws IOException, InterruptedException {
        while (true) {
            List<Slurm.Job> tasks = slurm.jobs(array);
            tasks.forEach(this::sayChange);
            Optional<Slurm.Job> merged = slurm.jobs(merge).stream().findFirst();
            if (merged.isPresent() && merged.get().neverRuns()) {
                slurm.cancel(merge); // --kill-on-invalid-dep should have; a cluster may not honour it
            }
            if (merged.isEmpty() || merged.get().ended() || merged.get().neverRuns()) {
                return report(tasks, merged);
            }
            Thread.sleep(poll.toMillis());
        }
    }

    private void sayChange(Slurm.Job task) {
        if (task.arrayTask().isEmpty()) {
            return; // pending tasks still grouped as one line: nothing of theirs has changed
        }
        int index = task.arrayTask().get();
        if (!task.state().equals(said.put(index, task.state()))) {
            out.println("kbench slurm: shard " + index + "/" + batch.shards() + " " + task.state()
                    + (task.state().equals("PENDING") ? "" : " on " + task.node()) + (task.ended() && !task.succeeded() ? " (exit code " + task.exitCode() + ")" : ""));
        }
    }

    private int report(List<Slurm.Job> tasks, Optional<Slurm.Job> merge) throws IOException {
        if (merge.isPresent() && merge.get().succeeded()) {
            if (Files.exists(batch.mergeLog())) {
                out.print(Files.readString(batch.mergeLog()));
            }
            out.println("kbench slurm: every shard succeeded; the merged result is " + batch.out());
            return 0;
        }
        boolean named = false;
        for (Slurm.Job task : tasks) {
            if (task.arrayTask().isPresent() && task.ended() && !task.succeeded()) {
                int index = task.arrayTask().get();
                out.println("kbench: error: shard " + index + "/" + batch.shards() + " " + task.state() + " on " + task.node() + " (exit code "
                        + task.exitCode() + "): see " + batch.shardLog(index) + lastLine(index));
                named = true;
            }
        }
        if (!named) {
            out.println("kbench: error: the merge job " + merge.map(m -> m.state() + " (exit code " + m.exitCode() + ")").orElse("is gone")
                    + ": see " + batch.mergeLog());
        }
        out.println("kbench slurm: what the shards measured is beside " + batch.out() + "; kbench merge " + batch.out() + " --allow-partial joins it");
        return ExitStatus.STOPPED.code();
    }

    /** The log's last line, where kbench says why it stopped. */
    private String lastLine(int index) throws IOException {
        if (!Files.exists(batch.shardLog(index))) {
            return "";
        }
        return Files.readAllLines(batch.shardLog(index)).stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).map(l -> "; it ends: " + l.strip())
                .orElse("");
    }
}
