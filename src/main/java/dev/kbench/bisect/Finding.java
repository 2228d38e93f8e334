package dev.kbench.bisect;

import java.util.List;

/**
 * A commit a bisection ends with: the first bad commit of a range, confirmed against its parent
 * side by side with the bisection's ends; or, when git could not say (only skipped commits were
 * left), the commits it could be.
 *
 * @param candidates when git could not decide: the commits the change is in (the first bad one is among them)
 * @param folder the confirmation's measurement, relative to OUT; empty when there was none
 */
record Finding(String commit, String subject, String date, String parent, List<Confirmation> confirmations, List<String> candidates,
        String folder) {

    Finding {
        confirmations = List.copyOf(confirmations);
        candidates = List.copyOf(candidates);
    }

    /**
     * The commit against its parent on one workload, and how each stands against the bisection's ends
     * (the parent the same as good and the commit the same as bad, for a change in one commit).
     *
     * @param parentAgainstGood null when the parent is the good end
     * @param commitAgainstBad null when the commit is the bad end
     * @param share the share of the whole change (bad against good) the commit carries
     */
    record Confirmation(String workload, Position.Side commitAgainstParent, Position.Side parentAgainstGood, Position.Side commitAgainstBad,
            double share) {
    }
}
