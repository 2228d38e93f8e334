package dev.kbench.results;

import java.util.Collection;

/**
 * What a workload's values count, so that a verdict says what "slower" is of: time (KVM, TCG, or
 * a result that does not say), or, under {@code --accel icount}, guest instructions, where the
 * guest's clock advances one nanosecond per instruction and "slower" means more instructions,
 * which predict time only as far as the instructions cost alike.
 */
public enum Measure {
    TIME, INSTRUCTIONS;

    /** Under the accelerator named as kbench writes it ({@code kvm}, {@code tcg}, {@code icount}); anything else is time. */
    public static Measure ofAccel(String accel) {
        return "icount".equals(accel) ? INSTRUCTIONS : TIME;
    }

    /** What a unit counts: instructions (or thousands of them) when its name says so, else time. */
    public static Measure of(MetricUnit unit) {
        return unit.base().endsWith(MetricUnit.INSTRUCTIONS) ? INSTRUCTIONS : TIME;
    }

    /**
     * Of several kernels' values compared with each other: instructions only when all of them
     * are, since a verdict between a count and a time says nothing about either.
     */
    public static Measure common(Collection<Measure> measures) {
        return !measures.isEmpty() && measures.stream().allMatch(m -> m == INSTRUCTIONS) ? INSTRUCTIONS : TIME;
    }
}
