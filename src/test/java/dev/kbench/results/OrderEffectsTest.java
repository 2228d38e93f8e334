package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.format.OrderEffectsText;
import dev.kbench.run.OrderDesign;
import dev.kbench.run.RunOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OrderEffectsTest {

    /** The effects of {@code workload} as kbench computes them, fed the run log's measured runs. */
    private static OrderEffects of(String workload, List<RunRecord> log) {
        OrderEffects.Accumulator accumulator = new OrderEffects.Accumulator();
        log.stream().filter(RunRecord::measured)
                .forEach(r -> accumulator.add(r.workload(), r.vm(), r.kernel(), r.position(), r.iteration(), r.value()));
        return accumulator.effects().stream().filter(e -> e.workload().equals(workload)).findFirst().orElseThrow();
    }

    private static RunRecord run(String kernel, String vm, int iteration, long value, int round, int position) {
        return new RunRecord("t", "b", kernel, "eventfd", vm, "tcg", RunPhase.MEASUREMENT, iteration, value, 1, null, round, position, null, null);
    }

    /**
     * The within-VM slope as least squares with one intercept per VM computes it, independently:
     * <pre>
     * X = [i, dummies of the VM]; y = log(value); beta = numpy.linalg.lstsq(X, y); df = n - 3
     * se = sqrt(s2 * inv(X'X)[0,0]); p = 2 * scipy.stats.t.sf(|beta0 / se|, df); CI = beta0 ± t.ppf(0.975, df) se
     * reported as (exp(.) - 1) * 100: 2.3651105441722997, [1.7077924161222446, 3.026676794329819], p 0.0002384409782797651
     * </pre>
     */
    @Test
    void driftIsTheWithinVmSlopeOfLeastSquares() {
        List<RunRecord> log = new ArrayList<>();
        long[][] values = {{100, 103, 105, 109}, {200, 203, 209, 211}};
        for (int vm = 0; vm < 2; vm++) {
            for (int i = 0; i < 4; i++) {
                log.add(run("k" + vm, "vm" + vm, i, values[vm][i], 0, vm));
            }
        }
        OrderEffects.Slope drift = of("eventfd", log).drift();
        assertEquals(2.3651105441722997, drift.percentPerStep(), 1e-9);
        assertEquals(1.7077924161222446, drift.ciLow(), 1e-9);
        assertEquals(3.026676794329819, drift.ciHigh(), 1e-9);
        assertEquals(0.0002384409782797651, drift.pValue(), 1e-12);
        assertEquals(8, drift.samples());
    }

    /** Three kernels in six balanced rounds, five runs per VM, noise of about 1 %; {@code perPosition} planted. */
    private static List<RunRecord> balancedRun(double perPosition, double perRun, long seed) {
        Random noise = new Random(seed);
        OrderDesign design = OrderDesign.of(RunOrder.BALANCED, 3, 6, seed);
        List<RunRecord> log = new ArrayList<>();
        for (int round = 0; round < 6; round++) {
            List<Integer> order = design.round(round);
            for (int position = 0; position < 3; position++) {
                int kernel = order.get(position);
                for (int i = 0; i < 5; i++) {
                    double value = 1000 * (1 + 0.1 * kernel) * (1 + perPosition * position) * (1 + perRun * i) * (1 + 0.01 * noise.nextGaussian());
                    log.add(run("k" + kernel, "vm-" + round + "-" + position, i, Math.round(value), round, position));
                }
            }
        }
        return log;
    }

    @Test
    void aPlantedPositionEffectIsFoundAndSaidInOneLine() {
        OrderEffects effects = of("eventfd", balancedRun(0.04, 0, 1));
        assertTrue(effects.position().significant(), effects.toString());
        assertTrue(effects.position().ciLow() < 4 && 4 < effects.position().ciHigh(), effects.toString());
        assertFalse(effects.drift().significant(), effects.toString());
        List<String> warnings = OrderEffectsText.warnings(effects);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("eventfd: a round measures 4."), warnings.get(0));
    }

    @Test
    void withoutPlantedEffectsNothingIsFlagged() {
        OrderEffects effects = of("eventfd", balancedRun(0, 0, 2));
        assertFalse(effects.position().significant(), effects.toString());
        assertFalse(effects.drift().significant(), effects.toString());
        assertEquals(List.of(), OrderEffectsText.warnings(effects));
    }

    @Test
    void aPlantedDriftIsFoundWithWhatToDo() {
        OrderEffects effects = of("eventfd", balancedRun(0, 0.03, 3));
        assertTrue(effects.drift().significant(), effects.toString());
        assertTrue(OrderEffectsText.warnings(effects).get(0).endsWith(": add warm-ups"), OrderEffectsText.warnings(effects).toString());
    }

    @Test
    void underAFixedOrderThePositionCannotBeToldFromTheKernel() {
        List<RunRecord> log = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int kernel = 0; kernel < 2; kernel++) {
                log.add(run("k" + kernel, "vm" + round + kernel, 0, 1000 + kernel * 100 + round, round, kernel));
            }
        }
        OrderEffects effects = of("eventfd", log);
        assertFalse(effects.position().estimable());
        assertTrue(OrderEffectsText.markdown(List.of(effects)).contains("| eventfd | position in the round | n/a |"));
    }
}
