package dev.kbench.cli;

import dev.kbench.ShellQuote;
import dev.kbench.cluster.SlurmBatch;
import dev.kbench.cluster.SlurmWatch;
import dev.kbench.cluster.Slurm;
import dev.kbench.run.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kbench slurm}: an experiment sharded over a Slurm cluster's nodes, merged when every shard has succeeded. */
@Command(name = "slurm", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = CommandDefaults.Slurm.class,
        description = {"Submits an experiment to Slurm as a job array, one task per shard (kbench run RUN-OPTIONS --shard K/N), each on a"
                + " whole node (--exclusive) so its pinned CPUs are its own, and a merge job (kbench merge) that runs once every task"
                + " has succeeded (--dependency=afterok). The scripts and the jobs' logs go to OUT.slurm/ beside -o. Every shard runs"
                + " the same order: RUN-OPTIONS' --seed, else one drawn and printed.",
            "-o, the folder kbench slurm runs in, the JDK and kbench's jar must be at the same paths on every node (shared storage):"
                + " a task that cannot read the marker kbench slurm writes there says so and fails.",
            "Example: kbench slurm --shards 4 --partition kvm -- -k stock caponly -w all --rounds 16 -o /shared/lsm/x.csv"})
final class SlurmCommand implements Callable<Integer> {

    @ParentCommand
    Kbench kbench;

    @Spec
    CommandSpec spec;

    @Mixin
    ShardsOption shardsOption;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm's partition for both jobs. Default: the cluster's default.")
    String partition;

    @Option(names = "--time", paramLabel = "T", description = "Slurm's time limit per task, as sbatch --time reads it (e.g. 2:00:00). Default: the partition's.")
    String time;

    @Option(names = "--sbatch-arg", paramLabel = "ARG", description = "One more sbatch option for both jobs, e.g. --sbatch-arg=--account=lab. Repeatable.")
    List<String> sbatchArgs = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the job scripts and the sbatch command lines; write and submit nothing.")
    boolean dryRun;

    @Option(names = "--wait", description = "Wait for the jobs, saying each shard's state as it changes, and print the merged comparison;"
            + " a failed shard is named with its log (exit status 5).")
    boolean await;

    @Parameters(paramLabel = "RUN-OPTIONS", arity = "1..*", description = "After --: kbench run's options, the same for every shard (see kbench run --help).")
    List<String> runArgs;

    @Override
    public Integer call() throws IOException, InterruptedException {
        int shards = shardsOption.shards;
        RunCommand run;
        try {
            run = ShardRunOptions.parsed(runArgs, kbench.settings(), "each task gets its own (--shard K/N, N from --shards)",
                    "a shard starts afresh; kbench run --resume continues a failed one by hand");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path out = run.experiment.out();
        Optional<String> tooFew = Shard.tooFewRounds(shards, run.experiment.rounds);
        if (tooFew.isPresent()) {
            throw new ParameterException(spec.commandLine(), "--shards " + shards + ": " + tooFew.get());
        }
        ShardSeed seed = ShardSeed.of(run);
        SlurmBatch batch = SlurmBatch.builder(Kbench.thisKbench()).shards(shards).partition(Optional.ofNullable(partition))
                .time(Optional.ofNullable(time)).sbatchArgs(sbatchArgs).runArgs(seed.onto(runArgs)).out(out).build();
        System.out.println(seed.line(shards));
        if (dryRun) {
            printDryRun(batch);
            return 0;
        }
        write(batch);
        Slurm slurm = new Slurm();
        String array = slurm.submit(batch.arraySubmission());
        String merge = slurm.submit(batch.mergeSubmission(array));
        System.out.println("kbench slurm: submitted shards as job array " + array + " (" + shards + " tasks) and the merge as job " + merge
                + "; logs in " + batch.folder() + "; watch with: squeue -j " + array + "," + merge);
        if (!await) {
            System.out.println("kbench slurm: when job " + merge + " has run, the merged result is " + out);
            return 0;
        }
        return new SlurmWatch(slurm, batch, System.out, Duration.ofSeconds(5)).await(array, merge);
    }

    private static void write(SlurmBatch batch) throws IOException {
        Files.createDirectories(batch.folder());
        Files.writeString(batch.marker(), batch.token());
        for (Path script : List.of(batch.shardScript(), batch.mergeScript())) {
            Files.writeString(script, script.equals(batch.shardScript()) ? batch.shardScriptText() : batch.mergeScriptText());
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void printDryRun(SlurmBatch batch) {
        System.out.println("# " + batch.shardScript());
        System.out.print(batch.shardScriptText());
        System.out.println("# " + batch.mergeScript());
        System.out.print(batch.mergeScriptText());
        System.out.println("# submitted with (ARRAY = the first job's id):");
        System.out.println(ShellQuote.readable(batch.arraySubmission()));
        System.out.println(ShellQuote.readable(batch.mergeSubmission("ARRAY")));
    }
}
