package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WorkloadOutputTest {

    @Test
    void oneIntegerWithSurroundingWhitespace() throws WorkloadException {
        assertEquals(634125, WorkloadOutput.parse("634125\n"));
        assertEquals(-5, WorkloadOutput.parse("  -5 "));
    }

    @Test
    void anythingElseIsQuotedInTheError() {
        assertEquals("printed 'hello world' instead of one integer on stdout",
                assertThrows(WorkloadException.class, () -> WorkloadOutput.parse("hello world\n")).getMessage());
        assertEquals("printed nothing instead of one integer on stdout",
                assertThrows(WorkloadException.class, () -> WorkloadOutput.parse("")).getMessage());
        assertEquals("printed '12\\n13' instead of one integer on stdout",
                assertThrows(WorkloadException.class, () -> WorkloadOutput.parse("12\n13\n")).getMessage());
        assertThrows(WorkloadException.class, () -> WorkloadOutput.parse("1.5"));
        assertThrows(WorkloadException.class, () -> WorkloadOutput.parse("99999999999999999999"));
    }
}
