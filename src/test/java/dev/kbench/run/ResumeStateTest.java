package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.KbenchException;
import dev.kbench.Settings;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import dev.kbench.results.Correction;
import dev.kbench.results.Criteria;
import dev.kbench.results.JmhResults;
import dev.kbench.results.JmhRunResults;
import dev.kbench.results.RoundTime;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;

/** What {@code kbench run --resume} reads back: the recorded experiment, the kept forks' results and the run log cut to them. */
class ResumeStateTest {

    @TempDir
    Path tmp;

    private Experiment experiment() throws Exception {
        GuestSettings guest = GuestSettings.from(Settings.of(Map.of("KBENCH_CACHE", tmp.toString()), "/home/u"));
        guest = guest.withKernels(guest.kernels().withVariants(dev.kbench.kernel.Variants.parse("caponly = default lsm=capability\n", "test")));
        return Experiment.builder(guest).kernels(List.of("default", "caponly"))
                .workloads(List.of(new Workload.BuiltIn("eventfd"), new Workload.Program(Path.of("/opt/prog"))))
                .rounds(4).runs(3).warmups(0).accel(Accel.TCG).memoryMib(1024).order(RunOrder.RANDOM).seed(4711)
                .criteria(new Criteria(Correction.HOLM, 2.5)).precision(Optional.of(3.0)).maxRounds(Optional.of(40))
                .maxTime(Optional.of(Duration.ofMinutes(90))).unit(Optional.of("widgets")).suiteName(Optional.of("mine"))
                .scale(new WorkloadScale(0.5)).out(tmp.resolve("out/sweep.csv")).build();
    }

    @Test
    void theRecordedExperimentIsTheSameExperiment() throws Exception {
        Experiment original = experiment();
        ExperimentFile.of(original, Accel.ICOUNT).write(ExperimentFile.beside(createOutFolder(original)));
        Experiment again = ExperimentFile.read(tmp.resolve("out/sweep.csv")).experiment();
        assertEquals(original.kernels(), again.kernels());
        assertEquals(original.workloads(), again.workloads());
        assertEquals(List.of(4, 3, 0, 1024, 40), List.of(again.rounds(), again.runs(), again.warmups(), again.memoryMib(), again.maxRounds()));
        assertEquals(Accel.ICOUNT, again.accel(), "the accelerator chosen when it started, not auto again");
        assertEquals(RunOrder.RANDOM, again.order());
        assertEquals(4711, again.seed());
        for (int round = 0; round < 4; round++) {
            assertEquals(original.design().round(round), again.design().round(round), "the same order, round " + round);
        }
        assertEquals(original.criteria(), again.criteria());
        assertEquals(original.precisionPercent(), again.precisionPercent());
        assertEquals(original.maxTime(), again.maxTime());
        assertEquals(original.units(), again.units());
        assertEquals(original.suiteName(), again.suiteName());
        assertEquals(original.scale(), again.scale());
        assertEquals(original.out(), again.out());
        assertEquals(original.guest(), again.guest(), "variants, cache, key, timeouts, logs");
    }

    @Test
    void theFileIsTheExperimentsFirstAndMakesItsFolder() throws Exception {
        Experiment original = experiment();
        Path file = ExperimentFile.beside(original);
        ExperimentFile.of(original, Accel.TCG).write(file);
        assertTrue(Files.isRegularFile(file) && !Files.exists(file.resolveSibling(file.getFileName() + ".partial")), file.toString());
        Files.writeString(tmp.resolve("blocker"), "a file where a folder should be");
        IOException refused = assertThrows(IOException.class, () -> ExperimentFile.of(original, Accel.TCG).write(tmp.resolve("blocker/x.experiment.json")));
        assertEquals("cannot write " + tmp.resolve("blocker/x.experiment.json") + ": " + tmp.resolve("blocker") + " is a file, not a folder",
                refused.getMessage());
    }

    @Test
    void aFolderOfADemoOrLsmCostRunIsFoundByItsOneFile() throws Exception {
        Experiment original = experiment();
        ExperimentFile.of(original, Accel.TCG).write(ExperimentFile.beside(createOutFolder(original)));
        assertEquals(original.kernels(), ExperimentFile.read(tmp.resolve("out")).experiment().kernels());
    }

    @Test
    void whatCannotBeResumedSaysWhy() throws Exception {
        KbenchException none = assertThrows(KbenchException.class, () -> ExperimentFile.read(tmp.resolve("nothing.csv")));
        assertEquals("cannot resume " + tmp.resolve("nothing.csv") + ": no nothing.experiment.json beside it (give the -o of a kbench run,"
                + " demo or lsm-cost that this version of kbench started)", none.getMessage());
        Files.writeString(tmp.resolve("junk.experiment.json"), "{\"kernels\": ");
        assertTrue(assertThrows(KbenchException.class, () -> ExperimentFile.read(tmp.resolve("junk.csv"))).getMessage()
                .startsWith("cannot resume from " + tmp.resolve("junk.experiment.json") + ": not an experiment kbench recorded ("));

        Experiment original = experiment();
        ExperimentFile recorded = ExperimentFile.of(original, Accel.TCG);
        Path file = ExperimentFile.beside(createOutFolder(original));
        new ExperimentFile(2, recorded.origin(), recorded.subject(), recorded.schedule(), recorded.judging(), recorded.machine()).write(file);
        assertEquals("cannot resume from " + file + ": it was written by another kbench (format 2, this one reads 1)",
                assertThrows(KbenchException.class, () -> ExperimentFile.read(original.out())).getMessage());
        new ExperimentFile(1, new ExperimentFile.Origin("/elsewhere", recorded.origin().out(), null), recorded.subject(), recorded.schedule(),
                recorded.judging(), recorded.machine()).write(file);
        assertEquals("resume this experiment from /elsewhere, where it started (kernels given by relative path are found from there), not from "
                + Path.of("").toAbsolutePath(), assertThrows(KbenchException.class, () -> ExperimentFile.read(original.out()).experiment()).getMessage());
    }

