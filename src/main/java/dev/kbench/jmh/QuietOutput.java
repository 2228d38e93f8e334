package dev.kbench.jmh;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * A JMH output format that prints nothing of JMH's own report: kbench's commands show their
 * own progress instead. Text from the forks arrives in {@link #forkText} in pieces; subclasses
 * decide what of it to keep and what to show.
 */
public abstract class QuietOutput implements OutputFormat {

    /** A piece of text a fork printed (or JMH printed about it). */
    protected abstract void forkText(String text);

    /** A stream that feeds {@link #forkText}, to stand in for System.out and System.err while JMH runs in this JVM. */
    public PrintStream forkOutputStream() {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                forkText(Character.toString((char) b));
            }

            @Override
            public void write(byte[] b, int off, int len) {
                forkText(new String(b, off, len, StandardCharsets.UTF_8));
            }
        }, true, StandardCharsets.UTF_8);
    }

    @Override
    public void print(String s) {
        forkText(s);
    }

    @Override
    public void println(String s) {
        forkText(s + "\n");
    }

    @Override
    public void write(int b) {
        forkText(Character.toString((char) b));
    }

    @Override
    public void write(byte[] b) {
        forkText(new String(b, StandardCharsets.UTF_8));
    }

    @Override
    public void verbosePrintln(String s) {
    }

    @Override
    public void iteration(BenchmarkParams benchmark, IterationParams params, int iteration) {
    }

    @Override
    public void iterationResult(BenchmarkParams benchmark, IterationParams params, int iteration, IterationResult data) {
    }

    @Override
    public void startBenchmark(BenchmarkParams benchmark) {
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
    }

    @Override
    public void startRun() {
    }

    @Override
    public void endRun(Collection<RunResult> result) {
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
