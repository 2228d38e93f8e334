package dev.kbench.boot;

import dev.kbench.jmh.ForkHandOff;
import dev.kbench.jmh.LogTail;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;

/**
 * A JMH profiler that gives each phase of the boot an iteration made its own secondary result,
 * in milliseconds, averaged over iterations: {@code toInitMs}, {@code initToReadyMs},
 * {@code toReadyMs} (kbench's markers, every kernel has them) and the (FG)KASLR suite's phases
 * where the kernel sends their markers ({@code decompMs}, ...). With {@code @AuxCounters} JMH
 * summed them over iterations, so every JMH client showed ten boots' worth for a phase, with no
 * error. The phases come from the boot log, where {@link BootMeasurement} records every boot as it
 * ends; a phase a boot lacks is left out of that boot's results rather than counted as zero or
 * filled in from the host's time (a {@link BootPhaseResult}, which JMH does not pad with zeros):
 * each phase's score is its mean over the boots that have it. A boot that counted its instructions
 * ({@code kbench boot --count instructions}) also gives each phase in unit {@code instructions}
 * ({@code decompInstructions}, ...), averaged the same way. {@code kbench boot} adds it, and so
 * does {@code benchmarks.jar}'s main to a run that names no {@code -prof} ({@code dev.kbench.cli.JmhMain}).
 */
public final class BootPhaseMetrics implements InternalProfiler {

    public static final String UNIT = "ms";
    /** A phase counted by kbench's TCG plugin: a number of guest instructions per boot, not a time. */
    public static final String INSTRUCTIONS = "instructions";

    private final LogTail<BootRecord> bootLog = new LogTail<>(ForkHandOff.received().settings().bootLog(), BootRecord.class);

    @Override
    public String getDescription() {
        return "each boot phase of kbench's boot log as a secondary result in ms (and in instructions where counted), averaged over boots";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        bootLog.mark();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        List<BootPhaseResult> phases = new ArrayList<>();
        for (BootRecord boot : bootLog.sinceMark()) {
            if (boot.error() == null) {
                phases.addAll(results(boot));
            }
        }
        return phases;
    }

    /**
     * A boot's phases as JMH results: one per phase it has, none for a phase it lacks; a boot that
     * counted instructions also has each phase in instructions ({@code decompInstructions}).
     */
    static List<BootPhaseResult> results(BootRecord boot) {
        List<BootPhaseResult> results = new ArrayList<>();
        metrics(boot).forEach((name, ms) -> results.add(new BootPhaseResult(name, ms, UNIT)));
        boot.instructions().forEach((phase, count) -> results.add(new BootPhaseResult(instructionMetricName(phase), count, INSTRUCTIONS)));
        return results;
    }

    /** {@code decomp} counted in instructions becomes {@code decompInstructions}. */
    static String instructionMetricName(String phase) {
        String ms = metricName(phase);
        return ms.substring(0, ms.length() - "Ms".length()) + "Instructions";
    }

    /**
     * A boot's phases as metric names and milliseconds, only those its markers gave: the host's
     * time to the agent's answer is no stand-in for a missing ready marker (it includes the
     * answer's round trip, and would mix two clocks in one mean).
     */
    public static Map<String, Double> metrics(BootRecord boot) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        boot.phases().forEach((phase, micros) -> metrics.put(metricName(phase), micros / 1000));
        return metrics;
    }

    /** {@code init_to_ready} becomes {@code initToReadyMs}, as the metrics were named when they were aux counters. */
    static String metricName(String phase) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : phase.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.append("Ms").toString();
    }
}
