package dev.kbench.cli;

import dev.kbench.CacheDirectory;
import dev.kbench.kernel.DebianKernelPackage;
import dev.kbench.kernel.Kernel;
import dev.kbench.run.Experiment;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kbench demo}: the main job on the embedded default. Two variants of the Debian cloud
 * kernel, its default LSM stack against capabilities only, compared on lsm-perf's eventfd
 * workload, as {@code kbench run} compares any kernels.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Compares the Debian cloud kernel's default LSM stack with capabilities only on the eventfd workload.")
final class DemoCommand implements Callable<Integer> {

    static final String VARIANTS = """
            # written by kbench demo: one kernel per line, name = KERNEL [extra kernel command line]
            stock = default
            caponly = default lsm=capability
            """;

    @Option(names = {"-o", "--out"}, defaultValue = "kbench-demo", description = "Folder for the results (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds (fresh VMs, JMH forks) per kernel (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--runs", defaultValue = "10", description = "Measured runs per round (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--warmups", defaultValue = "2", description = "Unmeasured runs after each boot (default: ${DEFAULT-VALUE})")
    int warmups;

    @Option(names = "--accel", defaultValue = "auto", description = "auto, kvm, tcg or icount (default: ${DEFAULT-VALUE})")
    String accel;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        DebianKernelPackage debian = new DebianKernelPackage(CacheDirectory.fromEnvironment().folder("kernels"), System.out);
        Kernel kernel = debian.defaultKernel();
        System.out.println("kbench demo: kernel " + kernel.name() + " " + debian.versionOf(kernel.name()).orElse("")
                + " (" + kernel.image() + ")");
        System.out.println("kbench demo: variants 'stock' (the kernel's default LSM stack) and 'caponly' (lsm=capability);"
                + " workload eventfd (1,000,000 eventfd writes, prints CPU time in µs)");
        System.out.printf("kbench demo: %d rounds x (%d warm-up + %d measured runs) per variant, rounds interleaved;"
                + " about 3 minutes under TCG on 2 cores, well under one with KVM%n", rounds, warmups, runs);
        Path variants = Files.writeString(out.resolve("variants.conf"), VARIANTS).toAbsolutePath();
        Experiment experiment = new Experiment(List.of("stock", "caponly"), List.of("eventfd"), rounds, runs, warmups, Accel.parse(accel), 512,
                Optional.empty(), Optional.of(variants), Optional.empty(), out.resolve("lsm-perf.csv"));
        return ExperimentExit.run(experiment, "kbench demo");
    }
}
