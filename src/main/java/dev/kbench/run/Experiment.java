package dev.kbench.run;

import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code kbench run} measures: lsm-perf's experiment. Every kernel is booted
 * {@code rounds} times (a fresh VM each, a JMH fork), and each boot runs the workload
 * {@code warmups} times unmeasured, then {@code runs} times measured. With several workloads
 * (a suite), each boot runs all of them in turn, {@code warmups} then {@code runs} passes.
 *
 * @param variants the variants file the kernel names may refer to, if any
 * @param image the user's disk image to boot from over SSH, or empty for kbench's initramfs guest
 * @param out lsm-perf's CSV; the JMH JSON, run log and comparison table go beside it
 */
public record Experiment(List<String> kernels, List<String> workloads, int rounds, int runs, int warmups, Accel accel, int memoryMib,
        Optional<CpuPinning> pinning, Optional<Path> variants, Optional<Path> image, Path out) {

    public Experiment {
        kernels = List.copyOf(kernels);
        workloads = List.copyOf(workloads);
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException("give at least one kernel with -k");
        }
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("give at least one workload with -w");
        }
        if (rounds < 1 || runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("--rounds and --runs must be at least 1, --warmups at least 0");
        }
    }

    /** Several workloads, run in turn on each boot by {@code SuiteBenchmark}. */
    public boolean suite() {
        return workloads.size() > 1;
    }

    /** {@code lsm-perf.csv} gives {@code lsm-perf.json}, {@code lsm-perf.runs.jsonl}, ... */
    public Path besideOut(String suffix) {
        String name = out.getFileName().toString();
        String base = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(base + suffix);
    }
}
