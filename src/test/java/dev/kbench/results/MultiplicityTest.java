package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@link Multiplicity} against SciPy 1.17.1. Benjamini-Hochberg:
 * {@code scipy.stats.false_discovery_control(p, method='bh')}. SciPy has no Holm, and statsmodels
 * is not installed here, so Holm is statsmodels' {@code multipletests(method='holm')} formula
 * written out in NumPy:
 *
 * <pre>
 * def holm(p):
 *     o = np.argsort(p); m = len(p)
 *     adj = np.minimum(1, np.maximum.accumulate((m - np.arange(m)) * p[o]))
 *     out = np.empty(m); out[o] = adj; return out
 * </pre>
 */
class MultiplicityTest {

    /** Ties (0.04 twice) and an unsorted order. */
    private static final double[] P = {0.01, 0.04, 0.03, 0.005, 0.2, 0.04};

    @Test
    void benjaminiHochbergMatchesScipy() {
        // stats.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.2, 0.04], method='bh')
        assertArrayEquals(new double[] {0.03, 0.048, 0.048, 0.03, 0.2, 0.048}, Multiplicity.benjaminiHochberg(P), 1e-12);
        assertArrayEquals(Multiplicity.benjaminiHochberg(P), Multiplicity.adjust(Correction.BH, P));
    }

    @Test
    void holmMatchesTheFormula() {
        // holm(np.array([0.01, 0.04, 0.03, 0.005, 0.2, 0.04]))
        assertArrayEquals(new double[] {0.05, 0.12, 0.12, 0.03, 0.2, 0.12}, Multiplicity.holm(P), 1e-12);
        assertArrayEquals(Multiplicity.holm(P), Multiplicity.adjust(Correction.HOLM, P));
    }

    @Test
    void noneLeavesThePValues() {
        assertArrayEquals(P, Multiplicity.adjust(Correction.NONE, P));
    }

    @Test
    void untestedComparisonsStayNaNAndDoNotCount() {
        // over the tested ones only: false_discovery_control([0.02, 0.001, 0.5], method='bh') and holm(np.array([0.02, 0.001, 0.5]))
        double[] p = {0.02, Double.NaN, 0.001, 0.5};
        assertArrayEquals(new double[] {0.03, Double.NaN, 0.003, 0.5}, Multiplicity.benjaminiHochberg(p), 1e-12);
        assertArrayEquals(new double[] {0.04, Double.NaN, 0.003, 0.5}, Multiplicity.holm(p), 1e-12);
        assertArrayEquals(new double[0], Multiplicity.benjaminiHochberg(new double[0]));
    }

    @Test
    void aSingleTestIsNotAdjusted() {
        assertArrayEquals(new double[] {0.03}, Multiplicity.benjaminiHochberg(new double[] {0.03}));
        assertArrayEquals(new double[] {0.03}, Multiplicity.holm(new double[] {0.03}));
    }

    @Test
    void correctionsParseAsTheCommandLineWritesThem() {
        assertEquals(Correction.BH, Correction.parse("bh"));
        assertEquals(Correction.HOLM, Correction.parse(" Holm"));
        assertEquals(Correction.NONE, Correction.parse("NONE"));
        assertEquals("unknown correction 'bonferroni': use bh, holm or none",
                assertThrows(IllegalArgumentException.class, () -> Correction.parse("bonferroni")).getMessage());
    }
}
