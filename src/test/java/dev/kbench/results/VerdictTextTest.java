package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kbench.results.format.ComparisonCells;
import dev.kbench.results.format.VerdictText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VerdictText}: each verdict in a sentence, its numbers those of the comparison table. */
class VerdictTextTest {

    private static String sentence(Overhead overhead, Verdict verdict) {
        return VerdictText.sentence("stock", "caponly", new Effect(overhead, overhead.pValue(), verdict), Criteria.DEFAULT,
                Measure.TIME);
    }

    @Test
    void aDifferenceSaysHowLargeAndWhichWayWithItsInterval() {
        assertEquals("caponly is 15.35 % faster than stock [-15.36 %, -15.33 %]",
                sentence(new Overhead("caponly", -15.3456, -15.361, -15.334, 6, 2.2e-13), Verdict.FASTER));
        assertEquals("caponly is 3.10 % slower than stock [+2.50 %, +3.70 %]",
                sentence(new Overhead("caponly", 3.1, 2.5, 3.7, 6, 1e-5), Verdict.SLOWER));
    }

    @Test
    void sameSaysWithinWhatAndInconclusiveSaysSoHonestly() {
        assertEquals("caponly is the same as stock within ±1 %: +0.0040 % [-0.0020 %, +0.010 %]",
                sentence(new Overhead("caponly", 0.004, -0.002, 0.01, 6, 0.3), Verdict.SAME));
        assertEquals("caponly against stock is inconclusive: -0.80 % [-2.10 %, +0.50 %]",
                sentence(new Overhead("caponly", -0.8, -2.1, 0.5, 6, 0.2), Verdict.INCONCLUSIVE));
        assertEquals("caponly against stock is inconclusive: -0.80 %, untested (it needs 2 rounds a side)",
                sentence(Overhead.untested("caponly", Math.log1p(-0.008)), Verdict.INCONCLUSIVE));
        assertEquals("caponly against stock is inconclusive: no ratio (a value <= 0)", sentence(Overhead.undefined("caponly"), Verdict.INCONCLUSIVE));
    }

    @Test
    void theSentenceIsTheTablesRow() {
        KernelRounds stock = new KernelRounds("stock", List.of(List.of(76257L), List.of(76258L), List.of(76256L), List.of(76259L)));
        KernelRounds caponly = new KernelRounds("caponly", List.of(List.of(64549L), List.of(64550L), List.of(64549L), List.of(64551L)));
        Comparison comparison = Comparison.of(List.of(stock, caponly));
        List<String> row = ComparisonCells.of(comparison).get(1);
        // vs baseline, its interval and the verdict, as the table prints them
        assertEquals(List.of("-15.35%", "[-15.36%, -15.35%]", "faster"), List.of(row.get(8), row.get(9), row.get(12)));
        assertEquals(List.of("caponly is 15.35 % faster than stock [-15.36 %, -15.35 %]"), VerdictText.sentences(comparison));
    }
}
