package dev.kbench.run;

import dev.kbench.KbenchException;
import dev.kbench.guest.Workload;
import dev.kbench.plan.RoundSlot;
import dev.kbench.report.ResultsWriter;
import dev.kbench.results.Criteria;
import dev.kbench.results.HostFingerprint;
import dev.kbench.results.HostSpread;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.Measure;
import dev.kbench.results.MeasurementPlan;
import dev.kbench.results.OrderEffects;
import dev.kbench.results.RunCosts;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunSetup;
import dev.kbench.results.format.HostSpreadText;
import dev.kbench.results.format.MeasurementPlanText;
import dev.kbench.results.format.OrderEffectsText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;

/**
 * {@code kbench merge}: the shards of one experiment ({@code kbench run --shard K/N}), each run on
 * its own host, joined into the experiment's outputs as one host would have written them: the
 * CSV rows round by round in the order design's order, one JMH JSON with every round a fork, the
 * run logs, the comparison and report; on the console, as one host's run ends, where the shards'
 * time went and what resolving a smaller effect would take. Every round carries its shard's
 * machine as its block, so the analysis estimates each effect within a host and then combines
 * them; the shards of one machine ({@code --jobs}) are one host. It refuses shards of different
 * plans or kbench builds, and names what is missing or incomplete.
 */
public final class ShardMerge {

    /** A progress line every so many kernel rounds: a thousand shards take seconds to read. */
    private static final int PROGRESS_EVERY = 1000;
    private static final Pattern FOLDER = Pattern.compile("shard-(\\d+)-of-(\\d+)");

    /** Shards of one machine listed by number in its block's name, up to this many. */
    private static final int LISTED_SHARDS = 4;

    /** One shard as found on disk. */
    private record Part(Shard shard, Path out, ExperimentFile plan, HostFingerprint host, KeptForks forks, Set<RoundSlot> kept) {
    }

    /** A kept round of a shard, and the kernel the plan runs in its slot. */
    private record Kept(Part part, RoundSlot slot, String kernel) {
    }

    /** What the merge wrote, and which shards it lacked. */
    public record Outcome(Map<String, List<KernelRounds>> measured, List<Path> files, List<String> gaps) {
    }

    private ShardMerge() {
    }

