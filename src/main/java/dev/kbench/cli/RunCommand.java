package dev.kbench.cli;

import dev.kbench.KbenchException;
import dev.kbench.guest.Transport;
import dev.kbench.guest.Workload;
import dev.kbench.kernel.KernelResolver;
import dev.kbench.kernel.KernelSources;
import dev.kbench.kernel.Variants;
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
import java.util.ArrayList;
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

    @Option(names = "--resume", paramLabel = "OUT",
            description = "Continue the interrupted or failed experiment whose output (-o) was OUT: the kernels' rounds it measured"
                    + " are kept, the others measured in the same order (seed, options and accelerator as it recorded them in"
                    + " OUT's .experiment.json), and its outputs are those of an uninterrupted run. Give no other option.")
    Path resume;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
            description = "Run the experiment as N shards at once on this host, each confined to its own CPUs (this process's CPUs split"
                    + " evenly; with 3 or more each, pinned within them as -c pins), then merge them (kbench merge): each job is a block"
                    + " of the analysis. Not with -c, --shard or --precision. Default: ${DEFAULT-VALUE}.")
    int jobs;

    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE",
            description = "Disk image to boot the kernels from, reached over SSH as lsm-perf does. Without it,"
                    + " kbench boots a generated initramfs with its guest agent: no image needed.")
    Path image;

    @Option(names = {"-k", "--kernels"}, arity = "1..*", paramLabel = "KERNELS",
            description = "The kernels to evaluate: paths to bzImage/vmlinux files, 'default' (the Debian cloud kernel),"
                    + " or variant names (--variant, --variants).")
    List<String> kernels;

    @Option(names = {"-w", "--workload"}, defaultValue = "eventfd", paramLabel = "WORKLOAD", split = ",",
            description = "A built-in workload's name or the path of a program that takes no argument and prints one"
                    + " integer (the time) on stdout. Several, comma-separated, or 'all' (every built-in one) make a suite:"
                    + " each boot runs them all in turn, --warmups then --runs passes, one CSV per workload and an HTML report."
                    + " Default: ${DEFAULT-VALUE}.")
    List<String> workloads;

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

    @Option(names = "--mem", paramLabel = "MiB",
            description = "Guest memory in MiB. Default: 4096 with -i (lsm-perf's machine), else 512.")
    Integer memoryMib;

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

    @Option(names = "--variant", paramLabel = "NAME=KERNEL [ARGS]",
            description = "Defines a kernel variant, e.g. 'caponly=default lsm=capability': the kernel with extra kernel"
                    + " command-line arguments, named for -k and the CSV. Repeatable.")
    List<String> variantDefinitions = new ArrayList<>();

    @Option(names = "--variants", paramLabel = "FILE", description = "A file of variants, one 'NAME = KERNEL [ARGS]' a line.")
    Path variantsFile;

    @Option(names = "--modules", paramLabel = "DIR",
            description = "lib/modules/VERSION of the kernels, when they are not beside an unpacked package's boot/.")
    Path modules;

    @Override
    public Integer call() throws IOException {
        if (resume != null) {
            return resume();
        }
        if (kernels == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--kernels=KERNELS'");
        }
        if (image != null && !Files.isRegularFile(image)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "disk image not found: " + image);
        }
        GuestSettings guest = GuestSettings.from(kbench.settings());
        KernelSources sources = guest.kernels().withVariants(variants()).withModules(Optional.ofNullable(modules).map(Path::toAbsolutePath));
        guest = guest.withKernels(sources).withImageAccess(key != null ? key.toAbsolutePath() : guest.key(), transport, disk, net);
        if (timeoutSeconds != null) {
            guest = guest.withRunTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        if (jobs != 1) {
            checkJobs();
        }
        // the options are checked first: a typo in one should cost no kernel download either
        Experiment run = experiment.applyTo(Experiment.builder(guest)).kernels(kernels).workloads(Workload.parseAll(workloads))
                .memoryMib(guestMemoryMib())
                .pinning(cpus == null ? Optional.empty() : Optional.of(new CpuPinning(cpus.get(0), cpus.get(1), cpus.get(2))))
                .image(Optional.ofNullable(image)).unit(Optional.ofNullable(unit))
                .suiteName(Optional.ofNullable(suiteName)).out(experiment.out).build();
        checkKernels(guest, kernels);
        if (jobs != 1) {
            return runJobs(run);
        }
        return ExperimentExit.run(run, "kbench", false);
    }

    /** --jobs N's usage errors, before any kernel is looked for. */
    private void checkJobs() {
        if (jobs >= 1 && (cpus != null || experiment.shard != null)) {
            throw new ParameterException(spec.commandLine(), "--jobs pins each job within its own CPUs and gives it its shard: drop "
                    + (cpus != null ? "-c" : "--shard"));
        }
        JobsOption.check(spec.commandLine(), jobs, experiment);
    }

    /** --jobs N: the shards as processes of their own on disjoint CPUs, then merged. */
    private int runJobs(Experiment run) throws IOException {
        List<List<Integer>> sets = HostCpus.ofThisProcess().split(jobs);
        try {
            return new LocalShards(Kbench.thisKbench(), "run", LocalShards.optionsBut(spec, "--jobs"), run.givenOut(),
                    run.accel() != dev.kbench.vm.Accel.ICOUNT, run.seed(), System.out).run(sets, run.criteria());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the jobs ran", e);
        }
    }

    /** The guest's memory: --mem, else lsm-perf's machine's with a disk image, else enough for kbench's initramfs. */
    int guestMemoryMib() {
        return memoryMib != null ? memoryMib : image != null ? 4096 : 512;
    }

    /** The experiment recorded beside OUT, continued; other options would make it another experiment. */
    private int resume() throws IOException {
        List<String> others = spec.commandLine().getParseResult().matchedOptions().stream().map(OptionSpec::longestName)
                .filter(name -> !name.equals("--resume")).toList();
        if (!others.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume continues the experiment as it was recorded: drop " + String.join(", ", others));
        }
        Experiment recorded = ExperimentFile.read(resume).experiment();
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

    /** --variants, then every --variant (a name given twice takes the later definition). */
    private Variants variants() throws IOException {
        Variants all = variantsFile != null ? Variants.read(variantsFile) : Variants.NONE;
        StringBuilder text = new StringBuilder();
        for (String definition : variantDefinitions) {
            int equals = definition.indexOf('=');
            if (equals <= 0) {
                throw new KbenchException(KbenchException.Kind.BAD_INPUT, "--variant '" + definition
                        + "' must be NAME=KERNEL [ARGS], e.g. caponly=default lsm=capability");
            }
            text.append(definition.substring(0, equals).strip()).append(" = ").append(definition.substring(equals + 1).strip()).append('\n');
        }
        return all.and(Variants.parse(text.toString(), "--variant"));
    }
}
