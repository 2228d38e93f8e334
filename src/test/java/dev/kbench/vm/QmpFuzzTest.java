package dev.kbench.vm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Fuzz target for the QMP reader: whatever QEMU's socket carries (greeting, replies, events,
 * HMP text with guest data in it), kbench gets an answer or an IOException, in bounded memory.
 * Replayed from {@code QmpFuzzTestInputs/} by every test run; {@code JAZZER_FUZZ=1} fuzzes.
 */
class QmpFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void session(byte[] fromQemu) {
        try (QmpClient qmp = QmpClient.over(new ByteArrayInputStream(fromQemu), OutputStream.nullOutputStream(), () -> { })) {
            qmp.execute("query-status");
            qmp.humanMonitor("info registers -a");
        } catch (IOException e) {
            // named: not JSON, too long, closed, a QMP error
        }
    }
}
