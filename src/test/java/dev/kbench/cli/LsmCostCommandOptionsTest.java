package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import dev.kbench.run.WorkloadScale;
import dev.kbench.vm.Accel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kbench lsm-cost}'s options, in process: help, defaults, usage errors and the errors found before the default kernel is fetched. */
class LsmCostCommandOptionsTest extends InProcessCliTest {

    @Test
    void helpShowsTheReferenceExperimentsDefaults() {
        String help = help("lsm-cost");
        assertExperimentDefaultsShown(help, 4, 2, 1, "lsm-cost");
        assertTrue(describe(help, "--workload").endsWith("Default: all."), help);
        assertTrue(describe(help, "--kernels").startsWith("-k, --kernels=KERNEL... Only these variants"), help);
        assertTrue(describe(help, "--scale").endsWith("Default: auto."), help);
        assertTrue(describe(help, "--jobs").contains("demo and lsm-cost: under --accel icount one per CPU this process may use"), help);
    }

    @Test
    void defaultsReachTheOptions() {
        LsmCostCommand cost = parse(LsmCostCommand.class, "lsm-cost");
        assertExperiment(cost.options, 4, 2, 1, Accel.AUTO, "lsm-cost");
        assertEquals(List.of("all"), cost.workloads.workloads);
        assertNull(cost.only.kernels);
        assertEquals(WorkloadScale.AUTO, cost.options.scale);
        assertNull(cost.jobs.jobs, "--jobs follows the accelerator");
    }

    @Test
    void underIcountOneMeasuredPassUnlessRunsAreGiven() {
        assertEquals(LsmCostCommand.ICOUNT_RUNS, parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount").measuredRuns());
        assertEquals(1, LsmCostCommand.ICOUNT_RUNS);
        assertEquals(2, parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount", "--runs", "2").measuredRuns(), "--runs given wins");
        assertEquals(2, parse(LsmCostCommand.class, "lsm-cost").measuredRuns(), "auto: TCG or KVM keep the default");
        assertEquals(2, parse(LsmCostCommand.class, "lsm-cost", "--accel", "tcg").measuredRuns());
        assertTrue(help("lsm-cost").contains("one measured pass unless --runs is given"));
    }

    @Test
    void jobsFollowTheAcceleratorUnlessGiven() {
        assertEquals(1, JobsOption.byDefault(parse(LsmCostCommand.class, "lsm-cost").options, 2), "auto: TCG or KVM, whose timings share the host");
        assertEquals(1, JobsOption.byDefault(parse(LsmCostCommand.class, "lsm-cost", "--accel", "tcg").options, 8));
        assertEquals(2, JobsOption.byDefault(parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount").options, 2), "one per CPU");
        assertEquals(4, JobsOption.byDefault(parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount").options, 16), "one per round at most");
        assertEquals(1, JobsOption.byDefault(parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount", "--shard", "1/2").options, 2),
                "a shard, as each job runs, runs itself");
        assertEquals(1, JobsOption.byDefault(parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount", "--precision", "1").options, 2));
        assertEquals(3, parse(LsmCostCommand.class, "lsm-cost", "--jobs", "3").jobs.jobs);
        assertEquals(WorkloadScale.parse("0.5"), parse(LsmCostCommand.class, "lsm-cost", "--scale", "0.5").options.scale);
    }

    @Test
    void underIcountRoundsPastTheFirstTwoRunOnlyWhatIsUndecidedUnlessToldOtherwise() {
        assertTrue(parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount").options.sequential());
        assertEquals(false, parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount", "--no-sequential").options.sequential());
        assertEquals(false, parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount", "--precision", "1").options.sequential(),
                "a precision is the other way to stop");
        assertEquals(false, parse(LsmCostCommand.class, "lsm-cost", "--accel", "tcg").options.sequential(), "under TCG it does not pay");
        assertTrue(parse(LsmCostCommand.class, "lsm-cost", "--accel", "tcg", "--sequential").options.sequential());
        assertUsageError(execute("lsm-cost", "--accel", "icount", "--sequential", "--precision", "1"), "lsm-cost",
                "--sequential and --precision are two ways to stop: give one");
        LsmCostCommand fixed = parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount", "--no-sequential", "--jobs", "2");
        assertEquals(List.of("--accel", "icount", "--no-sequential"), LocalShards.optionsBut(fixed.spec, "--jobs"), "each job is told as given");
    }

    @Test
    void jobsThatCannotSplitTheRoundsAreUsageErrorsBeforeTheKernelIsFetched() {
        assertUsageError(execute("lsm-cost", "--jobs", "0"), "lsm-cost", "--jobs must be 1 or more");
        assertUsageError(execute("lsm-cost", "--jobs", "5", "--accel", "icount"), "lsm-cost",
                "--jobs 5: the experiment has 4 rounds, fewer than 5 shards: give --rounds 5 or more, or fewer shards");
        assertUsageError(execute("lsm-cost", "--jobs", "2", "--shard", "1/2"), "lsm-cost", "--jobs gives each job its shard: drop --shard");
        assertUsageError(execute("lsm-cost", "--jobs", "2", "--precision", "1"), "lsm-cost",
                "--precision cannot decide on one job's rounds: drop it, or --jobs");
    }

    @Test
    void optionsAreParsedIntoValues() {
        LsmCostCommand cost = parse(LsmCostCommand.class, "lsm-cost", "--accel", "icount", "--runs", "7", "-k", "caponly,yama",
                "-w", "getppid,stat");
        assertExperiment(cost.options, 4, 7, 1, Accel.ICOUNT, "lsm-cost");
        assertEquals(List.of("caponly", "yama"), cost.only.kernels);
        assertEquals(List.of("getppid", "stat"), cost.workloads.workloads);
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        assertUsageError(execute("lsm-cost", "--runs", "-"), "lsm-cost", "Invalid value for option '--runs': '-' is not an int");
        assertUsageError(execute("lsm-cost", "--accel", "warp"), "lsm-cost",
                "Invalid value for option '--accel': unknown accelerator 'warp': use auto, kvm, tcg or icount");
    }

    @Test
    void countsOutOfRangeAreOneLineBeforeTheKernelIsFetched() {
        Path out = tmp.resolve("lsm-cost");
        assertOneLineError(execute("lsm-cost", "--runs", "0", "-o", out.toString()), ExitStatus.BAD_INPUT, "--rounds and --runs must be at least 1, --warmups at least 0");
        assertEquals("", execute("lsm-cost", "--rounds", "0", "--accel", "icount", "-o", out.toString()).out(), "no kernel announced");
        assertTrue(Files.notExists(out), "no output folder made");
    }

    @Test
    void anUnknownVariantIsOneLine() {
        assertOneLineError(execute("lsm-cost", "-k", "caponly,nosuch"), ExitStatus.BAD_INPUT,
                "unknown variant 'nosuch': the variants are caponly, stack, apparmor, selinux, tomoyo, landlock, yama, bpf");
    }

    @Test
    void anUnknownWorkloadIsOneLine() {
        assertOneLineErrorStartingWith(execute("lsm-cost", "-k", "caponly", "-w", "getppid,nosuch"), ExitStatus.BAD_INPUT,
                "unknown workload 'nosuch': give a path (./nosuch) or one of the built-in ones, ");
    }

    @Test
    void itsPercentOptionsTakeAPercentSign() {
        LsmCostCommand cost = parse(LsmCostCommand.class, "lsm-cost", "--precision", "1%", "--threshold", "0.5 %");
        assertEquals(1.0, cost.options.precision);
        assertEquals(0.5, cost.options.verdict.threshold);
    }
}
