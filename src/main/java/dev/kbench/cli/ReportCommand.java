package dev.kbench.cli;

import dev.kbench.report.ResultsWriter;
import dev.kbench.results.WorkloadResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kbench report}: one self-contained HTML page comparing the kernels of one or more JMH result files. */
@Command(name = "report", mixinStandardHelpOptions = true, defaultValueProvider = CommandDefaults.Report.class,
        description = "Writes an HTML page (inline CSS, plots embedded, viewable offline) comparing the kernels of each workload:"
                + " a box plot of the runs, the overhead against the first kernel with its 95%% confidence interval, and the"
                + " comparison table with a verdict per kernel (slower, faster, same or inconclusive; under icount slower (instructions) and"
                + " so on, since the values are guest instructions; see docs/statistics.md)."
                + " The plots are also written beside it as PNG, the tables as Markdown (.md). With several files, each kernel is labelled"
                + " with the file it came from.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULT", arity = "1..*", description = "JMH JSON result files written by kbench run or by JMH's -rf json")
    List<Path> inputs;

    @Mixin
    OutputOption output;

    @Mixin
    VerdictOptions verdict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ResultsWriter.Report report = ResultsWriter.writeReport(inputs, verdict.criteria(), output.out);
        List<WorkloadResults> workloads = report.workloads();
        int kernels = workloads.stream().mapToInt(w -> w.kernels().size()).sum();
        System.out.println("kbench: wrote " + report.html() + " (" + workloads.size() + (workloads.size() == 1 ? " workload, " : " workloads, ")
                + kernels + " kernel results from " + inputs.size() + (inputs.size() == 1 ? " file)" : " files)"));
        System.out.println("kbench: wrote " + report.markdown() + " (the tables in Markdown)");
        for (Path plot : report.plots()) {
            System.out.println("kbench: wrote " + plot);
        }
        return 0;
    }
}
