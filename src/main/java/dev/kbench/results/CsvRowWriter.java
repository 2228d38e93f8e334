package dev.kbench.results;

import dev.kbench.KbenchException;
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

    private final Path file;
    private final CSVPrinter printer;
    private int rows;

    public CsvRowWriter(Path file, int runs) throws IOException {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent); // as the run log's: -o into a folder not made yet
            }
            Writer writer = Files.newBufferedWriter(file);
            this.printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
            printer.printRecord(LsmPerfCsv.header(runs));
            printer.flush();
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot write " + file + ": " + JsonLines.reason(e), e);
        }
    }

    /** Writes one row; an error names the file and the row (whose runs are in the run log too). */
    public synchronized void row(String kernel, int round, List<Long> runs) throws IOException {
        List<Object> row = LsmPerfCsv.row(kernel, round, runs);
        try {
            printer.printRecord(row);
            printer.flush();
        } catch (IOException e) {
            throw new KbenchException(KbenchException.Kind.INFRASTRUCTURE, "cannot write " + file + ": " + JsonLines.reason(e) + "; the row it did not take: " + row.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")), e);
        }
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
