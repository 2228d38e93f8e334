package dev.kbench.bisect;

import dev.kbench.results.Analysis;
import dev.kbench.results.Comparison;
import dev.kbench.results.Criteria;
import dev.kbench.results.Effect;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.WorkloadResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The verdict engine applied to a bisection's measurements: the same Welch test on the logs of
 * round means and the same equivalence test ({@code same}: the whole 95 % interval within the
 * threshold) as {@code kbench run}, with the p-values of one measurement's comparisons adjusted
 * together.
 */
final class Judge {

    private Judge() {
    }

    /** {@code bad} against {@code good} on every workload measured. */
    static Map<String, Effect> ends(Map<String, List<KernelRounds>> measured, String good, String bad, Criteria criteria) {
        List<WorkloadResults> pairs = new ArrayList<>();
        measured.forEach((workload, kernels) -> pairs.add(new WorkloadResults(workload, List.of(find(kernels, good), find(kernels, bad)))));
        Analysis analysis = Analysis.of(pairs, criteria);
        java.util.LinkedHashMap<String, Effect> effects = new java.util.LinkedHashMap<>();
        for (Comparison comparison : analysis.comparisons()) {
            effects.put(comparison.workload(), comparison.rows().get(1).effect().orElseThrow());
        }
        return effects;
    }

    /**
     * {@code commit} against both ends of its range on each of {@code workloads} (those on which the
     * bisection's ends differ), as positions.
     */
    static List<Position> positions(Map<String, List<KernelRounds>> measured, List<String> workloads, String good, String bad, String commit,
            Criteria criteria) {
        List<WorkloadResults> pairs = new ArrayList<>();
        for (String workload : workloads) {
            List<KernelRounds> kernels = measured.get(workload);
            pairs.add(new WorkloadResults(workload, List.of(find(kernels, good), find(kernels, commit))));
            pairs.add(new WorkloadResults(workload, List.of(find(kernels, bad), find(kernels, commit))));
            pairs.add(new WorkloadResults(workload, List.of(find(kernels, good), find(kernels, bad))));
        }
        List<Comparison> comparisons = Analysis.of(pairs, criteria).comparisons();
        List<Position> positions = new ArrayList<>();
        for (int w = 0; w < workloads.size(); w++) {
            Effect againstGood = effect(comparisons.get(3 * w));
            Effect againstBad = effect(comparisons.get(3 * w + 1));
            double range = effect(comparisons.get(3 * w + 2)).overhead().percent();
            positions.add(new Position(workloads.get(w), Position.Side.of(againstGood), Position.Side.of(againstBad), range,
                    Position.share(againstGood.overhead().percent(), range)));
        }
        return positions;
    }

    /**
     * A first bad commit against its parent on each of {@code workloads}, and the parent against good
     * and the commit against bad where they are not those ends themselves.
     *
     * @param range bad against good, in percent, per workload: what the commit's share is of
     */
    static List<Finding.Confirmation> confirmations(Map<String, List<KernelRounds>> measured, List<String> workloads, String parent,
            String commit, String good, String bad, Map<String, Double> range, Criteria criteria) {
        List<WorkloadResults> pairs = new ArrayList<>();
        for (String workload : workloads) {
            List<KernelRounds> kernels = measured.get(workload);
            pairs.add(new WorkloadResults(workload, List.of(find(kernels, parent), find(kernels, commit))));
            if (!parent.equals(good)) {
                pairs.add(new WorkloadResults(workload, List.of(find(kernels, good), find(kernels, parent))));
            }
            if (!commit.equals(bad)) {
                pairs.add(new WorkloadResults(workload, List.of(find(kernels, bad), find(kernels, commit))));
            }
        }
        List<Comparison> comparisons = Analysis.of(pairs, criteria).comparisons();
        List<Finding.Confirmation> confirmations = new ArrayList<>();
        int next = 0;
        for (String workload : workloads) {
            Effect own = effect(comparisons.get(next++));
            Position.Side parentSide = parent.equals(good) ? null : Position.Side.of(effect(comparisons.get(next++)));
            Position.Side commitSide = commit.equals(bad) ? null : Position.Side.of(effect(comparisons.get(next++)));
            confirmations.add(new Finding.Confirmation(workload, Position.Side.of(own), parentSide, commitSide,
                    Position.share(own.overhead().percent(), range.get(workload))));
        }
        return confirmations;
    }

    /**
     * Good when the same as the good end on every workload, bad when the same as the bad end; where
     * both hold (ends closer than twice the threshold), the nearer one; else neither.
     */
    static StepCall call(List<Position> positions) {
        boolean good = positions.stream().allMatch(p -> p.againstGood().same());
        boolean bad = positions.stream().allMatch(p -> p.againstBad().same());
        if (good && bad) {
            double share = positions.stream().mapToDouble(Position::share).average().orElse(0);
            return share < 0.5 ? StepCall.GOOD : StepCall.BAD;
        }
        return good ? StepCall.GOOD : bad ? StepCall.BAD : StepCall.NEITHER;
    }

    /** Whether more rounds could still change the call: some comparison is neither a difference nor the same. */
    static boolean undecided(List<Position> positions) {
        return positions.stream().anyMatch(p -> p.againstGood().verdict().equals("inconclusive") || p.againstBad().verdict().equals("inconclusive"));
    }

    private static Effect effect(Comparison comparison) {
        return comparison.rows().get(1).effect().orElseThrow();
    }

    private static KernelRounds find(List<KernelRounds> kernels, String name) {
        return kernels.stream().filter(k -> k.kernel().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no rounds of kernel " + name + " in the measurement"));
    }
}
