package dev.kbench.cli;

import dev.kbench.CacheDirectory;
import dev.kbench.benchmarks.WorkloadBenchmark;
import dev.kbench.kernel.DebianKernelPackage;
import dev.kbench.kernel.Kernel;
import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.Comparison;
import dev.kbench.results.LsmPerfCsv;
import dev.kbench.results.RunLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kbench demo}: the main job on the embedded default. Two variants of the Debian cloud
 * kernel, its default LSM stack against capabilities only, compared on lsm-perf's eventfd
 * workload through JMH, with lsm-perf's CSV and JMH's JSON written at the end.
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

    @Option(names = "--accel", defaultValue = "auto", description = "auto, kvm or tcg (default: ${DEFAULT-VALUE})")
    String accel;

    @Override
    public Integer call() throws IOException, RunnerException {
        Files.createDirectories(out);
        CacheDirectory cache = CacheDirectory.fromEnvironment();
        DebianKernelPackage debian = new DebianKernelPackage(cache.folder("kernels"), System.out);
        Kernel kernel = debian.defaultKernel();
        System.out.println("kbench demo: kernel " + kernel.name() + " " + debian.versionOf(kernel.name()).orElse("")
                + " (" + kernel.image() + ")");
        System.out.println("kbench demo: variants 'stock' (the kernel's default LSM stack) and 'caponly' (lsm=capability);"
                + " workload eventfd (1,000,000 eventfd writes, prints CPU time in µs)");
        System.out.printf("kbench demo: %d rounds x (%d warm-up + %d measured runs) per variant; about 3 minutes under TCG on 2 cores, well under one with KVM%n",
                rounds, warmups, runs);
        Path variants = out.resolve("variants.conf");
        Files.writeString(variants, VARIANTS);
        Path json = out.resolve("jmh-result.json");
        Path runLog = out.resolve("runs.jsonl");
        Files.deleteIfExists(runLog);
        Options options = new OptionsBuilder()
                .include(WorkloadBenchmark.class.getName() + ".run")
                .param("kernel", "stock", "caponly")
                .param("workload", "eventfd")
                .param("accel", accel)
                .forks(rounds)
                .warmupIterations(warmups)
                .measurementIterations(runs)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .jvmArgsAppend("-Dkbench.variants=" + variants.toAbsolutePath(), "-Dkbench.run.log=" + runLog.toAbsolutePath())
                .build();
        new Runner(options).run();
        List<KernelRounds> kernels = Files.exists(json) ? JmhResults.read(json) : RunLog.rounds(RunLog.read(runLog));
        Path csv = out.resolve("lsm-perf.csv");
        try (Writer writer = Files.newBufferedWriter(csv)) {
            LsmPerfCsv.write(kernels, writer);
        }
        System.out.println();
        System.out.print(Comparison.text(Comparison.of(kernels)));
        System.out.println("kbench demo: wrote " + csv + ", " + json + " and " + runLog);
        return kernels.size() == 2 ? 0 : 1;
    }
}
