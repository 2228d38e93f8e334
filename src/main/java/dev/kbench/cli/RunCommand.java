package dev.kbench.cli;

import dev.kbench.KbenchException;
import dev.kbench.guest.Transport;
import dev.kbench.guest.Workload;
import dev.kbench.kernel.KernelResolver;
import dev.kbench.kernel.KernelSources;
import dev.kbench.plan.GuestSettings;
import dev.kbench.run.Experiment;
import dev.kbench.run.ExperimentFile;
import dev.kbench.vm.HostCpus;
import dev.kbench.vm.CpuPinning;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.NetModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kbench run}: lsm-perf's command line, with its options, defaults and output, on JMH.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = CommandDefaults.Run.class,
        description = "Compares the performances of several kernels on the same workload (lsm-perf's options).")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    Kbench kbench;

    @Spec
    CommandSpec spec;

    @Mixin
    ResumeOption resume;

    @Mixin
    JobsOption jobs;

    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE",
            description = "Disk image to boot the kernels from, reached over SSH as lsm-perf does. Without it,"
                    + " kbench boots a generated initramfs with its guest agent: no image needed.")
    Path image;

    @Mixin
    KernelsOption kernels;

    @Mixin
    WorkloadsOption workloads;

    @Option(names = "--unit", paramLabel = "UNIT",
            description = "What a program of yours prints (e.g. ns, us, instructions), for the JSON's scoreUnit, tables and plots;"
                    + " built-in workloads declare their own. Default: printed (no unit).")
    String unit;

    @Option(names = "--suite-name", paramLabel = "NAME",
            description = "What the JMH JSON calls a suite of several workloads, so that JSON clients' labels show a name, not the list."
                    + " Default: all for every built-in workload, else the list.")
    String suiteName;

    @Option(names = "--key", paramLabel = "KEY",
            description = "RSA key to connect to the VM with -i; it must be in the image's authorized keys. Default: $KBENCH_KEY, else ~/.ssh/id_rsa.")
    Path key;

    @Mixin
    ExperimentOptions experiment;

    @Option(names = {"-c", "--cpu"}, arity = "3", paramLabel = "CPU",
            description = "CPU-QEMU CPU-KVM1 CPU-KVM2: QEMU's threads on CPU-QEMU, the two vCPUs on CPU-KVM1 and CPU-KVM2,"
                    + " the workload on the first vCPU (the guest boots with isolcpus=0). Start the host with"
                    + " isolcpus=... on these CPUs. Omit to not assign CPUs.")
    List<Integer> cpus;

    @Mixin
    MemoryOption memory;

    @Option(names = "--disk", defaultValue = "virtio-scsi", paramLabel = "MODEL",
            description = "With -i: the root disk's model, virtio-scsi (/dev/sda, lsm-perf's), virtio-blk or nvme. Default: ${DEFAULT-VALUE}.")
    DiskModel disk;

    @Option(names = "--net", defaultValue = "e1000", paramLabel = "MODEL",
            description = "With -i: the network card, e1000 (lsm-perf's) or virtio-net (Debian's kernels have no e1000)."
                    + " Default: ${DEFAULT-VALUE}.")
    NetModel net;

    @Option(names = "--transport", defaultValue = "agent", paramLabel = "agent|ssh",
            description = "With -i: run workloads through kbench's agent, copied in and started over SSH, or over plain"
                    + " SSH exec as lsm-perf does. Default: ${DEFAULT-VALUE} (SSH exec when the agent cannot run there).")
    Transport transport;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "A workload run taking longer is killed and the run stops with an error. Default: $KBENCH_RUN_TIMEOUT, else 300.")
    Integer timeoutSeconds;

    @Mixin
    VariantOptions variants;

    @Option(names = "--modules", paramLabel = "DIR",
            description = "lib/modules/VERSION of the kernels, when they are not beside an unpacked package's boot/.")
    Path modules;

    @Override
    public Integer call() throws IOException {
        if (resume.resume != null) {
            return resume();
        }
        List<String> kernels = this.kernels.required();
        if (image != null && !Files.isRegularFile(image)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "disk image not found: " + image);
        }
        GuestSettings guest = GuestSettings.from(kbench.settings());
        KernelSources sources = guest.kernels().withVariants(variants.variants()).withModules(Optional.ofNullable(modules).map(Path::toAbsolutePath));
        guest = guest.withKernels(sources).withImageAccess(key != null ? key.toAbsolutePath() : guest.key(), transport, disk, net);
        if (timeoutSeconds != null) {
            guest = guest.withRunTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        int jobCount = jobs.resolve(experiment, cpus != null);
        // the options are checked first: a typo in one should cost no kernel download either
        Experiment run = experiment.applyTo(Experiment.builder(guest)).kernels(kernels).workloads(Workload.parseAll(workloads.workloads))
                .memoryMib(guestMemoryMib())
                .pinning(cpus == null ? Optional.empty() : Optional.of(new CpuPinning(cpus.get(0), cpus.get(1), cpus.get(2))))
                .image(Optional.ofNullable(image)).unit(Optional.ofNullable(unit))
                .suiteName(Optional.ofNullable(suiteName)).out(experiment.out()).build();
        checkKernels(guest, kernels);
        if (jobCount != 1) {
            return runJobs(run, jobCount);
        }
        return ExperimentExit.run(run, "kbench", false);
    }

    /** --jobs N: the shards as processes of their own on disjoint CPUs, then merged. */
    private int runJobs(Experiment run, int jobCount) throws IOException {
        List<List<Integer>> sets = HostCpus.ofThisProcess().split(jobCount);
        try {
            return new LocalShards(Kbench.thisKbench(), "run", LocalShards.optionsBut(spec, "--jobs"), run.givenOut(),
                    run.accel() != dev.kbench.vm.Accel.ICOUNT, run.seed(), System.out).run(sets, run.criteria());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "interrupted while the jobs ran", e);
        }
    }

    /** The guest's memory: --mem, else lsm-perf's machine's with a disk image, else enough for kbench's initramfs. */
    int guestMemoryMib() {
        return memory.one(image != null ? 4096 : 512);
    }

    /** The experiment recorded beside OUT, continued; other options would make it another experiment. */
    private int resume() throws IOException {
        List<String> others = spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName)
                .filter(name -> !name.equals("--resume")).toList();
        if (!others.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume continues the experiment as it was recorded: drop " + String.join(", ", others));
        }
        Experiment recorded = ExperimentFile.read(resume.resume).experiment();
        checkKernels(recorded.guest(), recorded.kernels());
        return ExperimentExit.run(recorded, "kbench", true);
    }

    /** Every kernel must exist before the first VM boots: a typo should not cost a round. */
    private static void checkKernels(GuestSettings guest, List<String> kernels) throws IOException {
        KernelResolver resolver = KernelResolver.of(guest.kernels(), guest.cache().folder("kernels"), System.out);
        for (String kernel : kernels) {
            resolver.resolve(kernel);
        }
    }
}
