package dev.kbench.soak;

import java.util.Collection;

/**
 * The distribution of boot times of a soak, in milliseconds: nearest-rank percentiles, since the
 * tail (p95, max) is what a soak is about and needs no interpolation between boots.
 */
public record BootTimes(int n, double medianMs, double p95Ms, double maxMs) {

    public static BootTimes of(Collection<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return new BootTimes(0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new BootTimes(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), sorted[sorted.length - 1]);
    }

    /** The smallest value with at least {@code p} of all values at or below it. */
    static double rank(double[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return n == 0 ? "no boot reached the agent" : String.format(java.util.Locale.ROOT, "median %.0f ms, p95 %.0f ms, max %.0f ms (n = %d)",
                medianMs, p95Ms, maxMs, n);
    }

}
