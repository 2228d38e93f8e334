package dev.kbench.results.format;

import dev.kbench.results.Correction;
import dev.kbench.results.Criteria;
import dev.kbench.results.Numbers;

/** The words for an analysis's criteria, the same in every legend: which correction, which threshold. */
public final class CriteriaText {

    private CriteriaText() {
    }

    /** The threshold as written on the command line: "1%" for 1.0, "0.5%" for 0.5. */
    public static String threshold(Criteria criteria) {
        return Numbers.asWritten(criteria.thresholdPercent()) + "%";
    }

    /** "significant after Benjamini-Hochberg correction", or "significant without correction". */
    public static String significance(Criteria criteria) {
        return criteria.correction() == Correction.NONE ? "significant without correction for multiplicity"
                : "significant after " + criteria.correction().title() + " correction";
    }
}
