package dev.kbench.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

class BootBatchTest {

    @Test
    void aCountedPhaseIsShownWithItsMeanAndHowFarItsBootsLayApart() {
        SummaryStatistics exact = new SummaryStatistics();
        SummaryStatistics spread = new SummaryStatistics();
        for (int boot = 0; boot < 3; boot++) {
            exact.addValue(101_922_307);
            spread.addValue(300_000_000 + boot * 1_500_000);
        }
        assertEquals("decomp 101,922,307 (0.000 %)", BootBatch.instructionSummary("decomp", exact));
        assertEquals("guest 301,500,000 (0.995 %)", BootBatch.instructionSummary("guest", spread));
    }
}
