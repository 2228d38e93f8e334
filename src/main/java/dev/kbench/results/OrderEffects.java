package dev.kbench.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * What the order of measuring did to one workload's numbers, read from the run log: the effect
 * of a VM's position in its round (a kernel that runs later in a round, against the same kernel
 * earlier), and drift within a VM (a later run against an earlier one on the same VM). Each is
 * a slope on the log of the values, estimated within groups (within each kernel for positions,
 * within each VM for drift), so that differences between kernels or boots do not count.
 * Under a fixed order a kernel always has one position and its position effect cannot be told
 * apart from the kernel: it is then not estimable (NaN), which is why orders are balanced.
 *
 * @param position the change per later position in a round, from the round means of each VM
 * @param drift the change per later measured run within a VM
 */
public record OrderEffects(String workload, Slope position, Slope drift) {

    /**
     * A change per step in percent, with its 95 % confidence interval and the two-sided p-value
     * of the slope's t-test; all NaN when the data cannot estimate it.
     */
    public record Slope(double percentPerStep, double ciLow, double ciHigh, double pValue, int samples) {
        public boolean estimable() {
            return !Double.isNaN(pValue);
        }

        public boolean significant() {
            return estimable() && pValue < Criteria.ALPHA;
        }
    }

    /** The measured runs of {@code workload} that carry their round and position (logs of kbench run). */
    public static OrderEffects of(String workload, List<RunRecord> records) {
        List<RunRecord> runs = records.stream().filter(r -> r.measured() && r.workload().equals(workload) && r.value() > 0
                && r.position() != null && r.vm() != null).toList();
        Map<String, List<RunRecord>> byVm = group(runs, RunRecord::vm);
        List<Point> positions = new ArrayList<>();
        List<Point> drift = new ArrayList<>();
        byVm.values().forEach(vm -> {
            double logMean = Math.log(vm.stream().mapToLong(RunRecord::value).average().orElseThrow());
            positions.add(new Point(vm.get(0).kernel(), vm.get(0).position(), logMean));
            vm.forEach(run -> drift.add(new Point(run.vm(), run.iteration(), Math.log(run.value()))));
        });
        return new OrderEffects(workload, withinSlope(positions), withinSlope(drift));
    }

    /** Every workload of the log, in the order they first appear. */
    public static List<OrderEffects> all(List<RunRecord> records) {
        List<String> workloads = records.stream().filter(RunRecord::measured).map(RunRecord::workload).distinct().toList();
        return workloads.stream().map(w -> of(w, records)).toList();
    }

    private record Point(String group, double x, double y) {
    }

    private static <T> Map<String, List<T>> group(List<T> items, Function<T, String> key) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        items.forEach(item -> groups.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item));
        return groups;
    }

    /** Least squares on values centred within their group (the fixed-effects estimator). */
    private static Slope withinSlope(List<Point> points) {
        Map<String, List<Point>> groups = group(points, Point::group);
        double sxx = 0;
        double sxy = 0;
        List<double[]> centred = new ArrayList<>();
        for (List<Point> group : groups.values()) {
            double mx = group.stream().mapToDouble(Point::x).average().orElseThrow();
            double my = group.stream().mapToDouble(Point::y).average().orElseThrow();
            for (Point p : group) {
                centred.add(new double[] {p.x() - mx, p.y() - my});
                sxx += (p.x() - mx) * (p.x() - mx);
                sxy += (p.x() - mx) * (p.y() - my);
            }
        }
        int df = points.size() - groups.size() - 1;
        if (sxx == 0 || df < 1) {
            return new Slope(Double.NaN, Double.NaN, Double.NaN, Double.NaN, points.size());
        }
        double slope = sxy / sxx;
        double sse = 0;
        for (double[] c : centred) {
            double residual = c[1] - slope * c[0];
            sse += residual * residual;
        }
        double se = Math.sqrt(sse / df / sxx);
        TDistribution t = new TDistribution(df);
        double p = se == 0 ? (slope == 0 ? 1 : 0) : 2 * t.cumulativeProbability(-Math.abs(slope / se));
        double half = t.inverseCumulativeProbability(1 - Criteria.ALPHA / 2) * se;
        return new Slope(percent(slope), percent(slope - half), percent(slope + half), p, points.size());
    }

    private static double percent(double logSlope) {
        return (Math.exp(logSlope) - 1) * 100;
    }
}
