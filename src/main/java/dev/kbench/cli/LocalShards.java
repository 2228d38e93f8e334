package dev.kbench.cli;

import dev.kbench.results.Criteria;
import dev.kbench.run.Shard;
import dev.kbench.run.ShardMerge;
import dev.kbench.vm.HostCpus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessResult;
import org.zeroturnaround.exec.StartedProcess;
import org.zeroturnaround.exec.stream.LogOutputStream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code kbench run --jobs N} (and demo's and lsm-cost's): the experiment's N shards at once on
 * this host, each a kbench of its own confined to its own CPUs (its JMH forks and QEMU inherit
 * the affinity; for kbench run, with three or more CPUs a job's QEMU threads and vCPUs are pinned
 * within them as {@code -c} pins), then merged as {@code kbench merge} merges a cluster's
 * shards. The jobs ran on one machine, so the analysis has them as one host, not a block each.
 */
final class LocalShards {

    private final List<String> kbench;
    private final String command;
    private final List<String> runArgs;
    private final Path out;
    private final boolean pin;
    private final long seed;
    private final PrintStream console;

    /**
     * @param kbench how to start kbench (java, the jar, the main class)
     * @param command the kbench command each job runs: run, demo or lsm-cost
     * @param runArgs its options, without {@code --jobs}
     * @param out the output {@code -o} names: the CSV of a run, or the CSV in the folder of a demo or lsm-cost
     * @param pin whether a job of three CPUs or more pins its QEMU within them ({@code -c}, kbench run's); never under
     *     icount, whose one vCPU {@code -c} cannot pin
     * @param seed the experiment's seed, for the jobs that were given none: each would draw its own order, and the
     *     merge would refuse shards of different experiments
     */
    LocalShards(List<String> kbench, String command, List<String> runArgs, Path out, boolean pin, long seed, PrintStream console) {
        this.kbench = List.copyOf(kbench);
        this.command = command;
        this.runArgs = List.copyOf(runArgs);
        this.out = out.toAbsolutePath();
        this.pin = pin;
        this.seed = seed;
        this.console = console;
    }

    int run(List<List<Integer>> cpuSets, Criteria criteria) throws IOException, InterruptedException {
        ExperimentExit.Finished finished = finish(cpuSets, criteria);
        if (finished.status() == 0) {
            VerdictLines.printIfFew("kbench", finished.measured(), criteria, finished.accel());
        }
        return finished.status();
    }

    /** As {@link #run}, with what the merge measured. */
    ExperimentExit.Finished finish(List<List<Integer>> cpuSets, Criteria criteria) throws IOException, InterruptedException {
        int jobs = cpuSets.size();
        List<StartedProcess> started = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int index = 1; index <= jobs; index++) {
            Shard shard = new Shard(index, jobs);
            List<Integer> cpus = cpuSets.get(index - 1);
            Path log = shard.outputOf(out).resolveSibling("kbench.out");
            Files.createDirectories(log.getParent());
            logs.add(log);
            console.println("kbench: shard " + shard + " on CPUs " + HostCpus.text(cpus) + ", its output in " + log);
            started.add(new ProcessExecutor(command(shard, cpus)).redirectErrorStream(true)
                    .redirectOutput(new Prefixed("[" + shard + "] ", Files.newOutputStream(log), console)).destroyOnExit().start());
        }
        boolean failed = false;
        for (int index = 1; index <= jobs; index++) {
            Future<ProcessResult> result = started.get(index - 1).getFuture();
            int exit;
            try {
                exit = result.get().getExitValue();
            } catch (java.util.concurrent.ExecutionException e) {
                exit = -1;
            }
            if (exit != 0) {
                failed = true;
                console.println("kbench: error: shard " + index + "/" + jobs + " failed (exit status " + exit + "): see " + logs.get(index - 1)
                        + "; kbench run --resume " + new Shard(index, jobs).outputOf(out) + " continues it, then kbench merge " + out);
            }
        }
        if (failed) {
            return ExperimentExit.Finished.failed();
        }
        ShardMerge.Outcome merged = ShardMerge.merge(out, false, criteria, console);
        console.println("kbench: wrote " + String.join(", ", merged.files().stream().map(Path::toString).toList()));
        // each job decided its own accelerator; the merge's rounds do not say which
        return new ExperimentExit.Finished(0, merged.measured(), Optional.empty());
    }

    List<String> command(Shard shard, List<Integer> cpus) {
        // a job outlives no parent: killed outright, kbench --jobs leaves each job a SIGTERM, which it handles as Ctrl-C
        // (its VMs stop, what it measured stays); the signal is kept across taskset's exec of java
        List<String> command = new ArrayList<>(List.of("setpriv", "--pdeathsig", "TERM", "--", "taskset", "-c", HostCpus.text(cpus)));
        command.addAll(kbench);
        command.add(this.command);
        command.addAll(runArgs);
        command.addAll(List.of("--shard", shard.toString()));
        if (!runArgs.contains("--seed")) {
            command.addAll(List.of("--seed", Long.toString(seed)));
        }
        if (pin && cpus.size() >= 3) {
            command.addAll(List.of("-c", cpus.get(0).toString(), cpus.get(1).toString(), cpus.get(2).toString()));
        }
        return command;
    }

    /** The options of {@code spec}'s command line as given, but those named in {@code left}: each written out with its values as picocli read them. */
    static List<String> optionsBut(CommandSpec spec, String... left) {
        List<String> args = new ArrayList<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (List.of(left).contains(option.longestName())) {
                continue;
            }
            List<String> values = option.originalStringValues();
            if (option.negatable()) {
                // --no-sequential is the option --sequential matched with the value false
                args.add(Boolean.TRUE.equals(option.getValue()) ? option.longestName() : "--no-" + option.longestName().substring(2));
            } else if (option.arity().max() > 1) {
                args.add(option.longestName());
                args.addAll(values);
            } else if (values.isEmpty()) {
                args.add(option.longestName());
            } else {
                values.forEach(value -> args.addAll(List.of(option.longestName(), value)));
            }
        }
        return args;
    }

    /** A job's output: all of it into its log, each line on the console after the job's name. */
    private static final class Prefixed extends LogOutputStream {
        private final String prefix;
        private final OutputStream log;
        private final PrintStream console;

        Prefixed(String prefix, OutputStream log, PrintStream console) {
            this.prefix = prefix;
            this.log = log;
            this.console = console;
        }

        @Override
        protected void processLine(String line) {
            try {
                log.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                log.flush();
            } catch (IOException e) {
                console.println(prefix + "(its log cannot be written: " + e.getMessage() + ")");
            }
            console.println(prefix + line);
        }

        @Override
        public void close() throws IOException {
            super.close();
            log.close();
        }
    }
}
