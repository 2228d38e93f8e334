package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import dev.kbench.guest.GuestImage;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.kernel.Kernel;
import dev.kbench.vm.Accel;
import dev.kbench.vm.CpuPinning;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/**
 * docs/statistics.md's harness-noise figure: a workload's within-round CV when it runs through
 * kbench's agent, against the same workload run by kbench-loop-init as PID 1 with no agent, no
 * channel and no host traffic. Boots come in pairs, one of each; which goes first alternates
 * (ABBA), so drift on the host and whatever one boot leaves for the next hit both sides alike.
 * The ratio of the mean per-boot CVs gets a 95 % interval from a bootstrap over pairs. Every run
 * goes to {@code OUT/runs.csv}. A pair whose guest hangs or whose run fails is left out whole and
 * named; more than one in ten lost fails the measurement. Not a test (its name matches no test
 * pattern): run it with {@code benchmarks/harness-noise.sh}, which passes its arguments in the
 * environment.
 */
class HarnessNoiseMeasurement {

    private static final Pattern RUN = Pattern.compile("kbench-loop-init: run (\\d+): (\\d+)");
    private static final int RESAMPLES = 20_000;

    @Test
    void theAgentAddsLittleToTheSpreadOfRuns() throws Exception {
        Map<String, String> env = System.getenv();
        int pairs = Integer.parseInt(env.getOrDefault("PAIRS", "6"));
        int runs = Integer.parseInt(env.getOrDefault("RUNS", "11"));
        String workload = env.getOrDefault("WORKLOAD", "getppid");
        String count = env.getOrDefault("COUNT", "300000");
        Accel accel = Accel.parse(env.getOrDefault("ACCEL", "tcg"));
        Duration pause = Duration.ofMillis(Long.parseLong(env.getOrDefault("PAUSE_MS", "0")));
        Path out = Files.createDirectories(Path.of(env.getOrDefault("OUT", "target/harness-noise")));
        Optional<CpuPinning> pinning = Optional.ofNullable(env.get("PIN")).filter(pin -> !pin.isBlank()).map(CpuPinning::parse);
        // pinned as kbench run -c pins: QEMU's threads by CPU, the workload's guest CPU kept free of other tasks
        Kernel kernel = pinning.isPresent() ? TestKernel.debianCloud().withCmdline("isolcpus=0") : TestKernel.debianCloud();
        Path cache = CacheDirectory.fromEnvironment().folder("initramfs");
        Path agentImage = new GuestImage(cache).workloads(List.of(workload)).buildFor(kernel);
        Path loopImage = new GuestImage(cache).workloads(List.of(workload)).init("kbench-loop-init").buildFor(kernel);
        Kernel looping = kernel.withCmdline("kbench.loop=/bin/" + workload + ":" + count + ":" + runs);
        List<Double> agentCvs = new ArrayList<>();
        List<Double> loopCvs = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        long started = System.nanoTime();
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("runs.csv")), true)) {
            csv.println("pair,side,first,run,ns");
            for (int pair = 0; pair < pairs; pair++) {
                boolean agentFirst = pair % 4 == 0 || pair % 4 == 3;
                List<String> rows = new ArrayList<>();
                double[] cvs = new double[2]; // through the agent, as PID 1
                try {
                    for (int turn = 0; turn < 2; turn++) {
                        boolean viaAgent = (turn == 0) == agentFirst;
                        List<Long> values = viaAgent ? throughAgent(kernel, agentImage, accel, workload, count, runs, pause, pinning)
                                : asPid1(looping, loopImage, accel, runs, pinning);
                        for (int run = 0; run < runs; run++) {
                            rows.add(String.format(Locale.ROOT, "%d,%s,%d,%d,%d", pair, viaAgent ? "agent" : "pid1", turn == 0 ? 1 : 0,
                                    run, values.get(run)));
                        }
                        cvs[viaAgent ? 0 : 1] = cv(values.subList(1, runs));
                    }
                } catch (IOException | BootLost e) {
                    // a pair stands or falls whole: half of one would unbalance the ABBA order
                    lost.add("pair " + (pair + 1) + ": " + e.getMessage());
                    System.out.printf(Locale.ROOT, "pair %d of %d lost, left out: %s%n", pair + 1, pairs, e.getMessage());
                    continue;
                }
                rows.forEach(csv::println);
                agentCvs.add(cvs[0]);
                loopCvs.add(cvs[1]);
                System.out.printf(Locale.ROOT, "pair %d of %d (%s first, %.0f min so far): CV through the agent %.2f %%, as PID 1 %.2f %%%n",
                        pair + 1, pairs, agentFirst ? "agent" : "PID 1", (System.nanoTime() - started) / 60e9,
                        cvs[0] * 100, cvs[1] * 100);
            }
        }
        assertTrue(lost.size() * 10 <= pairs, () -> lost.size() + " of " + pairs + " pairs lost, too many for a figure: " + lost);
        double[] agentCv = agentCvs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] loopCv = loopCvs.stream().mapToDouble(Double::doubleValue).toArray();
        double ratio = mean(agentCv) / mean(loopCv);
        double[] interval = bootstrapInterval(agentCv, loopCv);
        String setup = pinning.map(pin -> " QEMU pinned " + pin + ";").orElse("")
                + (pause.isZero() ? "" : " the host idle " + pause.toMillis() + " ms before each run through the agent;");
        System.out.printf(Locale.ROOT, "%s %s, %s, %s pairs of boots, %d measured runs per boot (the first run of each boot left out):"
                + "%s mean within-round CV through the agent %.2f %%, as PID 1 %.2f %%, ratio %.2f, 95 %% interval [%.2f, %.2f]"
                + " (bootstrap over pairs, %d resamples); runs in %s%n", workload, count, accel.qemuName(),
                agentCv.length + (lost.isEmpty() ? "" : " (" + lost.size() + " more lost)"), runs - 1, setup,
                mean(agentCv) * 100, mean(loopCv) * 100, ratio, interval[0], interval[1], RESAMPLES, out.resolve("runs.csv"));
    }

    private static List<Long> throughAgent(Kernel kernel, Path image, Accel accel, String workload, String count, int runs,
            Duration pause, Optional<CpuPinning> pinning) throws IOException, InterruptedException, BootLost {
        List<Long> values = new ArrayList<>();
        try (Vm vm = Vm.boot(VmSpec.builder(kernel, image).accel(accel).build())) {
            if (pinning.isPresent()) {
                pinning.get().apply(vm);
            }
            for (int run = 0; run < runs; run++) {
                Thread.sleep(pause.toMillis());
                RunResult result = vm.agent().run(RunRequest.of("/bin/" + workload, count).pinnedTo(0), Duration.ofSeconds(120));
                if (!result.succeeded()) {
                    throw new BootLost("run " + run + " through the agent failed: " + result);
                }
                values.add(Long.parseLong(result.stdout().strip()));
            }
        }
        return values;
    }

    private static List<Long> asPid1(Kernel looping, Path image, Accel accel, int runs, Optional<CpuPinning> pinning)
            throws IOException, InterruptedException, BootLost {
        List<Long> values = new ArrayList<>();
        try (Vm vm = Vm.launch(VmSpec.builder(looping, image).accel(accel).build())) {
            if (pinning.isPresent()) {
                pinning.get().apply(vm); // while the guest still boots: its first run is seconds away
            }
            // its runs take seconds: a guest still up after minutes hangs (seen once in 400 boots under TCG)
            if (!vm.hasExited(Duration.ofMinutes(3))) {
                throw new BootLost("kbench-loop-init did not power off within 3 min; the console's end: " + vm.consoleTail());
            }
            Matcher m = RUN.matcher(vm.consoleText());
            while (m.find()) {
                values.add(Long.parseLong(m.group(2)));
            }
        }
        if (values.size() != runs) {
            throw new BootLost("kbench-loop-init printed " + values.size() + " runs, not " + runs);
        }
        return values;
    }

    /** A boot of a pair that gave no figure: the guest hung, or a run failed. */
    private static final class BootLost extends Exception {
        BootLost(String message) {
            super(message);
        }
    }

    /** Percentile interval of mean(a)/mean(b), resampling pairs so a pair's two boots stay together. */
    static double[] bootstrapInterval(double[] a, double[] b) {
        SplittableRandom random = new SplittableRandom(1);
        double[] ratios = new double[RESAMPLES];
        for (int r = 0; r < RESAMPLES; r++) {
            double sa = 0;
            double sb = 0;
            for (int i = 0; i < a.length; i++) {
                int k = random.nextInt(a.length);
                sa += a[k];
                sb += b[k];
            }
            ratios[r] = sa / sb;
        }
        Arrays.sort(ratios);
        return new double[] {ratios[(int) (0.025 * RESAMPLES)], ratios[(int) (0.975 * RESAMPLES) - 1]};
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    private static double cv(List<Long> values) {
        SummaryStatistics s = new SummaryStatistics();
        values.forEach(s::addValue);
        return s.getStandardDeviation() / s.getMean();
    }
}
