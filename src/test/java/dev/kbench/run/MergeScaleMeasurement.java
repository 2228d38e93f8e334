package dev.kbench.run;

import dev.kbench.results.Criteria;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How long {@code kbench merge} takes, and how much heap, for many shards: a measurement run by
 * hand ({@code benchmarks/merge-scale.sh}), not a test (its name keeps it out of mvn test and
 * verify). The shards are written as kbench run writes them (kept JMH results, run logs,
 * plans), then merged once; what it prints is in docs/cluster.md.
 */
class MergeScaleMeasurement {

    @Test
    void mergeManyShards() throws Exception {
        int shards = Integer.parseInt(System.getenv().getOrDefault("SHARDS", "1000"));
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "250"));
        Path dir = Path.of(System.getenv().getOrDefault("WORK", "target/merge-scale"));
        // 2 kernels, 2 rounds a shard (one balanced block): 4 kernel rounds of RUNS runs each
        ShardFiles files = new ShardFiles(dir, List.of("stock", "caponly"), 2 * shards, runs);
        long writing = System.nanoTime();
        for (int index = 1; index <= shards; index++) {
            files.write(index, shards, 7, "abc", Integer.MAX_VALUE);
        }
        System.out.printf("wrote %d shards of %d runs each (%d runs) in %.1f s%n", shards, 4 * runs, 4L * runs * shards,
                (System.nanoTime() - writing) / 1e9);
        long reading = System.nanoTime();
        int forks = 0;
        for (int index = 1; index <= shards; index++) {
            forks += new KeptForks(Experiment.besideOut(new Shard(index, shards).outputOf(files.out()), ".forks")).read().size();
        }
        System.out.printf("read the %d kept results alone in %.1f s%n", forks, (System.nanoTime() - reading) / 1e9);
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        ShardMerge.Outcome outcome = ShardMerge.merge(files.out(), false, Criteria.DEFAULT, new PrintStream(new ByteArrayOutputStream()));
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long bytes = 0;
        for (Path file : outcome.files()) {
            bytes += Files.size(file);
        }
        System.out.printf("merged %d shards (%d rounds a kernel) in %.1f s; heap peak %d MB (sum of the pools' peaks); outputs %d MB%n",
                shards, outcome.measured().get("eventfd").get(0).rounds().size(), seconds, peak >> 20, bytes >> 20);
    }
}
