package dev.kbench.results;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * What the order of measuring did to one workload's numbers, from its measured runs: the effect
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

    /**
     * The order effects of measured runs added one at a time, holding a few sums per VM and none
     * of the runs (a merged experiment may have a million): the slopes need only each group's
     * sums of x, y and their squares and products.
     */
    public static final class Accumulator {

        /** Per workload, in the order first seen: its VMs, in the order first seen. */
        private final Map<String, Map<String, Vm>> workloads = new LinkedHashMap<>();

        private static final class Vm {
            final String kernel;
            final int position;
            final Sums drift = new Sums();
            double sum;

            Vm(String kernel, int position) {
                this.kernel = kernel;
                this.position = position;
            }
        }

        /**
         * A measured run: {@code iteration} counts the runs of VM {@code vmId}, which ran
         * {@code position}th in its round. A workload whose runs all printed 0 still gets its
         * line, not estimable (there is no log of 0).
         */
        public void add(String workload, String vmId, String kernel, int position, int iteration, long value) {
            Map<String, Vm> vms = workloads.computeIfAbsent(workload, w -> new LinkedHashMap<>());
            if (value > 0) {
                Vm vm = vms.computeIfAbsent(vmId, v -> new Vm(kernel, position));
                vm.sum += value;
                vm.drift.add(iteration, Math.log(value));
            }
        }

        public List<OrderEffects> effects() {
            List<OrderEffects> effects = new ArrayList<>();
            workloads.forEach((workload, vms) -> {
                Map<String, Sums> positions = new LinkedHashMap<>();
                vms.values().forEach(vm -> positions.computeIfAbsent(vm.kernel, k -> new Sums()).add(vm.position, Math.log(vm.sum / vm.drift.n)));
                effects.add(new OrderEffects(workload, withinSlope(positions.values()), withinSlope(vms.values().stream().map(vm -> vm.drift).toList())));
            });
            return effects;
        }
    }

    /**
     * One group's sums for the within-group regression, of y less the group's first y: the same
     * slope, and no cancellation when a group's values differ in their sixth digit (icount).
     */
    private static final class Sums {
        int n;
        double y0;
        double sx;
        double sy;
        double sxx;
        double sxy;
        double syy;

        void add(double x, double y) {
            if (n == 0) {
                y0 = y;
            }
            double dy = y - y0;
            n++;
            sx += x;
            sy += dy;
            sxx += x * x;
            sxy += x * dy;
            syy += dy * dy;
        }

        double centredXx() {
            return sxx - sx * sx / n;
        }

        double centredXy() {
            return sxy - sx * sy / n;
        }

        double centredYy() {
            return syy - sy * sy / n;
        }
    }

    /** Least squares on values centred within their group (the fixed-effects estimator). */
    private static Slope withinSlope(Collection<Sums> groups) {
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        int points = 0;
        for (Sums group : groups) {
            sxx += group.centredXx();
            sxy += group.centredXy();
            syy += group.centredYy();
            points += group.n;
        }
        int df = points - groups.size() - 1;
        if (sxx <= 0 || df < 1) {
            return new Slope(Double.NaN, Double.NaN, Double.NaN, Double.NaN, points);
        }
        double slope = sxy / sxx;
        double sse = Math.max(0, syy - slope * sxy);
        double se = Math.sqrt(sse / df / sxx);
        TDistribution t = new TDistribution(df);
        double p = se == 0 ? (slope == 0 ? 1 : 0) : 2 * t.cumulativeProbability(-Math.abs(slope / se));
        double half = t.inverseCumulativeProbability(1 - Criteria.ALPHA / 2) * se;
        return new Slope(percent(slope), percent(slope - half), percent(slope + half), p, points);
    }

    private static double percent(double logSlope) {
        return (Math.exp(logSlope) - 1) * 100;
    }
}
