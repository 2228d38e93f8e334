package dev.kbench.boot;

import java.util.Collection;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * One boot phase as a JMH secondary result: averaged as a {@code ScalarResult} with
 * {@link AggregationPolicy#AVG} is, but with no zero result. JMH pads every iteration that lacks
 * a secondary result with that result's zero ({@code BenchmarkResult.getSecondaryResults}), so a
 * {@code ScalarResult} would count a boot without the phase's marker as a boot of 0 ms; with no
 * zero result JMH leaves that iteration out, and the score is the mean over the boots that have
 * the phase.
 */
public final class BootPhaseResult extends Result<BootPhaseResult> {

    private static final long serialVersionUID = 1L;

    public BootPhaseResult(String label, double value, String unit) {
        this(label, of(value), unit);
    }

    private BootPhaseResult(String label, Statistics values, String unit) {
        super(ResultRole.SECONDARY, label, values, unit, AggregationPolicy.AVG);
    }

    @Override
    protected Aggregator<BootPhaseResult> getThreadAggregator() {
        return BootPhaseResult::meanOf;
    }

    @Override
    protected Aggregator<BootPhaseResult> getIterationAggregator() {
        return BootPhaseResult::meanOf;
    }

    @Override
    protected BootPhaseResult getZeroResult() {
        return null;
    }

    /** As JMH's scalar aggregator: the scores of the results aggregated, their mean the score. */
    private static BootPhaseResult meanOf(Collection<BootPhaseResult> results) {
        ListStatistics scores = new ListStatistics();
        results.forEach(r -> scores.addValue(r.getScore()));
        BootPhaseResult first = results.iterator().next();
        return new BootPhaseResult(first.getLabel(), scores, first.getScoreUnit());
    }
}
