package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import dev.kbench.results.Criteria;
import dev.kbench.results.KernelRounds;
import dev.kbench.vm.Accel;
import dev.kbench.vm.AccelVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code kbench demo}'s options, in process. Every demo that parses fetches the default kernel
 * and boots it, so only what the command line refuses is executed here; the rest is parsed.
 */
class DemoCommandOptionsTest extends InProcessCliTest {

    @Test
    void helpShowsTheDemosOwnDefaults() {
        assertExperimentDefaultsShown(help("demo"), 5, 10, 2, "kbench-demo");
    }

    @Test
    void defaultsReachTheOptions() {
        assertExperiment(parse(DemoCommand.class, "demo").options, 5, 10, 2, Accel.AUTO, "kbench-demo");
    }

    @Test
    void optionsAreParsedIntoValues() {
        DemoCommand demo = parse(DemoCommand.class, "demo", "--rounds", "1", "--runs", "2", "--warmups", "3", "--accel", "tcg", "-o", "out");
        assertExperiment(demo.options, 1, 2, 3, Accel.TCG, "out");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        assertUsageError(execute("demo", "--accel", "warp"), "demo",
                "Invalid value for option '--accel': unknown accelerator 'warp': use auto, kvm, tcg or icount");
        assertUsageError(execute("demo", "--runs", "ten"), "demo", "Invalid value for option '--runs': 'ten' is not an int");
        assertUsageError(execute("demo", "--warmups"), "demo", "Missing required parameter for option '--warmups' (N)");
    }

    @Test
    void countsOutOfRangeAreOneLineBeforeTheKernelIsFetched() {
        Path out = tmp.resolve("demo");
        assertOneLineError(execute("demo", "--rounds", "0", "-o", out.toString()), ExitStatus.BAD_INPUT, "--rounds and --runs must be at least 1, --warmups at least 0");
        assertEquals("", execute("demo", "--warmups", "-1", "-o", out.toString()).out(), "no kernel announced");
        assertTrue(Files.notExists(out), "no output folder made");
    }

    @Test
    void itTakesNoKernelsOrWorkloads() {
        assertUsageError(execute("demo", "-k", "x"), "demo", "Unknown options: '-k', 'x'");
        assertEquals(2, execute("demo", "extra").status());
    }

    @Test
    void jobsAreTheSameAsLsmCosts() {
        assertEquals(null, parse(DemoCommand.class, "demo").jobs.jobs, "--jobs follows the accelerator");
        assertEquals(2, JobsOption.byDefault(parse(DemoCommand.class, "demo", "--accel", "icount").options, 2));
        assertEquals(1, JobsOption.byDefault(parse(DemoCommand.class, "demo", "--accel", "tcg").options, 2));
        assertUsageError(execute("demo", "--jobs", "6"), "demo",
                "--jobs 6: the experiment has 5 rounds, fewer than 6 shards: give --rounds 6 or more, or fewer shards");
    }

    @Test
    void withoutKvmTheDemoCountsInstructionsAndSaysWhy() throws Exception {
        DemoAccel chosen = DemoAccel.choose(Accel.AUTO, () -> new AccelVerdict(Accel.TCG, "/dev/kvm is missing or not accessible"));
        assertEquals(Accel.ICOUNT, chosen.accel());
        assertEquals("kbench: no usable KVM here (/dev/kvm is missing or not accessible): comparing under icount, where a workload's time"
                + " is the number of guest instructions it executes (exact to 0.01 %, but instructions, not time: the verdicts say so,"
                + " e.g. faster (instructions))", chosen.announcement().get());
    }

    @Test
    void withKvmTheDemoRunsInTimeAsBefore() throws Exception {
        DemoAccel chosen = DemoAccel.choose(Accel.AUTO, () -> new AccelVerdict(Accel.KVM, "a probe boot under KVM took 900 ms"));
        assertEquals(new DemoAccel(Accel.KVM, Optional.empty()), chosen);
    }

