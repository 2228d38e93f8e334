package dev.kbench.cli;

import dev.kbench.results.Analysis;
import dev.kbench.results.Comparison;
import dev.kbench.results.Criteria;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.Measure;
import dev.kbench.results.WorkloadResults;
import dev.kbench.results.format.VerdictText;
import dev.kbench.vm.Accel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An experiment's answer in words, a line per workload and kernel against the baseline, with what
 * the number counts: {@code kbench: getppid: new is the same (instructions) as old within ±1 %: -0.00 % [-0.03 %,
 * +0.03 %] (icount: guest instructions)}. The table above it has every column; this is the line a
 * person reads first.
 */
final class VerdictLines {

    /** Above this many lines the table says it better than a list of sentences. */
    static final int MOST = 6;

    private VerdictLines() {
    }

    /** A line per workload and kernel, signed by {@code who} ("kbench", "kbench demo"), saying what was counted if known. */
    static List<String> of(String who, Map<String, List<KernelRounds>> measured, Criteria criteria, Optional<Accel> accel) {
        List<WorkloadResults> workloads = new ArrayList<>();
        Measure measure = Measure.ofAccel(accel.map(Accel::qemuName).orElse(""));
        measured.forEach((workload, kernels) -> workloads.add(new WorkloadResults(workload, kernels, measure)));
        List<String> lines = new ArrayList<>();
        for (Comparison comparison : Analysis.of(workloads, criteria).comparisons()) {
            VerdictText.sentences(comparison).forEach(sentence -> lines.add(who + ": " + comparison.workload() + ": " + sentence
                    + accel.map(known -> " (" + measure(known) + ")").orElse("")));
        }
        return lines;
    }

    /** Prints the lines when they are few enough to read, else nothing: the table above says it. */
    static void printIfFew(String who, Map<String, List<KernelRounds>> measured, Criteria criteria, Optional<Accel> accel) {
        List<String> lines = of(who, measured, criteria, accel);
        if (lines.size() <= MOST) {
            lines.forEach(System.out::println);
        }
    }

    /** What the workload's number is under the accelerator. */
    static String measure(Accel accel) {
        return switch (accel) {
            case ICOUNT -> "icount: guest instructions";
            case KVM -> "KVM: CPU time";
            case AUTO -> "the accelerator auto chose";
            default -> "TCG: emulated CPU time";
        };
    }
}
