package dev.kbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * How much to measure, from what one result shows (Kalibera and Jones, "Rigorous benchmarking
 * in reasonable time", ISMM 2013): the variance between rounds (boots) and within a round (runs),
 * on log values so that they read as relative spreads, the cost of a round and of a run, and
 * from them the runs per round that buy the most precision per second, the effect this result
 * can resolve, and the rounds another would need to resolve a given effect at 80 % power.
 *
 * @param withinVariance the variance of log run values within a round, pooled over rounds and kernels
 * @param betweenVariance the variance of the rounds' true means, beyond what their runs explain (≥ 0)
 * @param rounds rounds per kernel in this result (the fewest any kernel has)
 * @param runs measured runs per round in this result
 * @param runSeconds what one run costs, if the result says (the run log's wall times)
 * @param roundSeconds what a round costs beyond its runs (boot, set-up), if the result says
 */
public record MeasurementPlan(String workload, double withinVariance, double betweenVariance, int kernels, int rounds, int runs,
        OptionalDouble runSeconds, OptionalDouble roundSeconds) {

    /** Two-sided 5 % and 80 % power, as a comparison of two kernels is tested. */
    private static final double Z = new NormalDistribution().inverseCumulativeProbability(0.975)
            + new NormalDistribution().inverseCumulativeProbability(0.80);

    /** The plan from one workload's kernels; costs when the run log gave them. */
    public static MeasurementPlan of(String workload, List<KernelRounds> kernels, OptionalDouble runSeconds, OptionalDouble roundSeconds) {
        double withinSum = 0;
        int withinDf = 0;
        List<Double> between = new ArrayList<>();
        int fewestRounds = Integer.MAX_VALUE;
        int runs = 0;
        for (KernelRounds kernel : kernels) {
            List<Double> means = new ArrayList<>();
            for (List<Long> round : kernel.rounds()) {
                List<Double> logs = round.stream().filter(v -> v > 0).map(v -> Math.log(v)).toList();
                if (logs.isEmpty()) {
                    continue;
                }
                double mean = logs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                means.add(mean);
                withinSum += logs.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
                withinDf += logs.size() - 1;
                runs = Math.max(runs, logs.size());
            }
            fewestRounds = Math.min(fewestRounds, means.size());
            if (means.size() >= 2) {
                double grand = means.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                between.add(means.stream().mapToDouble(m -> (m - grand) * (m - grand)).sum() / (means.size() - 1));
            }
        }
        double within = withinDf > 0 ? withinSum / withinDf : 0;
        double roundMeans = between.isEmpty() ? Double.NaN : between.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        // a round mean varies by the rounds' own spread plus its runs' spread shrunk by their number
        double betweenComponent = Math.max(0, roundMeans - within / Math.max(runs, 1));
        return new MeasurementPlan(workload, within, betweenComponent, kernels.size(), fewestRounds == Integer.MAX_VALUE ? 0 : fewestRounds,
                runs, runSeconds, roundSeconds);
    }

    /** Whether the result had the two rounds per kernel that a spread between rounds needs. */
    public boolean estimable() {
        return !Double.isNaN(betweenVariance) && rounds >= 2;
    }

    /** The variance of one round's mean of {@code runsPerRound} runs, on the log scale. */
    private double roundMeanVariance(int runsPerRound) {
        return betweenVariance + withinVariance / runsPerRound;
    }

    /** The smallest difference between two kernels, in percent, this result would detect at 80 % power. */
    public double resolvablePercent() {
        return (Math.exp(Z * Math.sqrt(2 * roundMeanVariance(Math.max(runs, 1)) / rounds)) - 1) * 100;
    }

    /**
     * The runs per round that resolve the most per second (Kalibera and Jones): more runs only
     * pay while the within-round spread dominates and a round costs much more than a run. Without
     * costs, the result's own runs per round.
     */
    public int optimalRuns() {
        if (runSeconds.isEmpty() || roundSeconds.isEmpty()) {
            return Math.max(runs, 1);
        }
        if (betweenVariance == 0) {
            return Math.max(runs, 1) * 10; // the rounds agree: runs are all that is left to average
        }
        double r = Math.sqrt(roundSeconds.getAsDouble() / runSeconds.getAsDouble() * withinVariance / betweenVariance);
        return (int) Math.max(1, Math.ceil(r));
    }

    /** Rounds per kernel that resolve {@code effectPercent} at 80 % power with {@code runsPerRound} runs each. */
    public int roundsFor(double effectPercent, int runsPerRound) {
        double delta = Math.log(1 + effectPercent / 100);
        return (int) Math.max(2, Math.ceil(2 * Z * Z * roundMeanVariance(runsPerRound) / (delta * delta)));
    }

    /** What {@code rounds} rounds of {@code runsPerRound} runs (and {@code warmups} unmeasured) cost for every kernel, if known. */
    public OptionalDouble seconds(int rounds, int runsPerRound, int warmups) {
        if (runSeconds.isEmpty() || roundSeconds.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) kernels * rounds * (roundSeconds.getAsDouble() + (warmups + runsPerRound) * runSeconds.getAsDouble()));
    }
}