    @Test
    void aGivenAcceleratorIsObeyedWithoutAProbe() throws Exception {
        for (Accel given : List.of(Accel.TCG, Accel.KVM, Accel.ICOUNT)) {
            DemoAccel chosen = DemoAccel.choose(given, () -> {
                throw new AssertionError("probed although --accel " + given.qemuName() + " was given");
            });
            assertEquals(new DemoAccel(given, Optional.empty()), chosen);
        }
    }

    @Test
    void everyOtherCommandKeepsAutoAsKvmOrTcg() {
        assertEquals(Accel.AUTO, parse(RunCommand.class, "run", "-k", "a").experiment.accel());
        assertEquals(Accel.AUTO, parse(LsmCostCommand.class, "lsm-cost").options.accel());
        assertEquals(Accel.AUTO, parse(DemoCommand.class, "demo").options.accel(), "the demo decides only when it runs");
    }

    @Test
    void underIcountTheSizesNotGivenAreIcounts() {
        DemoCommand icount = parse(DemoCommand.class, "demo", "--accel", "icount");
        icount.sizeFor(Accel.ICOUNT);
        assertExperiment(icount.options, DemoCommand.ICOUNT_ROUNDS, LsmCostCommand.ICOUNT_RUNS, DemoCommand.ICOUNT_WARMUPS, Accel.ICOUNT, "kbench-demo");
        DemoCommand given = parse(DemoCommand.class, "demo", "--rounds", "6", "--runs", "3", "--warmups", "0");
        given.sizeFor(Accel.ICOUNT);
        assertExperiment(given.options, 6, 3, 0, Accel.AUTO, "kbench-demo");
        DemoCommand tcg = parse(DemoCommand.class, "demo", "--accel", "tcg");
        tcg.sizeFor(Accel.TCG);
        assertExperiment(tcg.options, 5, 10, 2, Accel.TCG, "kbench-demo");
    }

    @Test
    void theDemoEndsInItsVerdictInWordsWhatTheTableSays() {
        DemoCommand demo = parse(DemoCommand.class, "demo", "--accel", "icount");
        KernelRounds stock = new KernelRounds("stock", List.of(List.of(76257L), List.of(76258L), List.of(76256L), List.of(76259L)));
        KernelRounds caponly = new KernelRounds("caponly", List.of(List.of(64549L), List.of(64550L), List.of(64549L), List.of(64551L)));
        assertEquals(List.of("kbench demo: eventfd: caponly is 15.35 % faster (instructions) than stock [-15.36 %, -15.35 %] (icount: guest instructions)"),
                demo.verdicts(Map.of("eventfd", List.of(stock, caponly)), Criteria.DEFAULT));
        KernelRounds same = new KernelRounds("caponly", List.of(List.of(76258L), List.of(76259L), List.of(76257L), List.of(76260L)));
        assertEquals(List.of("kbench demo: eventfd: caponly is the same (instructions) as stock within ±1 %: +0.0013 % [-0.0016 %, +0.0042 %] (icount: guest instructions)"),
                demo.verdicts(Map.of("eventfd", List.of(stock, same)), Criteria.DEFAULT));
    }

    @Test
    void theLineForOwnKernelsIsARunCommandThatRuns() {
        DemoCommand demo = parse(DemoCommand.class, "demo", "--accel", "icount");
        demo.sizeFor(Accel.ICOUNT);
        String line = demo.ownKernels("./kbench", 2);
        assertEquals("./kbench run -k old new --variant old=/path/old/bzImage --variant new=/path/new/bzImage -w eventfd --accel icount"
                + " --rounds 4 --runs 1 --warmups 1 --jobs 2", line);
        // as printed, the paths put in: past every option to the first kernel, which is looked for
        String[] args = line.replace("/path/old/bzImage", "/no/such/old").replace("/path/new/bzImage", "/no/such/new")
                .substring("./kbench ".length()).split(" ");
        assertOneLineErrorStartingWith(execute(args), ExitStatus.BAD_INPUT, "kernel not found: /no/such/old");
    }
}
