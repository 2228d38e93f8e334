package dev.kbench.cli;

import dev.kbench.KbenchException;
import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.LsmPerfCsv;
import dev.kbench.results.RunLog;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code kbench csv}: JMH's JSON (or kbench's run log) to lsm-perf's CSV. */
@Command(name = "csv", mixinStandardHelpOptions = true, defaultValueProvider = CommandDefaults.Csv.class,
        description = "Writes lsm-perf's CSV (kernel path,round,run 0,...) from a JMH JSON result file (-rf json)"
                + " or from kbench's run log (*.jsonl, which also holds the runs of failed kernels).")
final class CsvCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RESULT", description = "JMH JSON result file, or a kbench run log ending in .jsonl")
    Path input;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "result file not found: " + input);
        }
        List<KernelRounds> kernels = readRounds(input);
        if (kernels.isEmpty()) {
            throw new KbenchException(KbenchException.Kind.BAD_INPUT, "no measured run in " + input + ": nothing to write (is it kbench's run log?)");
        }
        Path out = output.out;
        try (Writer writer = Files.newBufferedWriter(out)) {
            LsmPerfCsv.write(kernels, writer);
        }
        int rows = kernels.stream().mapToInt(k -> k.rounds().size()).sum();
        System.out.println("kbench: wrote " + out + " (" + kernels.size() + " kernels, " + rows + " rows)");
        return 0;
    }

    static List<KernelRounds> readRounds(Path input) throws IOException {
        return input.toString().endsWith(".jsonl") ? RunLog.rounds(RunLog.read(input)) : JmhResults.read(input);
    }
}
