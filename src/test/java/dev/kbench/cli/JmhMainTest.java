package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** benchmarks.jar's main: kbench's profilers for a run that names none, JMH's arguments untouched otherwise. */
class JmhMainTest {

    @Test
    void aRunWithoutProfilersGetsKbenchsBoth() {
        List<String> expected = new ArrayList<>(List.of("-prof", "dev.kbench.run.WorkloadOutputs", "-prof", "dev.kbench.boot.BootPhaseMetrics"));
        expected.addAll(List.of("WorkloadBenchmark", "-p", "kernel=default", "-f", "1", "-rf", "json"));
        assertEquals(expected, List.of(JmhMain.withProfilers(new String[] {"WorkloadBenchmark", "-p", "kernel=default", "-f", "1", "-rf", "json"})));
        assertEquals(List.of("-prof", "dev.kbench.run.WorkloadOutputs", "-prof", "dev.kbench.boot.BootPhaseMetrics"),
                List.of(JmhMain.withProfilers(new String[0])), "every benchmark, as JMH runs them");
    }

    @Test
    void profilersTheUserNamesReplaceKbenchs() {
        assertUnchanged("BootBenchmark", "-prof", "gc");
        assertUnchanged("WorkloadBenchmark", "-prof", "dev.kbench.run.WorkloadOutputs", "-i", "2");
    }

    @Test
    void helpListingsAndBadArgumentsAreJmhsAlone() {
        assertUnchanged("-h");
        assertUnchanged("-l");
        assertUnchanged("-lp", "WorkloadBenchmark");
        assertUnchanged("-lprof");
        assertUnchanged("-lrf");
        assertUnchanged("-f", "many");
        assertUnchanged("-nosuchoption");
    }

    private static void assertUnchanged(String... args) {
        assertEquals(List.of(args), List.of(JmhMain.withProfilers(args)));
    }
}
