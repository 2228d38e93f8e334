package dev.kbench.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole result analysed at once: every workload's kernels against its baseline, with the
 * p-values of all these comparisons (kernels × workloads) adjusted together, since that is the
 * family a reader scans for "significant" cells, and a verdict for each. Each workload's test is
 * {@link KernelTest#forWorkload}'s.
 *
 * @param comparisons one per workload, in the result's order
 */
public record Analysis(Criteria criteria, List<Comparison> comparisons) {

    public Analysis {
        comparisons = List.copyOf(comparisons);
    }

    public static Analysis of(List<WorkloadResults> workloads, Criteria criteria) {
        List<List<Overhead>> overheads = new ArrayList<>();
        List<KernelTest> tests = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (WorkloadResults workload : workloads) {
            if (workload.kernels().isEmpty()) {
                throw new IllegalArgumentException("nothing to compare" + (workload.name().isEmpty() ? "" : " in " + workload.name())
                        + ": no kernel has a measured run");
            }
            KernelTest test = KernelTest.forWorkload(workload);
            tests.add(test);
            List<Overhead> against = test.againstFirst(workload.kernels());
            overheads.add(against);
            against.forEach(o -> pValues.add(o.pValue()));
        }
        double[] q = Multiplicity.adjust(criteria.correction(), pValues.stream().mapToDouble(Double::doubleValue).toArray());
        int family = (int) pValues.stream().filter(p -> !p.isNaN()).count();
        List<Comparison> comparisons = new ArrayList<>();
        int next = 0;
        for (int w = 0; w < workloads.size(); w++) {
            List<KernelRounds> kernels = workloads.get(w).kernels();
            List<Comparison.Row> rows = new ArrayList<>(List.of(Comparison.row(kernels.get(0), Optional.empty())));
            for (int k = 1; k < kernels.size(); k++) {
                Overhead overhead = overheads.get(w).get(k - 1);
                double qValue = q[next++];
                Effect effect = new Effect(overhead, qValue, Verdict.of(overhead, qValue, criteria.thresholdPercent()));
                rows.add(Comparison.row(kernels.get(k), Optional.of(effect)));
            }
            comparisons.add(new Comparison(workloads.get(w).name(), criteria, family, workloads.get(w).measure(), tests.get(w), rows));
        }
        return new Analysis(criteria, comparisons);
    }
}
