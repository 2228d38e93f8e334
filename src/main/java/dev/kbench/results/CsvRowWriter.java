package dev.kbench.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes lsm-perf's CSV one row at a time, flushed as soon as a kernel's round is measured:
 * an interrupted run keeps every row it finished.
 */
public final class CsvRowWriter implements AutoCloseable {

    private final CSVPrinter printer;
    private int rows;

    public CsvRowWriter(Path file, int runs) throws IOException {
        Writer writer = Files.newBufferedWriter(file);
        this.printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
        printer.printRecord(LsmPerfCsv.header(runs));
        printer.flush();
    }

    public synchronized void row(String kernel, int round, List<Long> runs) throws IOException {
        printer.printRecord(LsmPerfCsv.row(kernel, round, runs));
        printer.flush();
        rows++;
    }

    public synchronized int rows() {
        return rows;
    }

    @Override
    public synchronized void close() throws IOException {
        printer.close();
    }
}
