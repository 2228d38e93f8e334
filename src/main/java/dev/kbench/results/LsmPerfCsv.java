package dev.kbench.results;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * lsm-perf's CSV, to the letter: a header {@code kernel path,round,run 0,...,run N-1}, then one
 * row per kernel and round, rounds outermost (round 0 of every kernel, then round 1, ...), as
 * lsm-perf itself writes them.
 */
public final class LsmPerfCsv {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();

    private LsmPerfCsv() {
    }

    public static void write(List<KernelRounds> kernels, Writer out) throws IOException {
        int runs = 0;
        int rounds = 0;
        for (KernelRounds kernel : kernels) {
            rounds = Math.max(rounds, kernel.rounds().size());
            for (List<Long> round : kernel.rounds()) {
                runs = Math.max(runs, round.size());
            }
        }
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(header(runs));
            for (int round = 0; round < rounds; round++) {
                for (KernelRounds kernel : kernels) {
                    if (round < kernel.rounds().size()) {
                        printer.printRecord(row(kernel.kernel(), round, kernel.rounds().get(round)));
                    }
                }
            }
        }
    }

    public static List<String> header(int runs) {
        List<String> header = new ArrayList<>(List.of("kernel path", "round"));
        for (int i = 0; i < runs; i++) {
            header.add("run " + i);
        }
        return header;
    }

    public static List<Object> row(String kernel, int round, List<Long> runs) {
        List<Object> row = new ArrayList<>(List.of(kernel, round));
        row.addAll(runs);
        return row;
    }
}
