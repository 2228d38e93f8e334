package dev.kbench.bisect;

import java.util.Locale;

/** What a step made of its commit, the word git's bisection is told (neither and skipped end or skip it). */
enum StepCall {
    /** The same as the range's good end on every workload that regressed. */
    GOOD,
    /** The same as the range's bad end on every workload that regressed. */
    BAD,
    /** Neither, after the most rounds: the commit carries part of the change. */
    NEITHER,
    /** It did not build or boot: git skips it. */
    SKIPPED;

    String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
