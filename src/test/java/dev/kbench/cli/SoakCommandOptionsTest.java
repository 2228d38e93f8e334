package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.kbench.vm.Accel;
import dev.kbench.vm.Machine;
import org.junit.jupiter.api.Test;

/** {@code kbench soak}'s options: its defaults are a loaded TCG soak of 1,000 boots on pc; bad values never boot. */
class SoakCommandOptionsTest extends InProcessCliTest {

    @Test
    void defaultsAreAThousandLoadedTcgBootsOnPc() {
        SoakCommand soak = parse(SoakCommand.class, "soak");
        assertEquals(1000, soak.boots.boots);
        assertEquals(Machine.PC, soak.vm.machine);
        assertEquals(Accel.TCG, soak.vm.accel());
        assertFalse(soak.noLoad);
        assertEquals(Machine.MICROVM, parse(SoakCommand.class, "soak", "--machine", "microvm").vm.machine);
    }

    @Test
    void badValuesAreUsageErrorsOrOneLine() {
        assertUsageError(execute("soak", "--machine", "q35"), "soak", "Invalid value for option '--machine': unknown machine 'q35': use pc or microvm");
        assertUsageError(execute("soak", "--boots", "0"), "soak", "--boots, --minutes and --boot-timeout must be at least 1");
    }
}
