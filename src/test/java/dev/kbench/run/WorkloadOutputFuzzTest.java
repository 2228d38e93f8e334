package dev.kbench.run;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the workload-output parser: any stdout is one integer or a
 * {@link WorkloadException} whose message is one short line.
 * Replayed from {@code WorkloadOutputFuzzTestInputs/} by every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class WorkloadOutputFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void parse(byte[] stdout) {
        String text = new String(stdout, StandardCharsets.UTF_8);
        try {
            long value = WorkloadOutput.parse(text);
            if (value != Long.parseLong(text.replaceAll("\\s", ""))) {
                throw new IllegalStateException("parsed " + value + " from " + WorkloadOutput.quote(text));
            }
        } catch (WorkloadException e) {
            if (e.getMessage().chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029) || e.getMessage().length() > 400) {
                throw new IllegalStateException("not one short line: " + e.getMessage().length() + " chars");
            }
        }
    }
}
