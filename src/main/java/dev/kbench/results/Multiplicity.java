package dev.kbench.results;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Adjusted p-values (q-values) of a family of tests, in the order of the p-values given. A NaN
 * p-value (a comparison that could not be tested) stays NaN and does not count in the family's
 * size, so one untested kernel does not make the others' corrections stricter.
 */
public final class Multiplicity {

    private Multiplicity() {
    }

    public static double[] adjust(Correction correction, double[] p) {
        return switch (correction) {
            case BH -> benjaminiHochberg(p);
            case HOLM -> holm(p);
            case NONE -> p.clone();
        };
    }

    /**
     * Benjamini-Hochberg's step-up adjustment: for the p-values sorted ascending,
     * {@code q(i) = min over j >= i of min(1, p(j) * m / j)}.
     */
    public static double[] benjaminiHochberg(double[] p) {
        int[] order = ascending(p);
        int m = order.length;
        double[] q = nans(p.length);
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            q[i] = running;
        }
        return q;
    }

    /**
     * Holm's step-down adjustment: for the p-values sorted ascending,
     * {@code q(i) = max over j <= i of min(1, (m - j + 1) * p(j))}.
     */
    public static double[] holm(double[] p) {
        int[] order = ascending(p);
        int m = order.length;
        double[] q = nans(p.length);
        double running = 0;
        for (int rank = 1; rank <= m; rank++) {
            int i = order[rank - 1];
            running = Math.max(running, Math.min(1, (m - rank + 1) * p[i]));
            q[i] = running;
        }
        return q;
    }

    /** The indices of the tested (non-NaN) p-values, smallest p first. */
    private static int[] ascending(double[] p) {
        return IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> p[i])).mapToInt(Integer::intValue).toArray();
    }

    private static double[] nans(int n) {
        double[] q = new double[n];
        Arrays.fill(q, Double.NaN);
        return q;
    }
}
