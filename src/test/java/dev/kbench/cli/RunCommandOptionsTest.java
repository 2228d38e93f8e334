package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.ExitStatus;
import dev.kbench.guest.Transport;
import dev.kbench.results.Correction;
import dev.kbench.run.RunOrder;
import dev.kbench.run.WorkloadScale;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.NetModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code kbench run}'s options, in process: help, defaults, usage errors and the errors found before any kernel is fetched or booted. */
class RunCommandOptionsTest extends InProcessCliTest {

    @Test
    void helpListsTheOptionsWithLsmPerfsDefaults() {
        String help = help("run");
        assertTrue(describe(help, "--kernels").startsWith("-k, --kernels=KERNEL... The kernels: "), help);
        assertExperimentDefaultsShown(help, 5, 100, 5, "lsm-perf.csv");
        assertTrue(describe(help, "--workload").endsWith("Default: eventfd."), help);
        assertTrue(describe(help, "--disk").endsWith("Default: virtio-scsi."), help);
        assertTrue(describe(help, "--net").endsWith("Default: e1000."), help);
        assertTrue(describe(help, "--unit").endsWith("Default: printed (no unit)."), help);
        assertTrue(describe(help, "--suite-name").endsWith("Default: all for every built-in workload, else the list."), help);
        for (String option : List.of("--image", "--key", "--cpu", "--mem", "--transport", "--timeout", "--variant", "--variants", "--modules")) {
            describe(help, option);
        }
    }

    @Test
    void defaultsReachTheOptions() {
        RunCommand run = parse(RunCommand.class, "run", "-k", "a", "b");
        assertEquals(List.of("a", "b"), run.kernels.kernels);
        assertExperiment(run.experiment, 5, 100, 5, Accel.AUTO, "lsm-perf.csv");
        assertEquals(List.of("eventfd"), run.workloads.workloads);
        assertEquals(DiskModel.VIRTIO_SCSI, run.disk);
        assertEquals(NetModel.E1000, run.net);
        assertEquals(Transport.AGENT, run.transport);
        assertNull(run.image);
        assertNull(run.cpus);
        assertNull(run.memory.sizes);
        assertNull(run.timeoutSeconds);
        assertNull(run.unit);
        assertNull(run.suiteName);
        assertEquals(List.of(), run.variants.definitions);
    }

    @Test
    void optionsAreParsedIntoValues() {
        RunCommand run = parse(RunCommand.class, "run", "-k", "a", "--rounds", "2", "--runs", "3", "--warmups", "0",
                "--accel", "ICOUNT", "-o", "x.csv", "-w", "eventfd,getppid", "--disk", "nvme", "--net", "virtio-net", "--transport", "ssh",
                "-c", "0", "1", "1", "--mem", "1024", "--timeout", "60", "--unit", "ns", "--suite-name", "syscalls");
        assertEquals("ns", run.unit);
        assertEquals("syscalls", run.suiteName);
        assertExperiment(run.experiment, 2, 3, 0, Accel.ICOUNT, "x.csv");
        assertEquals(List.of("eventfd", "getppid"), run.workloads.workloads);
        assertEquals(DiskModel.NVME, run.disk);
        assertEquals(NetModel.VIRTIO_NET, run.net);
        assertEquals(Transport.SSH, run.transport);
        assertEquals(List.of(0, 1, 1), run.cpus);
        assertEquals(1024, run.guestMemoryMib());
        assertEquals(60, run.timeoutSeconds);
    }

    @Test
    void theOrderAndTheVerdictsCriteriaAreValues() {
        RunCommand defaults = parse(RunCommand.class, "run", "-k", "a", "b");
        assertEquals(RunOrder.BALANCED, defaults.experiment.order);
        assertNull(defaults.experiment.seed);
        assertEquals(Correction.BH, defaults.experiment.verdict.correction);
        assertEquals(1.0, defaults.experiment.verdict.threshold);
        RunCommand run = parse(RunCommand.class, "run", "-k", "a", "b", "--order", "fixed", "--seed", "42", "--correction", "holm",
                "--threshold", "2.5");
        assertEquals(RunOrder.FIXED, run.experiment.order);
        assertEquals(42L, run.experiment.seed);
        assertEquals(Correction.HOLM, run.experiment.verdict.correction);
        assertEquals(2.5, run.experiment.verdict.threshold);
        assertUsageError(execute("run", "-k", "x", "--order", "alphabetical"), "run",
                "Invalid value for option '--order': unknown order 'alphabetical': use balanced, random or fixed");
        assertUsageError(execute("run", "-k", "/no/such", "--threshold", "100"), "run",
                "Invalid value for option '--threshold': '100': use a percentage from 0 up to, not including, 100");
    }

