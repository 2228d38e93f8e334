package dev.kbench.cli;

import dev.kbench.CacheDirectory;
import dev.kbench.guest.WorkloadSuite;
import dev.kbench.kernel.DebianKernelPackage;
import dev.kbench.kernel.Kernel;
import dev.kbench.run.Experiment;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kbench lsm-cost}: the reference experiment. The whole workload suite on the default
 * kernel, booted with each LSM stack the kernel command line can make: the kernel's default
 * stack, each LSM alone after capabilities, and capabilities only. Rounds are interleaved as in
 * {@code kbench run}, and every boot runs the whole suite (one VM per variant and round).
 */
@Command(name = "lsm-cost", mixinStandardHelpOptions = true,
        description = "The reference experiment: every built-in workload on the default kernel with its default LSM stack,"
                + " each LSM alone (lsm=NAME) and capabilities only; writes CSVs, JMH JSON, a comparison table and an HTML report.")
final class LsmCostCommand implements Callable<Integer> {

    /**
     * The variants, baseline first. {@code lsm=} replaces the kernel's CONFIG_LSM order;
     * capabilities always come first. SELinux, AppArmor and Smack are exclusive: the default
     * stack of Debian's kernel has AppArmor, not SELinux, and this kernel has no Smack.
     */
    static final String VARIANTS = """
            # written by kbench lsm-cost: one kernel per line, name = KERNEL [extra kernel command line]
            caponly = default lsm=capability
            stack = default
            apparmor = default lsm=apparmor
            selinux = default lsm=selinux
            tomoyo = default lsm=tomoyo
            landlock = default lsm=landlock
            yama = default lsm=yama
            bpf = default lsm=bpf
            """;

    @Option(names = {"-o", "--out"}, defaultValue = "lsm-cost", description = "Folder for the results (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--rounds", defaultValue = "4", description = "Rounds (fresh VMs, JMH forks) per variant (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--runs", defaultValue = "2", description = "Measured passes over the suite per round (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmups", defaultValue = "1", description = "Unmeasured passes after each boot (default: ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = {"-w", "--workload"}, defaultValue = WorkloadSuite.ALL, split = ",", paramLabel = "WORKLOAD",
            description = "Built-in workloads to run, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> workloads;

    @Option(names = {"-k", "--variants"}, split = ",", paramLabel = "VARIANT",
            description = "Only these variants, comma-separated, the first as baseline (default: caponly and all the others)")
    List<String> only;

    @Option(names = "--accel", defaultValue = "auto", description = "auto, kvm, tcg or icount (default: ${DEFAULT-VALUE})")
    String accel;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        DebianKernelPackage debian = new DebianKernelPackage(CacheDirectory.fromEnvironment().folder("kernels"), System.out);
        Kernel kernel = debian.defaultKernel();
        List<String> variants = variantNames();
        List<String> suite = WorkloadSuite.expand(workloads);
        System.out.println("kbench lsm-cost: kernel " + kernel.name() + " " + debian.versionOf(kernel.name()).orElse("")
                + " (" + kernel.image() + ")");
        System.out.println("kbench lsm-cost: variants " + String.join(", ", variants) + " (see " + out.resolve("variants.conf")
                + "); " + suite.size() + " workloads at their default counts");
        // seconds per workload run at its default count, measured on a 2-core machine: TCG 1.0-1.1, icount 1.8
        double perRun = Accel.parse(accel) == Accel.ICOUNT ? 1.8 : 1.1;
        System.out.printf("kbench lsm-cost: %d rounds x %d variants, each a fresh VM running (%d warm-up + %d measured) passes"
                + " over the suite; about %d min without KVM on 2 cores (%s)%n", rounds, variants.size(), warmups, runs,
                Math.round(rounds * variants.size() * (5 + (warmups + runs) * suite.size() * perRun) / 60),
                Accel.parse(accel) == Accel.ICOUNT ? "icount" : "TCG");
        Path variantsFile = Files.writeString(out.resolve("variants.conf"), VARIANTS).toAbsolutePath();
        Experiment experiment = new Experiment(variants, suite, rounds, runs, warmups, Accel.parse(accel), 512,
                Optional.empty(), Optional.of(variantsFile), Optional.empty(), out.resolve("lsm-cost.csv"));
        return ExperimentExit.run(experiment, "kbench lsm-cost");
    }

    private List<String> variantNames() {
        List<String> all = new ArrayList<>();
        VARIANTS.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> all.add(l.substring(0, l.indexOf('=')).strip()));
        if (only == null) {
            return all;
        }
        for (String name : only) {
            if (!all.contains(name)) {
                throw new IllegalArgumentException("unknown variant '" + name + "': the variants are " + String.join(", ", all));
            }
        }
        return only;
    }
}
