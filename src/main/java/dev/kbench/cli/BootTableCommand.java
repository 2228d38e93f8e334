package dev.kbench.cli;

import dev.kbench.boot.BootLog;
import dev.kbench.boot.BootRecord;
import dev.kbench.boot.BootSummary;
import dev.kbench.boot.BootTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kbench boot-table}: the boot phases of a run as the (FG)KASLR suite reports them, with a summary and plots. */
@Command(name = "boot-table", mixinStandardHelpOptions = true,
        description = "Writes one JSON object per boot in the (FG)KASLR suite's format (microseconds), a summary per kernel and"
                + " setting (CSV and Markdown) and plots (PNG), from a boot log or the JMH JSON it sits beside.")
final class BootTableCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULT", description = "A boot log (*.jsonl), or a JMH JSON file with its X.boots.jsonl or kbench-boots.jsonl beside it")
    Path input;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        Path log = BootTable.bootLogFor(input);
        List<BootRecord> boots = BootLog.read(log);
        Path prefix = output.out != null ? output.out : input.resolveSibling(input.getFileName().toString().replaceFirst("(\\.boots)?\\.jsonl?$", ""));
        List<Path> files = BootTable.write(boots, prefix);
        System.out.print(BootSummary.markdown(BootSummary.of(boots)));
        long failed = boots.stream().filter(b -> b.error() != null).count();
        long warmups = boots.stream().filter(BootRecord::warmup).count();
        System.out.println("kbench: " + boots.size() + " boots read from " + log + (failed > 0 ? " (" + failed + " failed, left out)" : "")
                + (warmups > 0 ? " (" + warmups + " warm-up boots, left out)" : ""));
        System.out.println("kbench: wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
        return 0;
    }
}
