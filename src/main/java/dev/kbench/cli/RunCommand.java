package dev.kbench.cli;

import dev.kbench.CacheDirectory;
import dev.kbench.guest.GuestImage;
import dev.kbench.guest.WorkloadSuite;
import dev.kbench.kernel.InvalidKernelException;
import dev.kbench.kernel.KernelResolver;
import dev.kbench.run.Experiment;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import dev.kbench.vm.DiskModel;
import dev.kbench.vm.NetModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kbench run}: lsm-perf's command line, with its options, defaults and output, on JMH.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compares the performances of several kernels on the same workload (lsm-perf's options).")
final class RunCommand implements Callable<Integer> {

    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE",
            description = "Disk image to boot the kernels from, reached over SSH as lsm-perf does. Without it,"
                    + " kbench boots a generated initramfs with its guest agent: no image needed.")
    Path image;

    @Option(names = {"-k", "--kernels"}, arity = "1..*", required = true, paramLabel = "KERNELS",
            description = "The kernels to evaluate: paths to bzImage/vmlinux files, 'default' (the Debian cloud kernel),"
                    + " or variant names (--variant, --variants).")
    List<String> kernels;

    @Option(names = {"-w", "--workload"}, defaultValue = "eventfd", paramLabel = "WORKLOAD", split = ",",
            description = "A built-in workload's name or the path of a program that takes no argument and prints one"
                    + " integer (the time) on stdout. Several, comma-separated, or 'all' (every built-in one) make a suite:"
                    + " each boot runs them all in turn, --warmups then --runs passes, one CSV per workload and an HTML report."
                    + " Default: ${DEFAULT-VALUE}.")
    List<String> workloads;

    @Option(names = "--key", defaultValue = "${sys:user.home}/.ssh/id_rsa", paramLabel = "KEY",
            description = "RSA key to connect to the VM with -i; it must be in the image's authorized keys. Default: ${DEFAULT-VALUE}.")
    Path key;

    @Option(names = {"-o", "--out"}, defaultValue = "lsm-perf.csv", paramLabel = "OUT",
            description = "The output CSV; the JMH JSON, run log and comparison table go beside it. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = {"-c", "--cpu"}, arity = "3", paramLabel = "CPU",
            description = "CPU-QEMU CPU-KVM1 CPU-KVM2: QEMU's threads on CPU-QEMU, the two vCPUs on CPU-KVM1 and CPU-KVM2,"
                    + " the workload on the first vCPU (the guest boots with isolcpus=0). Start the host with"
                    + " isolcpus=... on these CPUs. Omit to not assign CPUs.")
    List<Integer> cpus;

    @Option(names = "--runs", defaultValue = "100", description = "Measured runs per kernel and round. Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds: times every kernel's VM is restarted. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--warmups", defaultValue = "5", description = "Unmeasured runs after each boot. Default: ${DEFAULT-VALUE}.")
    int warmups;

    @Option(names = "--accel", defaultValue = "auto", description = "auto, kvm, tcg or icount (TCG counting instructions). Default: ${DEFAULT-VALUE}.")
    String accel;

    @Option(names = "--mem", paramLabel = "MiB",
            description = "Guest memory in MiB. Default: 4096 with -i (lsm-perf's machine), else 512.")
    Integer memoryMib;

    @Option(names = "--disk", defaultValue = "virtio-scsi", paramLabel = "MODEL",
            description = "With -i: the root disk's model, virtio-scsi (/dev/sda, lsm-perf's), virtio-blk or nvme. Default: ${DEFAULT-VALUE}.")
    String disk;

    @Option(names = "--net", defaultValue = "e1000", paramLabel = "MODEL",
            description = "With -i: the network card, e1000 (lsm-perf's) or virtio-net (Debian's kernels have no e1000)."
                    + " Default: ${DEFAULT-VALUE}.")
    String net;

    @Option(names = "--transport", defaultValue = "agent", paramLabel = "agent|ssh",
            description = "With -i: run workloads through kbench's agent, copied in and started over SSH, or over plain"
                    + " SSH exec as lsm-perf does. Default: ${DEFAULT-VALUE} (SSH exec when the agent cannot run there).")
    String transport;

    @Option(names = "--timeout", defaultValue = "300", paramLabel = "SECONDS",
            description = "A workload run taking longer is killed and the run stops with an error. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

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
        if (image != null) {
            if (!java.nio.file.Files.isRegularFile(image)) {
                throw new IOException("disk image not found: " + image);
            }
            System.setProperty("kbench.key", key.toAbsolutePath().toString());
            if (!transport.equals("agent") && !transport.equals("ssh")) {
                throw new IllegalArgumentException("--transport must be agent or ssh, not " + transport);
            }
            System.setProperty("kbench.transport", transport);
            System.setProperty("kbench.disk", DiskModel.parse(disk).optionName());
            System.setProperty("kbench.net", NetModel.parse(net).optionName());
        }
        int memory = memoryMib != null ? memoryMib : image != null ? 4096 : 512;
        Optional<CpuPinning> pinning = cpus == null ? Optional.empty() : Optional.of(new CpuPinning(cpus.get(0), cpus.get(1), cpus.get(2)));
        if (pinning.isPresent() && Accel.parse(accel) == Accel.ICOUNT) {
            throw new IllegalArgumentException("-c pins two vCPUs, but --accel icount runs one (QEMU hangs booting a second under icount): drop -c");
        }
        System.setProperty("kbench.run.timeout", Integer.toString(timeoutSeconds));
        if (modules != null) {
            System.setProperty("kbench.modules", modules.toAbsolutePath().toString());
        }
        Optional<Path> variants = variants();
        variants.ifPresent(v -> System.setProperty("kbench.variants", v.toString()));
        checkKernels();
        Experiment experiment = new Experiment(kernels, workloadArguments(), rounds, runs, warmups, Accel.parse(accel), memory,
                pinning, variants, Optional.ofNullable(image), out);
        return ExperimentExit.run(experiment, "kbench");
    }

    /** Every kernel must exist before the first VM boots: a typo should not cost a round. */
    private void checkKernels() throws IOException {
        KernelResolver resolver = KernelResolver.fromEnvironment(CacheDirectory.fromEnvironment().folder("kernels"), System.out);
        for (String kernel : kernels) {
            try {
                resolver.resolve(kernel);
            } catch (InvalidKernelException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }

    /** 'all' expanded; a workload given by path is passed on absolute, since JMH forks may resolve it elsewhere. */
    private List<String> workloadArguments() throws IOException {
        List<String> known = GuestImage.builtInWorkloads();
        List<String> arguments = new ArrayList<>();
        for (String workload : WorkloadSuite.expand(workloads)) {
            if (workload.contains("/")) {
                arguments.add(Path.of(workload).toAbsolutePath().toString());
            } else if (known.contains(workload)) {
                arguments.add(workload);
            } else {
                throw new IllegalArgumentException("unknown workload '" + workload + "': give a path (./" + workload
                        + ") or one of the built-in ones, " + String.join(", ", known) + ", or 'all'");
            }
        }
        return arguments;
    }

    /** The variants file the forks read: --variants, plus every --variant, written beside the output. */
    private Optional<Path> variants() throws IOException {
        if (variantDefinitions.isEmpty()) {
            return Optional.ofNullable(variantsFile).map(Path::toAbsolutePath);
        }
        Map<String, String> all = new LinkedHashMap<>();
        if (variantsFile != null) {
            all.putAll(KernelResolver.readVariants(variantsFile));
        }
        StringBuilder text = new StringBuilder("# written by kbench run from --variant and --variants\n");
        for (String definition : variantDefinitions) {
            int equals = definition.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--variant '" + definition + "' must be NAME=KERNEL [ARGS], e.g. caponly=default lsm=capability");
            }
            all.put(definition.substring(0, equals).strip(), definition.substring(equals + 1).strip());
        }
        all.forEach((name, kernel) -> text.append(name).append(" = ").append(kernel).append('\n'));
        String base = out.getFileName().toString().replaceFirst("\\.csv$", "");
        Path file = out.toAbsolutePath().resolveSibling(base + ".variants.conf");
        Files.writeString(file, text);
        KernelResolver.readVariants(file); // the same checks the forks will make, before any boot
        return Optional.of(file);
    }
}
