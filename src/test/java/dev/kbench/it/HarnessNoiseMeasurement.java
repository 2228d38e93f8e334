package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import dev.kbench.guest.GuestImage;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.kernel.Kernel;
import dev.kbench.vm.Accel;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/**
 * docs/statistics.md's harness-noise figure: a workload's within-round CV when it runs through
 * kbench's agent, against the same workload run by kbench-loop-init as PID 1 with no agent, no
 * channel and no host traffic. Boots alternate between the two, so drift on the host hits both
 * alike. Not a test (its name matches no test pattern): run it by name,
 * {@code mvn verify -Dit.test=HarnessNoiseMeasurement -Dkbench.measure.boots=6 -Dkbench.measure.accel=tcg}.
 */
class HarnessNoiseMeasurement {

    private static final Pattern RUN = Pattern.compile("kbench-loop-init: run (\\d+): (\\d+)");

    @Test
    void theAgentAddsLittleToTheSpreadOfRuns() throws Exception {
        int boots = Integer.getInteger("kbench.measure.boots", 6);
        int runs = Integer.getInteger("kbench.measure.runs", 11);
        String workload = System.getProperty("kbench.measure.workload", "getppid");
        String count = System.getProperty("kbench.measure.count", "300000");
        Accel accel = Accel.parse(System.getProperty("kbench.measure.accel", "tcg"));
        Kernel kernel = TestKernel.debianCloud();
        Path cache = CacheDirectory.fromEnvironment().folder("initramfs");
        Path agentImage = new GuestImage(cache).workloads(List.of(workload)).buildFor(kernel);
        Path loopImage = new GuestImage(cache).workloads(List.of(workload)).init("kbench-loop-init").buildFor(kernel);
        SummaryStatistics agentCv = new SummaryStatistics();
        SummaryStatistics loopCv = new SummaryStatistics();
        System.out.println("| boot | through the agent: CV | as PID 1, no agent: CV |");
        System.out.println("| --- | --- | --- |");
        for (int boot = 0; boot < boots; boot++) {
            List<Long> viaAgent = new ArrayList<>();
            try (Vm vm = Vm.boot(VmSpec.builder(kernel, agentImage).accel(accel).build())) {
                for (int run = 0; run < runs; run++) {
                    RunResult result = vm.agent().run(RunRequest.of("/bin/" + workload, count).pinnedTo(0), Duration.ofSeconds(120));
                    assertTrue(result.succeeded(), result.toString());
                    viaAgent.add(Long.parseLong(result.stdout().strip()));
                }
            }
            List<Long> alone = new ArrayList<>();
            Kernel looping = kernel.withCmdline("kbench.loop=/bin/" + workload + ":" + count + ":" + runs);
            try (Vm vm = Vm.launch(VmSpec.builder(looping, loopImage).accel(accel).build())) {
                assertTrue(vm.hasExited(Duration.ofMinutes(10)), "kbench-loop-init did not power off");
                Matcher m = RUN.matcher(vm.consoleText());
                while (m.find()) {
                    alone.add(Long.parseLong(m.group(2)));
                }
            }
            assertEquals(runs, alone.size(), "runs printed by kbench-loop-init");
            double a = cv(viaAgent.subList(1, runs));
            double l = cv(alone.subList(1, runs));
            agentCv.addValue(a);
            loopCv.addValue(l);
            System.out.printf(Locale.ROOT, "| %d | %.2f %% | %.2f %% |%n", boot, a * 100, l * 100);
        }
        System.out.printf(Locale.ROOT, "%s %s, %s, %d boots each, %d measured runs per boot (the first run of each boot left out):"
                + " mean within-round CV through the agent %.2f %%, as PID 1 %.2f %%, ratio %.2f%n", workload, count, accel.qemuName(),
                boots, runs - 1, agentCv.getMean() * 100, loopCv.getMean() * 100, agentCv.getMean() / loopCv.getMean());
    }

    private static double cv(List<Long> values) {
        SummaryStatistics s = new SummaryStatistics();
        values.forEach(s::addValue);
        return s.getStandardDeviation() / s.getMean();
    }
}