    @Test
    void theWorkloadScaleIsAValue() {
        assertEquals(WorkloadScale.AUTO, parse(RunCommand.class, "run", "-k", "a").experiment.scale);
        assertEquals(WorkloadScale.ONE, parse(RunCommand.class, "run", "-k", "a", "--scale", "1").experiment.scale);
        assertEquals(WorkloadScale.parse("0.25"), parse(RunCommand.class, "run", "-k", "a", "--scale", "0.25").experiment.scale);
        assertUsageError(execute("run", "-k", "x", "--scale", "0"), "run",
                "Invalid value for option '--scale': a workload scale is a factor above 0 and at most 1000, not 0.0");
    }

    @Test
    void aPrecisionAndItsLimitsAreValues() {
        RunCommand run = parse(RunCommand.class, "run", "-k", "a", "--precision", "0.5", "--max-rounds", "40", "--max-time", "30m");
        assertEquals(0.5, run.experiment.precision);
        assertEquals(40, run.experiment.maxRounds);
        assertEquals(java.time.Duration.ofMinutes(30), run.experiment.maxTime);
        assertEquals(java.time.Duration.ofSeconds(90), parse(RunCommand.class, "run", "-k", "a", "--max-time", "90s").experiment.maxTime);
        assertEquals(java.time.Duration.ofHours(2), parse(RunCommand.class, "run", "-k", "a", "--max-time", "PT2H").experiment.maxTime);
        assertUsageError(execute("run", "-k", "x", "--max-time", "soon"), "run",
                "Invalid value for option '--max-time': 'soon' is not a duration: write e.g. 90s, 30m or 2h");
        assertOneLineError(execute("run", "-k", "x", "--rounds", "5", "--max-rounds", "3"), ExitStatus.BAD_INPUT, "--max-rounds 3 is fewer than --rounds 5");
    }

    @Test
    void thePercentOptionsTakeAPercentSign() {
        RunCommand run = parse(RunCommand.class, "run", "-k", "a", "--precision", "0.5 %", "--threshold", "+2%");
        assertEquals(0.5, run.experiment.precision);
        assertEquals(2.0, run.experiment.verdict.threshold);
        assertUsageError(execute("run", "-k", "x", "--precision", "-1%"), "run",
                "Invalid value for option '--precision': '-1%' is negative: give a percentage of 0 or more, e.g. 1 or 0.5%");
        assertUsageError(execute("run", "-k", "x", "--threshold", "1 pc"), "run",
                "Invalid value for option '--threshold': '1 pc' is not a percentage: write e.g. 1, 1% or 0.5%");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        assertUsageError(execute("run", "-k", "x", "--accel", "warp"), "run",
                "Invalid value for option '--accel': unknown accelerator 'warp': use auto, kvm, tcg or icount");
        assertUsageError(execute("run", "-k", "x", "--disk", "floppy"), "run",
                "Invalid value for option '--disk': unknown disk model 'floppy': use virtio-scsi, virtio-blk or nvme");
        assertUsageError(execute("run", "-k", "x", "--net", "tokenring"), "run",
                "Invalid value for option '--net': unknown network model 'tokenring': use e1000 or virtio-net");
        assertUsageError(execute("run", "-k", "x", "--transport", "pigeon"), "run",
                "Invalid value for option '--transport': unknown transport 'pigeon': use agent or ssh");
        assertUsageError(execute("run", "-k", "x", "--rounds", "many"), "run", "Invalid value for option '--rounds': 'many' is not an int");
        assertUsageError(execute("run", "-k", "x", "--mem", "lots"), "run", "Invalid value for option '--mem' at index 0 (MiB): 'lots' is not an int");
        assertUsageError(execute("run", "-k", "x", "-c", "0", "1"), "run",
                "option '--cpu' at index 0 (CPU) requires at least 3 values, but only 2 were specified: [0, 1]");
    }

