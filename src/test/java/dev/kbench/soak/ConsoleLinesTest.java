package dev.kbench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleLinesTest {

    @Test
    void eachBootCountsALineOnceWithoutItsTimestampOrTheAgentsReadyLine() {
        ConsoleLines lines = new ConsoleLines();
        lines.add("""
                [    0.028000] ..MP-BIOS bug: 8254 timer not connected to IO-APIC
                [    0.031000] ..MP-BIOS bug: 8254 timer not connected to IO-APIC
                kbench-agent: ready on /dev/vport1p1 (virtio)
                """);
        lines.add("[    1.5] ..MP-BIOS bug: 8254 timer not connected to IO-APIC\n[    2.0] other\n");
        lines.add("kbench-agent: ready on /dev/ttyS1 (serial)\n");
        lines.add("[    2.0] other\nkbench-agent: re"); // the console read while the agent's line was on its way
        assertEquals(List.of(Map.entry("..MP-BIOS bug: 8254 timer not connected to IO-APIC", 2), Map.entry("other", 2)),
                lines.mostFrequent(10));
        assertEquals(1, lines.mostFrequent(1).size());
    }
}
