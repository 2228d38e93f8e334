package dev.kbench.run;

import dev.kbench.jmh.LogTail;
import dev.kbench.results.JmhResults;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunPhase;
import dev.kbench.results.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ScalarResult;

/**
 * What a run's value costs on its way from the guest to a JMH result inside a fork: the session
 * appends the run's record to the run log, and the profiler ({@link WorkloadOutputs}) reads the
 * iteration's records back and makes them a result. A measurement run by hand (its name keeps it
 * out of mvn test and verify): {@code mvn -o -q test -Dtest=RoundTripMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false}, with RUNS runs a fork (default 2000, lsm-perf's
 * largest) and FORKS forks after a first to warm the JIT; what it prints is in docs/architecture.md.
 */
class RoundTripMeasurement {

    @Test
    void appendThenReadBackEveryRun() throws Exception {
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "2000"));
        int forks = Integer.parseInt(System.getenv().getOrDefault("FORKS", "3"));
        Path dir = Files.createTempDirectory("kbench-round-trip");
        try {
            for (int fork = 0; fork <= forks; fork++) {
                Path log = dir.resolve("fork-" + fork + ".runs.jsonl");
                long appendNs = 0;
                long readNs = 0;
                List<ScalarResult> results = new ArrayList<>();
                LogTail<RunRecord> tail = new LogTail<>(log, RunRecord.class);
                try (RunLog runLog = RunLog.appendTo(log)) {
                    for (int run = 0; run < runs; run++) {
                        long started = System.nanoTime();
                        tail.mark();
                        long marked = System.nanoTime();
                        runLog.append(new RunRecord(Instant.now().toString(), "dev.kbench.benchmarks.WorkloadBenchmark.run", "caponly", "eventfd",
                                "4242-4343-1", "tcg", RunPhase.MEASUREMENT, run, 123_456L + run, 2_000_000L, null, 3, 1, null, null));
                        long appended = System.nanoTime();
                        for (RunRecord record : tail.sinceMark()) {
                            results.add(new ScalarResult(JmhResults.WORKLOAD_METRIC, record.value(), "ns/op", AggregationPolicy.AVG));
                        }
                        long read = System.nanoTime();
                        appendNs += appended - marked;
                        readNs += (read - appended) + (marked - started);
                    }
                }
                if (results.size() != runs) {
                    throw new IllegalStateException("read back " + results.size() + " of " + runs + " runs");
                }
                System.out.printf("fork %d%s: %d runs; append %.1f µs a run, profiler's mark and read back %.1f µs a run; run log %d bytes a run%n",
                        fork, fork == 0 ? " (JIT warming)" : "", runs, appendNs / 1e3 / runs, readNs / 1e3 / runs, Files.size(log) / runs);
            }
        } finally {
            dev.kbench.FileTrees.delete(dir);
        }
    }
}