    @Test
    void kernelsAreRequired() {
        assertUsageError(execute("run"), "run", "Missing required option: '--kernels=KERNELS'");
        assertUsageError(execute("run", "-w", "eventfd"), "run", "Missing required option: '--kernels=KERNELS'");
    }

    @Test
    void resumeTakesTheRecordedExperimentAndNoOtherOption() {
        assertUsageError(execute("run", "--resume", "sweep.csv", "-k", "a", "--rounds", "3"), "run",
                "--resume continues the experiment as it was recorded: drop --kernels, --rounds");
        Path missing = Path.of("no/such/sweep.csv");
        assertOneLineError(execute("run", "--resume", missing.toString()), ExitStatus.BAD_INPUT, "cannot resume " + missing
                + ": no sweep.experiment.json beside it (give the -o of a kbench run, demo or lsm-cost that this version of kbench started)");
    }

    @Test
    void aMissingKernelIsOneLineWhenTheOptionsAreRight() {
        assertOneLineError(execute("run", "-k", "/no/such/bzImage"), ExitStatus.BAD_INPUT, "kernel not found: /no/such/bzImage (give the path of a bzImage or vmlinux)");
    }

    @Test
    void aFileThatIsNoKernelIsOneLine() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a kernel\n".repeat(100));
        assertOneLineError(execute("run", "-k", text.toString()), ExitStatus.BAD_INPUT, "not a kernel image (neither a bzImage boot header nor ELF): " + text);
    }

    @Test
    void aMissingDiskImageIsOneLine() {
        assertOneLineError(execute("run", "-i", "/no/such.img", "-k", "x"), ExitStatus.BAD_INPUT, "disk image not found: /no/such.img");
    }

    @Test
    void aMalformedVariantIsOneLine() {
        assertOneLineError(execute("run", "-k", "default", "--variant", "broken"), ExitStatus.BAD_INPUT,
                "--variant 'broken' must be NAME=KERNEL [ARGS], e.g. caponly=default lsm=capability");
    }

    @Test
    void aMissingVariantsFileIsOneLine() {
        assertOneLineError(execute("run", "-k", "x", "--variants", "/no/such.conf"), ExitStatus.BAD_INPUT, "kernel variants file not found: /no/such.conf");
    }

    @Test
    void aTimeoutThatIsNotPositiveIsOneLine() {
        assertOneLineError(execute("run", "-k", "x", "--timeout", "0"), ExitStatus.BAD_INPUT, "timeouts must be positive: boot 120 s, run 0 s");
    }

    @Test
    void anUnknownWorkloadIsOneLineBeforeAnyKernelIsLookedFor() {
        // neither kernel is looked for (in use, 'default' may mean downloading Debian's): the options come first
        for (String kernel : List.of("/no/such/bzImage", "default")) {
            assertOneLineErrorStartingWith(execute("run", "-k", kernel, "-w", "nosuchworkload"), ExitStatus.BAD_INPUT,
                    "unknown workload 'nosuchworkload': give a path (./nosuchworkload) or one of the built-in ones, ");
        }
    }

    @Test
    void countsOutOfRangeAreOneLine() {
        for (String[] counts : List.of(new String[] {"--rounds", "0"}, new String[] {"--runs", "0"}, new String[] {"--warmups", "-1"})) {
            assertOneLineError(execute("run", "-k", "/no/such/bzImage", counts[0], counts[1]), ExitStatus.BAD_INPUT, "--rounds and --runs must be at least 1, --warmups at least 0");
        }
    }

    @Test
    void pinningTwoVcpusUnderIcountIsRefused() {
        // CPU 0 exists on every host: the refusal is icount's, not the host's
        assertOneLineError(execute("run", "-k", "/no/such/bzImage", "-c", "0", "0", "0", "--accel", "icount"), ExitStatus.BAD_INPUT,
                "-c pins two vCPUs, but --accel icount runs one (QEMU hangs booting a second under icount): drop -c");
    }

    @Test
    void aCpuTheHostLacksIsOneLine() {
        int cpus = Runtime.getRuntime().availableProcessors();
        assertOneLineError(execute("run", "-k", "/no/such/bzImage", "-c", "0", "0", Integer.toString(cpus)), ExitStatus.BAD_INPUT,
                "CPU " + cpus + " does not exist here: this host has CPUs 0-" + (cpus - 1));
    }
}