    @Test
    void keptForksReadBackAsTheyWereAndOnlyAsJmhResults() throws Exception {
        KeptForks kept = new KeptForks(tmp.resolve("sweep.forks"));
        assertEquals(Map.of(), kept.read(), "nothing kept yet");
        RunResult caponly = JmhRunResults.kernel("caponly", Map.of("workload", "eventfd"), Map.of(JmhResults.WORKLOAD_METRIC, List.of(List.of(120L, 119L))));
        RunResult stock = JmhRunResults.kernel("default", Map.of("workload", "eventfd"), Map.of(JmhResults.WORKLOAD_METRIC, List.of(List.of(100L, 101L))));
        kept.keep(new RoundSlot(1, 0), caponly);
        kept.keep(new RoundSlot(0, 1), stock);
        Map<RoundSlot, RunResult> read = kept.read();
        assertEquals(List.of(new RoundSlot(0, 1), new RoundSlot(1, 0)), List.copyOf(read.keySet()), "by round, then position");
        RunResult back = read.get(new RoundSlot(1, 0));
        assertEquals("caponly", back.getParams().getParam("kernel"));
        assertEquals(List.of(120L, 119L), MeasuredRounds.workloadValues(back.getBenchmarkResults().iterator().next(), JmhResults.WORKLOAD_METRIC));
        assertEquals(Set.of("round-0-position-1.jmh", "round-1-position-0.jmh"), names(kept.folder()), "no partial file left");

        // anything but JMH's results (here a URI, which a gadget chain could start from) is refused, naming the file
        Path foreign = kept.folder().resolve("round-2-position-0.jmh");
        try (OutputStream bytes = Files.newOutputStream(foreign); ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(URI.create("http://example.org/"));
        }
        IOException refused = assertThrows(IOException.class, kept::read);
        assertTrue(refused.getMessage().startsWith("cannot read " + foreign + ": "), refused.getMessage());
        Files.write(foreign, new byte[] {1, 2, 3});
        assertTrue(assertThrows(IOException.class, kept::read).getMessage().startsWith("cannot read " + foreign + ": "));

        kept.clear();
        assertEquals(Map.of(), kept.read());
    }

    @Test
    void theRunLogKeepsTheKeptRoundsAndMovesTheRestAside() throws Exception {
        Path log = tmp.resolve("sweep.runs.jsonl");
        try (RunLog out = RunLog.appendTo(log)) {
            out.append(run("default", 0, 0, 100L));
            out.append(round("default", 0, 0, 5_000));
            out.append(run("caponly", 0, 1, 120L));
            out.append(round("caponly", 0, 1, 7_000));
            out.append(run("caponly", 1, 0, 121L)); // the round cut off: no ROUND record, no kept result
            out.append(new RunRecord("t", null, null, null, null, null, RunPhase.EXPERIMENT, 0, null, 99_000, null, null, null, null, null));
        }
        Files.writeString(log, "{\"time\": \"t\", \"kern", java.nio.file.StandardOpenOption.APPEND); // a line torn by a kill
        Path aside = tmp.resolve("sweep.runs.discarded.jsonl");

        ResumedRunLog pruned = ResumedRunLog.prune(log, Set.of(new RoundSlot(0, 0), new RoundSlot(0, 1)), aside);

        assertEquals(new ResumedRunLog(12_000, 2), pruned);
        List<RunRecord> kept = RunLog.read(log);
        assertEquals(List.of("default", "default", "caponly", "caponly"), kept.stream().map(RunRecord::kernel).toList());
        List<RunRecord> discarded = RunLog.read(aside);
        assertEquals(List.of(RunPhase.MEASUREMENT, RunPhase.EXPERIMENT), discarded.stream().map(RunRecord::phase).toList());
        assertEquals(121L, discarded.get(0).value(), "the cut-off round's run is not lost");
        assertEquals(new ResumedRunLog(0, 0), ResumedRunLog.prune(tmp.resolve("none.runs.jsonl"), Set.of(), aside), "no log yet: nothing to keep");
    }

    private static RunRecord run(String kernel, int round, int position, long value) {
        return new RunRecord("t", "b", kernel, "eventfd", "vm-" + kernel + round, "tcg", RunPhase.MEASUREMENT, 0, value, 1_000, null, round, position,
                null, null);
    }

    private static RunRecord round(String kernel, int round, int position, long ns) {
        return new RunRecord("t", "b", kernel, null, "vm-" + kernel + round, "tcg", RunPhase.ROUND, 0, null, ns, null, round, position,
                new RoundTime(ns / 2, ns / 4, ns / 8, ns / 8), null);
    }

    private static Experiment createOutFolder(Experiment experiment) throws IOException {
        Files.createDirectories(experiment.out().getParent());
        return experiment;
    }

    private static Set<String> names(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }
}
