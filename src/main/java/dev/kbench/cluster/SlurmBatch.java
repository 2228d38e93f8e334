package dev.kbench.cluster;

import dev.kbench.ShellQuote;
import dev.kbench.run.Experiment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An experiment as Slurm jobs: a job array with one task per shard ({@code kbench run ...
 * --shard K/N}), each on a whole node of its own so that its pinned CPUs are its alone, and a
 * merge job that runs when every task has succeeded. Holds the job scripts and the sbatch
 * command lines; nothing here submits. Built fluently:
 *
 * <pre>{@code
 * SlurmBatch batch = SlurmBatch.builder(List.of("java", "-cp", "/opt/kbench.jar", "dev.kbench.cli.Kbench"))
 *         .shards(4).partition(Optional.of("kvm")).runArgs(List.of("-k", "a", "b", "-o", "/shared/r/x.csv"))
 *         .out(Path.of("/shared/r/x.csv")).workDir(Path.of("/shared/r")).build();
 * }</pre>
 */
public final class SlurmBatch {

    private final List<String> kbench;
    private final int shards;
    private final Optional<String> partition;
    private final Optional<String> time;
    private final List<String> sbatchArgs;
    private final List<String> runArgs;
    private final Path out;
    private final Path workDir;
    private final String token;

    private SlurmBatch(Builder b) {
        this.kbench = List.copyOf(b.kbench);
        this.shards = b.shards;
        this.partition = b.partition;
        this.time = b.time;
        this.sbatchArgs = List.copyOf(b.sbatchArgs);
        this.runArgs = List.copyOf(b.runArgs);
        this.out = b.out;
        this.workDir = b.workDir;
        this.token = b.token;
    }

    /** @param kbench how a node starts kbench: a JDK's java, the jar, the main class */
    public static Builder builder(List<String> kbench) {
        return new Builder(kbench);
    }

    public int shards() {
        return shards;
    }

    /** The experiment's output as {@code -o} gave it: the shards write beside it, the merge writes it. */
    public Path out() {
        return out;
    }

    /** The folder of the scripts, the marker and the jobs' logs: {@code OUT.slurm/}. */
    public Path folder() {
        return Experiment.besideOut(out, ".slurm");
    }

    public Path shardScript() {
        return folder().resolve("shards.sh");
    }

    public Path mergeScript() {
        return folder().resolve("merge.sh");
    }

    /** A file only the submitting host writes: a task that cannot read it runs where the output folder is not shared. */
    public Path marker() {
        return folder().resolve("marker");
    }

    public String token() {
        return token;
    }

    /** Shard K's log; Slurm names it from the script's {@code --output} pattern. */
    public Path shardLog(int index) {
        return folder().resolve("shard-" + index + ".out");
    }

    public Path mergeLog() {
        return folder().resolve("merge.out");
    }

    /** The array's script: check the marker, then run this task's shard where the experiment was started. */
    public String shardScriptText() {
        List<String> run = new ArrayList<>(kbench);
        run.add("run");
        run.addAll(runArgs);
        run.add("--shard");
        return "#!/bin/sh\n"
                + "# kbench slurm: one task per shard of the experiment; kbench merge runs after all of them (merge.sh)\n"
                + "set -eu\n"
                + markerCheck("shard $SLURM_ARRAY_TASK_ID/" + shards)
                + "cd " + ShellQuote.quote(workDir.toString()) + "\n"
                + "exec " + ShellQuote.join(run) + " \"$SLURM_ARRAY_TASK_ID/" + shards + "\"\n";
    }

    public String mergeScriptText() {
        List<String> merge = new ArrayList<>(kbench);
        merge.add("merge");
        merge.add(out.toString());
        return "#!/bin/sh\n"
                + "# kbench slurm: joins the shards once every task of the array has succeeded\n"
                + "set -eu\n"
                + markerCheck("the merge")
                + "cd " + ShellQuote.quote(workDir.toString()) + "\n"
                + "exec " + ShellQuote.join(merge) + "\n";
    }

    private String markerCheck(String who) {
        return "if [ \"$(cat " + ShellQuote.quote(marker().toString()) + " 2>/dev/null)\" != " + ShellQuote.quote(token) + " ]; then\n"
                + "  echo \"kbench: error: " + who + " on $(hostname) cannot read " + marker().toString().replace("\"", "\\\"")
                + ": put -o on storage every node mounts at the same path\" >&2\n"
                + "  exit 2\n"
                + "fi\n";
    }

    /** sbatch's command line for the array: whole nodes (--exclusive), one task per shard. */
    public List<String> arraySubmission() {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable", "--array=1-" + shards, "--exclusive",
                "--job-name=kbench-" + jobName(), "--output=" + folder().resolve("shard-%a.out")));
        common(command);
        command.add(shardScript().toString());
        return command;
    }

    /** sbatch's command line for the merge: after every task succeeded, and cancelled when one failed. */
    public List<String> mergeSubmission(String arrayJob) {
        List<String> command = new ArrayList<>(List.of("sbatch", "--parsable", "--dependency=afterok:" + arrayJob, "--kill-on-invalid-dep=yes",
                "--ntasks=1", "--job-name=kbench-merge-" + jobName(), "--output=" + mergeLog()));
        common(command);
        command.add(mergeScript().toString());
        return command;
    }

    private void common(List<String> command) {
        partition.ifPresent(p -> command.add("--partition=" + p));
        time.ifPresent(t -> command.add("--time=" + t));
        command.addAll(sbatchArgs);
    }

    private String jobName() {
        return folder().getFileName().toString().replaceFirst("\\.slurm$", "");
    }

    public static final class Builder {
        private final List<String> kbench;
        private int shards = 2;
        private Optional<String> partition = Optional.empty();
        private Optional<String> time = Optional.empty();
        private List<String> sbatchArgs = List.of();
        private List<String> runArgs = List.of();
        private Path out;
        private Path workDir = Path.of("").toAbsolutePath();
        private String token = Long.toHexString(new java.security.SecureRandom().nextLong());

        private Builder(List<String> kbench) {
            this.kbench = List.copyOf(kbench);
        }

        public Builder shards(int count) {
            this.shards = count;
            return this;
        }

        public Builder partition(Optional<String> name) {
            this.partition = name;
            return this;
        }

        /** Slurm's time limit for each task, as {@code --time} reads it. */
        public Builder time(Optional<String> limit) {
            this.time = limit;
            return this;
        }

        /** More of sbatch's options, for both jobs (e.g. {@code --account=lab}). */
        public Builder sbatchArgs(List<String> args) {
            this.sbatchArgs = List.copyOf(args);
            return this;
        }

        /** {@code kbench run}'s options, the same for every shard. */
        public Builder runArgs(List<String> args) {
            this.runArgs = List.copyOf(args);
            return this;
        }

        public Builder out(Path csv) {
            this.out = csv.toAbsolutePath().normalize();
            return this;
        }

        /** Where the tasks start, as kbench slurm did: kernels and programs given by relative path are found from there. */
        public Builder workDir(Path dir) {
            this.workDir = dir.toAbsolutePath().normalize();
            return this;
        }

        public SlurmBatch build() {
            Objects.requireNonNull(out, "out");
            if (shards < 1) {
                throw new IllegalArgumentException("--shards " + shards + ": give 1 or more");
            }
            return new SlurmBatch(this);
        }
    }
}
