package dev.kbench.cli;

import dev.kbench.count.CountingPlugin;
import dev.kbench.explain.ExplainRun;
import dev.kbench.explain.Explanation;
import dev.kbench.explain.ExplanationChart;
import dev.kbench.explain.ExplanationJson;
import dev.kbench.explain.ExplanationTable;
import dev.kbench.explain.KernelProfile;
import dev.kbench.guest.Workload;
import dev.kbench.plan.GuestSettings;
import dev.kbench.vm.Accel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kbench explain}: which kernel functions a difference between two kernels on one workload goes to; docs/explain.md. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = CommandDefaults.Explain.class,
        description = "Counts, under TCG with kbench's plugin, the guest instructions each kernel function executes in a built-in"
                + " workload's timed region, on kernel A and on kernel B, each in fresh VMs, and lists the functions whose counts"
                + " per operation differ most, with their share of the difference, beside the difference the workload itself"
                + " printed (under icount an instruction count of its own). Writes OUT.md, OUT.json and OUT.svg. See docs/explain.md.")
final class ExplainCommand implements Callable<Integer> {

    @ParentCommand
    Kbench kbench;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KERNEL_A", description = "The kernel compared against: a path, 'default' or a variant's name.")
    String kernelA;

    @Parameters(index = "1", paramLabel = "KERNEL_B", description = "The kernel whose difference from A is explained.")
    String kernelB;

    @Mixin
    WorkloadsOption workloads;

    @Mixin
    VariantOptions variants;

    @Mixin
    AccelOption accel;

    @Mixin
    MemoryOption memory;

    @Option(names = "--vms", paramLabel = "N", defaultValue = "1",
            description = "Fresh VMs per kernel, each measuring one run after the warm-ups. Default: ${DEFAULT-VALUE}.")
    int vms;

    @Mixin
    WarmupsOption warmups;

    @Option(names = "--operations", paramLabel = "N",
            description = "Operations a run does. Default: the workload's count under the accelerator, as kbench run's --scale auto.")
    Long operations;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Functions listed in the table and the chart; the JSON has every one. Default: ${DEFAULT-VALUE}.")
    int top;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        Workload.BuiltIn workload = workload();
        if (accel.accel != Accel.ICOUNT && accel.accel != Accel.TCG) {
            throw new ParameterException(spec.commandLine(), "--accel " + accel.accel.qemuName() + ": explain counts instructions"
                    + " with kbench's TCG plugin, so it runs under icount (the default) or tcg; under KVM no instruction passes through QEMU");
        }
        if (vms < 1 || warmups.warmups < 0 || top < 1 || (operations != null && operations < 1)) {
            throw new ParameterException(spec.commandLine(), "--vms, --top and --operations must be at least 1, --warmups at least 0");
        }
        Path out = output.out.toAbsolutePath();
        GuestSettings guest = GuestSettings.from(kbench.settings());
        // no run log is written: naming one beside OUT puts a failed boot's evidence in OUT.failed-boots
        guest = guest.withKernels(guest.kernels().withVariants(variants.variants())).withRunLog(Path.of(out + ".runs.jsonl"));
        long count = operations != null ? operations : ExplainRun.defaultOperations(workload, accel.accel);
        CountingPlugin plugin = CountingPlugin.prepare("qemu-system-x86_64", kbench.settings());
        ExplainRun run = new ExplainRun(guest, plugin, workload, accel.accel, memory.one(512), count, vms, warmups.warmups);
        System.out.printf("kbench explain: %s on %s and %s, %d VM(s) each under %s, %,d operations a run%n", workload.name(), kernelA,
                kernelB, vms, accel.accel.qemuName(), count);
        KernelProfile a = run.measure(kernelA, System.out);
        KernelProfile b = run.measure(kernelB, System.out);
        Explanation explanation = Explanation.of(workload.name(), a, b);
        ExplanationTable table = new ExplanationTable(explanation, top);
        Files.createDirectories(out.getParent());
        Path markdown = Path.of(out + ".md");
        Path json = Path.of(out + ".json");
        Path svg = Path.of(out + ".svg");
        Files.writeString(markdown, table.markdown());
        ExplanationJson.write(explanation, json);
        Files.writeString(svg, ExplanationChart.svg(explanation, top));
        System.out.println();
        System.out.print(table.text());
        System.out.println("kbench: wrote " + String.join(", ", List.of(markdown.toString(), json.toString(), svg.toString())));
        return 0;
    }

    private Workload.BuiltIn workload() throws IOException {
        List<Workload> given = Workload.parseAll(workloads.workloads);
        if (given.size() != 1 || !(given.get(0) instanceof Workload.BuiltIn builtIn)) {
            throw new ParameterException(spec.commandLine(), "-w takes one built-in workload here, not " + workloads.workloads
                    + ": only kbench's own workloads mark their timed region for the count");
        }
        return builtIn;
    }
}
