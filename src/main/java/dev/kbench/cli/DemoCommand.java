package dev.kbench.cli;

import dev.kbench.guest.Workload;
import dev.kbench.kernel.Variants;
import dev.kbench.run.Experiment;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kbench demo}: the main job on the embedded default. Two variants of the Debian cloud
 * kernel, its default LSM stack against capabilities only, compared on lsm-perf's eventfd
 * workload, as {@code kbench run} compares any kernels.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, defaultValueProvider = CommandDefaults.Demo.class,
        description = "Compares the Debian cloud kernel's default LSM stack with capabilities only on the eventfd workload.")
final class DemoCommand implements Callable<Integer> {

    static final Variants VARIANTS = Variants.of("""
            stock = default
            caponly = default lsm=capability
            """);

    @ParentCommand
    Kbench kbench;

    @Mixin
    ExperimentOptions options;

    @Mixin
    JobsOption jobs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        int jobCount = jobs.resolve(options);
        VariantsExperiment demo = new VariantsExperiment("kbench demo", VARIANTS,
                "written by kbench demo: one kernel per line, name = KERNEL [extra kernel command line]");
        Experiment experiment = demo.plan(kbench.settings(), options, List.of("stock", "caponly"), List.of(new Workload.BuiltIn("eventfd")),
                "lsm-perf.csv");
        demo.announceKernel(kbench.settings(), System.out);
        System.out.println("kbench demo: variants 'stock' (the kernel's default LSM stack) and 'caponly' (lsm=capability);"
                + " workload eventfd (1,000,000 eventfd writes, prints CPU time in µs)");
        System.out.printf("kbench demo: %d rounds x (%d warm-up + %d measured runs) per variant, rounds interleaved;"
                + " about 3 minutes under TCG on 2 cores, well under one with KVM%n", options.rounds, options.warmups, options.runs);
        return demo.run(experiment, options.out, jobCount, "demo", LocalShards.optionsBut(spec, "--jobs"));
    }
}
