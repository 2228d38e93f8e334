package dev.kbench.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.Correction;
import dev.kbench.results.Criteria;
import dev.kbench.results.KernelRounds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgeTest {

    private static final Criteria CRITERIA = new Criteria(Correction.BH, 1.0);

    /** Round means of two rounds of one run each: icount's kind, repeating to 0.01 %. */
    private static KernelRounds kernel(String name, long value) {
        return new KernelRounds(name, List.of(List.of(value), List.of(value + value / 10_000)));
    }

    private static Map<String, List<KernelRounds>> measured(long good, long bad, long commit) {
        return Map.of("getppid", List.of(kernel("good", good), kernel("bad", bad), kernel("commit", commit)));
    }

    @Test
    void aCommitLikeGoodIsGoodAndLikeBadIsBad() {
        List<Position> likeGood = Judge.positions(measured(1_000_000, 1_080_000, 1_000_100), List.of("getppid"), "good", "bad", "commit", CRITERIA);
        assertEquals(StepCall.GOOD, Judge.call(likeGood));
        assertEquals("same", likeGood.get(0).againstGood().verdict());
        assertEquals("faster", likeGood.get(0).againstBad().verdict());
        assertTrue(Math.abs(likeGood.get(0).share()) < 0.01, likeGood.toString());
        List<Position> likeBad = Judge.positions(measured(1_000_000, 1_080_000, 1_080_050), List.of("getppid"), "good", "bad", "commit", CRITERIA);
        assertEquals(StepCall.BAD, Judge.call(likeBad));
        assertTrue(Math.abs(likeBad.get(0).share() - 1) < 0.01, likeBad.toString());
    }

    @Test
    void aCommitHalfwayIsNeitherAndCarriesHalfTheChange() {
        List<Position> half = Judge.positions(measured(1_000_000, 1_080_000, 1_039_230), List.of("getppid"), "good", "bad", "commit", CRITERIA);
        assertEquals(StepCall.NEITHER, Judge.call(half));
        assertEquals("slower", half.get(0).againstGood().verdict());
        assertEquals("faster", half.get(0).againstBad().verdict());
        assertEquals(0.5, half.get(0).share(), 0.01);
    }

    @Test
    void theEndsAreTheSameOnlyByTheEquivalenceTest() {
        assertEquals("same", Position.Side.of(Judge.ends(Map.of("getppid", List.of(kernel("good", 1_000_000), kernel("bad", 1_000_200))),
                "good", "bad", CRITERIA).get("getppid")).verdict());
        // one round a side has no interval: not the same, however close
        Map<String, List<KernelRounds>> oneRound = Map.of("getppid", List.of(new KernelRounds("good", List.of(List.of(1_000_000L))),
                new KernelRounds("bad", List.of(List.of(1_000_000L)))));
        assertEquals("inconclusive", Judge.ends(oneRound, "good", "bad", CRITERIA).get("getppid").verdict().word());
    }

    @Test
    void theShareIsOnTheLogScale() {
        assertEquals(0.5, Position.share(Math.sqrt(1.21) * 100 - 100, 21), 1e-9);
        assertEquals(1.0, Position.share(-5, -5), 1e-9);
    }
}
