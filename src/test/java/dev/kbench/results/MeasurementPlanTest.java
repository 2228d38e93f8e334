package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.format.MeasurementPlanText;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Against NumPy/SciPy, written out:
 * <pre>
 * for each kernel, for each round: l = log(runs); within_ss += sum((l - l.mean())**2); df += len(l) - 1
 * w = within_ss / df; b = max(0, mean(var(round means, ddof=1) per kernel) - w / 3)
 * Z = norm.ppf(0.975) + norm.ppf(0.8); V = b + w / 3
 * resolvable = (exp(Z * sqrt(2 * V / 3)) - 1) * 100
 * optimal runs = ceil(sqrt(5.0 / 1.0 * w / b)); rounds for 1 % = max(2, ceil(2 Z² (b + w / r) / log(1.01)²))
 * gives w = 7.312272389679241e-05, b = 0.0031539350099558843, resolvable 13.764504288637402, r = 1, rounds 512
 * </pre>
 */
class MeasurementPlanTest {

    private static final List<KernelRounds> KERNELS = List.of(
            new KernelRounds("a", List.of(List.of(100L, 102L, 101L), List.of(110L, 111L, 109L), List.of(95L, 96L, 97L))),
            new KernelRounds("b", List.of(List.of(200L, 204L, 202L), List.of(190L, 191L, 189L), List.of(205L, 206L, 204L))));

    @Test
    void theTwoLevelsOfVarianceAndWhatTheyImply() {
        MeasurementPlan plan = MeasurementPlan.of("eventfd", KERNELS, OptionalDouble.of(1.0), OptionalDouble.of(5.0));
        assertEquals(7.312272389679241e-05, plan.withinVariance(), 1e-15);
        assertEquals(0.0031539350099558843, plan.betweenVariance(), 1e-15);
        assertEquals(13.764504288637402, plan.resolvablePercent(), 1e-9);
        assertEquals(1, plan.optimalRuns(), "the rounds differ far more than runs do: one run a round");
        assertEquals(512, plan.roundsFor(1, 1));
        assertEquals(2 * 512 * (5.0 + (1 + 1) * 1.0), plan.seconds(512, 1, 1).getAsDouble(), 1e-9);
        assertEquals("eventfd: this run resolves ±13.8 % (3 rounds of 3 runs); to resolve ±1 % run 512 rounds of 1 run, about 119 min",
                MeasurementPlanText.line(plan, 1, 1));
    }

    @Test
    void aResolutionUnderATenthOfAPercentShowsItsDigits() {
        // icount: four rounds that agree to a few instructions in 76,000
        List<KernelRounds> icount = List.of(new KernelRounds("stock", List.of(List.of(76257L), List.of(76258L), List.of(76256L), List.of(76259L))),
                new KernelRounds("caponly", List.of(List.of(64549L), List.of(64550L), List.of(64549L), List.of(64551L))));
        MeasurementPlan plan = MeasurementPlan.of("eventfd", icount, OptionalDouble.empty(), OptionalDouble.empty());
        String line = MeasurementPlanText.line(plan, 1, 1);
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", plan.resolvablePercent()), line.replaceFirst(".*resolves ±([0-9.]+) %.*", "$1"), line);
        assertTrue(line.startsWith("eventfd: this run resolves ±0.00"), line);
    }

    @Test
    void withoutCostsTheRunsStayAndNoTimeIsGuessed() {
        MeasurementPlan plan = MeasurementPlan.of("eventfd", KERNELS, OptionalDouble.empty(), OptionalDouble.empty());
        assertEquals(3, plan.optimalRuns());
        assertFalse(MeasurementPlanText.line(plan, 1, 1).contains("about"));
    }

    @Test
    void oneRoundCannotTellTheSpreadBetweenRounds() {
        MeasurementPlan plan = MeasurementPlan.of("eventfd", List.of(new KernelRounds("a", List.of(List.of(1L, 2L)))), OptionalDouble.empty(),
                OptionalDouble.empty());
        assertFalse(plan.estimable());
        assertEquals("eventfd: the spread between rounds needs two rounds per kernel; run more rounds to plan from it",
                MeasurementPlanText.line(plan, 1, 0));
    }
}