    /**
     * Merges the shards of the experiment whose {@code -o} was {@code given} (the CSV, or the folder
     * of a demo or lsm-cost run), writing the merged outputs there.
     *
     * @param allowPartial merge what exists when a shard is missing or incomplete, and say so
     */
    public static Outcome merge(Path given, boolean allowPartial, Criteria criteria, PrintStream out) throws IOException {
        Path absolute = given.toAbsolutePath().normalize();
        boolean folder = Files.isDirectory(absolute);
        Path dir = folder ? absolute : absolute.getParent();
        int count = shardCount(splitsIn(dir, given), dir);
        List<String> gaps = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        for (int index = 1; index <= count; index++) {
            Path shardDir = dir.resolve(Shard.folderName(index, count));
            Optional<Path> file = experimentFile(shardDir, folder ? Optional.empty() : Optional.of(absolute.getFileName().toString()));
            if (file.isEmpty()) {
                gaps.add("shard " + index + " of " + count + " is missing (nothing in " + shardDir + ")");
                continue;
            }
            parts.add(read(file.get(), new Shard(index, count)));
        }
        Part first = parts.isEmpty() ? null : parts.get(0);
        if (first == null) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge: " + String.join("; ", gaps));
        }
        for (Part part : parts) {
            checkSamePlan(first, part);
        }
        int blockSize = OrderDesign.blockSize(RunOrder.parse(first.plan().schedule().order()), first.plan().subject().kernels().size());
        for (Part part : parts) {
            ExperimentFile.Schedule schedule = first.plan().schedule();
            // a sequential experiment's rounds past --rounds run only while a workload is undecided: planned are the first ones
            long rounds = part.shard().dealt(Boolean.TRUE.equals(schedule.sequential()), schedule.rounds(), schedule.maxRounds(), blockSize)
                    .stream().filter(round -> round < schedule.rounds()).count();
            int planned = (int) rounds * first.plan().subject().kernels().size();
            if (part.kept().size() < planned) {
                gaps.add("shard " + part.shard() + " is incomplete (" + part.kept().size() + " of " + planned + " kernel rounds measured;"
                        + " kbench run --resume " + part.out() + " continues it)");
            }
        }
        if (!gaps.isEmpty() && !allowPartial) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge: " + String.join("; ", gaps)
                    + "; or merge what there is with --allow-partial");
        }
        gaps.forEach(gap -> out.println("kbench: merging without it: " + gap));
        Path mergedOut = dir.resolve(Path.of(first.plan().origin().out()).getFileName());
        return write(parts, mergedOut, criteria, gaps, out);
    }

    private static Outcome write(List<Part> parts, Path mergedOut, Criteria criteria, List<String> gaps, PrintStream out) throws IOException {
        ExperimentFile plan = parts.get(0).plan();
        List<Workload> workloads = Workload.parseAll(plan.subject().workloads());
        // the order the shards ran, drawn as Experiment.design() draws it: for every round that may run
        int rounds = plan.schedule().maxRounds();
        OrderDesign design = OrderDesign.of(RunOrder.parse(plan.schedule().order()), plan.subject().kernels().size(), rounds, plan.schedule().seed());
        MeasuredRounds measured = new MeasuredRounds(plan.subject().kernels(), workloads.stream().map(Workload::id).toList());
        List<Path> files = new ArrayList<>();
        Map<Integer, String> blocks = blocks(parts);
        List<Kept> order = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Integer> kernels = design.round(round);
            for (int position = 0; position < kernels.size(); position++) {
                RoundSlot slot = new RoundSlot(round, position);
                for (Part part : parts) {
                    if (part.kept().contains(slot)) {
                        order.add(new Kept(part, slot, plan.subject().kernels().get(kernels.get(position))));
                    }
                }
            }
        }
        // read ahead on every CPU and reduced to numbers as used: a million runs are never JMH objects at once
        try (CsvFiles csv = new CsvFiles(workloads, mergedOut, plan.schedule().runs());
                ReadAhead<RunResult> results = new ReadAhead<>(order.stream().<ReadAhead.Read<RunResult>>map(k -> () -> k.part().forks().read(k.slot()))
                        .toList(), Runtime.getRuntime().availableProcessors())) {
            out.println("kbench merge: " + order.size() + " kernel rounds of " + parts.size() + " shards");
            int round = -1;
            int done = 0;
            for (Kept kept : order) {
                RunResult result = results.next();
                if (++done % PROGRESS_EVERY == 0) {
                    out.println("kbench merge: " + done + " of " + order.size() + " kernel rounds read");
                }
                if (kept.slot().round() != round) {
                    round = kept.slot().round();
                    measured.startRound();
                }
                String ran = result.getParams().getParam("kernel");
                if (!kept.kernel().equals(ran)) {
                    throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge: shard " + kept.part().shard() + " holds kernel " + ran
                            + " in round " + round + ", position " + kept.slot().position() + ", where the plan runs " + kept.kernel());
                }
                for (Map.Entry<String, List<Long>> values : measured.add(kept.kernel(), Optional.of(blocks.get(kept.part().shard().index())), result)
                        .entrySet()) {
                    csv.row(values.getKey(), kept.kernel(), round, values.getValue());
                }
            }
            files.addAll(csv.files());
        }
        Path runLog = Experiment.besideOut(mergedOut, ".runs.jsonl");
        Map<String, List<KernelRounds>> byWorkload = measured.byWorkload();
        ShardLogs spent = ShardLogs.join(parts.stream().map(part -> Experiment.besideOut(part.out(), ".runs.jsonl")).toList(), byWorkload.keySet(),
                runLog);
        files.add(runLog);
        if (measured.isEmpty()) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge: no shard holds a measured round");
        }
        spent.lines(workloads.size(), plan).forEach(line -> out.println("kbench: " + line));
        RunSetup setup = setupOf(parts).merged(parts.stream().map(Part::host).toList(), measured.ran());
        InterleavedRun.printComparison(out, workloads.size() > 1, byWorkload, criteria, Measure.ofAccel(setup.accel()));
        byWorkload.forEach((workload, kernels) -> HostSpread.of(workload, kernels).ifPresent(spread -> {
            out.println("kbench: " + HostSpreadText.line(spread));
            HostSpreadText.warnings(spread).forEach(line -> out.println("kbench: " + line));
        }));
        // from the runs merged, not the joined run logs: an unfinished shard's log also holds the runs of a round it never kept
        List<OrderEffects> orderEffects = measured.orderEffects();
        orderEffects.forEach(effects -> OrderEffectsText.warnings(effects).forEach(line -> out.println("kbench: " + line)));
        // as one host's experiment plans: on several hosts the spread between rounds holds the hosts' too, so it plans more rounds than needed
        byWorkload.forEach((workload, kernels) -> {
            RunCosts costs = spent.costs().getOrDefault(workload, RunCosts.UNKNOWN);
            MeasurementPlan next = MeasurementPlan.of(workload, kernels, costs.runSeconds(), costs.roundSeconds());
            out.println("kbench: " + MeasurementPlanText.line(next, criteria.thresholdPercent(), plan.schedule().warmups()));
        });
        files.addAll(ResultsWriter.writeRun(measured.jmh(), byWorkload, workloads.size() > 1, setup, criteria, orderEffects,
                suffix -> Experiment.besideOut(mergedOut, suffix)));
        return new Outcome(byWorkload, files, gaps);
    }

    /**
     * Each shard's block in the analysis, by its number: the machine it ran on. Shards of one
     * machine ({@code --jobs}, or a scheduler that put two on one node) are one block, since they
     * share what a block is there to cancel, the machine's speed; they ran on CPUs of their own,
     * at the same time, and the rounds' order is balanced over all shards. Shards of different
     * machines are a block each, named after the shard ({@code shard 2 on node1}); a machine of
     * several shards names them ({@code shards 1+2 on node1}).
     */
    private static Map<Integer, String> blocks(List<Part> parts) {
        List<List<Part>> machines = new ArrayList<>();
        for (Part part : parts) {
            machines.stream().filter(m -> m.get(0).host().sameMachine(part.host())).findFirst()
                    .ifPresentOrElse(m -> m.add(part), () -> machines.add(new ArrayList<>(List.of(part))));
        }
        Map<Integer, String> blocks = new TreeMap<>();
        for (List<Part> machine : machines) {
            List<String> numbers = machine.stream().map(p -> Integer.toString(p.shard().index())).toList();
            String name = machine.size() == 1 ? "shard " + numbers.get(0)
                    : "shards " + (numbers.size() <= LISTED_SHARDS ? String.join("+", numbers)
                            : String.join("+", numbers.subList(0, LISTED_SHARDS)) + "+... (" + numbers.size() + ")");
            machine.forEach(part -> blocks.put(part.shard().index(), name + " on " + part.host().name()));
        }
        return blocks;
    }

    /** The first shard's setup, as its JSON's companion recorded it. */
    private static RunSetup setupOf(List<Part> parts) throws IOException {
        for (Part part : parts) {
            Optional<RunSetup> setup = RunSetup.readBeside(Experiment.besideOut(part.out(), ".json"));
            if (setup.isPresent()) {
                return setup.get();
            }
        }
        throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge: no shard wrote its setup (.setup.json): none of them finished;"
                + " kbench run --resume " + parts.get(0).out() + " continues the first");
    }

    /** The shard folders in {@code dir} by the N of their name: one entry when they are the shards of one split. */
    private static Map<Integer, Path> splitsIn(Path dir, Path given) throws IOException {
        Map<Integer, Path> splits = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge " + given + ": no folder " + dir);
        }
        try (var list = Files.list(dir)) {
            for (Path path : list.filter(Files::isDirectory).toList()) {
                Matcher name = FOLDER.matcher(path.getFileName().toString());
                if (name.matches()) {
                    splits.put(Integer.parseInt(name.group(2)), path);
                }
            }
        }
        return splits;
    }

    /** N, which every shard folder must agree on. */
    private static int shardCount(Map<Integer, Path> byCount, Path dir) throws KbenchException {
        if (byCount.isEmpty()) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge: no shard-K-of-N folder in " + dir
                    + " (give the -o that the kbench run --shard K/N commands were given)");
        }
        if (byCount.size() > 1) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge: " + dir + " holds shards of " + byCount.size()
                    + " splits (" + String.join(", ", byCount.values().stream().map(p -> p.getFileName().toString()).toList())
                    + "): move those of other experiments away");
        }
        return byCount.keySet().iterator().next();
    }

    /** The shard's experiment file: the one named after OUT, or for a folder the one it holds. */
    private static Optional<Path> experimentFile(Path shardDir, Optional<String> outName) throws IOException {
        if (!Files.isDirectory(shardDir)) {
            return Optional.empty();
        }
        if (outName.isPresent()) {
            Path file = Experiment.besideOut(shardDir.resolve(outName.get()), ".experiment.json");
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        try (var list = Files.list(shardDir)) {
            List<Path> files = list.filter(p -> p.getFileName().toString().endsWith(".experiment.json")).toList();
            return files.size() == 1 ? Optional.of(files.get(0)) : Optional.empty();
        }
    }

    private static Part read(Path experimentFile, Shard expected) throws IOException {
        ExperimentFile plan = ExperimentFile.readFile(experimentFile);
        if (!expected.toString().equals(plan.origin().shard())) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge: " + experimentFile + " is " + (plan.origin().shard() == null
                    ? "a whole experiment" : "shard " + plan.origin().shard()) + ", not shard " + expected + " as its folder says");
        }
        Path out = experimentFile.resolveSibling(Path.of(plan.origin().out()).getFileName());
        Path runLog = Experiment.besideOut(out, ".runs.jsonl");
        HostFingerprint host = Files.exists(runLog) ? RunLog.host(runLog).orElse(null) : null;
        if (host == null) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge: shard " + expected + " has no host record in " + runLog
                    + " (it did not start, or an older kbench ran it)");
        }
        KeptForks forks = new KeptForks(Experiment.besideOut(out, ".forks"));
        return new Part(expected, out, plan, host, forks, forks.slots());
    }

    /** The same experiment in every shard: what decides the plan and the measurement, and one kbench build. */
    private static void checkSamePlan(Part first, Part other) throws KbenchException {
        ExperimentFile a = first.plan();
        ExperimentFile b = other.plan();
        String[][] fields = {
            {"kernels", a.subject().kernels().toString(), b.subject().kernels().toString()},
            {"workloads", a.subject().workloads().toString(), b.subject().workloads().toString()},
            {"scale", a.subject().scale(), b.subject().scale()}, {"operations", "" + a.subject().operations(), "" + b.subject().operations()},
            {"rounds", "" + a.schedule().rounds(), "" + b.schedule().rounds()}, {"runs", "" + a.schedule().runs(), "" + b.schedule().runs()},
            {"warmups", "" + a.schedule().warmups(), "" + b.schedule().warmups()}, {"warmed", "" + a.schedule().warmed(), "" + b.schedule().warmed()},
            {"held", "" + a.schedule().held(), "" + b.schedule().held()},
            {"sequential", "" + a.schedule().sequential(), "" + b.schedule().sequential()}, {"order", a.schedule().order(), b.schedule().order()},
            {"seed", "" + a.schedule().seed(), "" + b.schedule().seed()}, {"accelerator", a.machine().accel(), b.machine().accel()},
            {"memory", "" + a.machine().memoryMib(), "" + b.machine().memoryMib()}, {"cpus", a.machine().cpus(), b.machine().cpus()},
            {"image", a.machine().image(), b.machine().image()}, {"build", first.host().build(), other.host().build()},
        };
        for (String[] field : fields) {
            if (!java.util.Objects.equals(field[1], field[2])) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, "cannot merge: shard " + other.shard() + " is of another experiment: its "
                        + field[0] + " is " + field[2] + ", shard " + first.shard() + "'s is " + field[1]
                        + " (merge the shards of one kbench run command line, run by one kbench build)");
            }
        }
    }
}
