package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelRounds;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.StartedProcess;

/**
 * Several {@code kbench run}s at once on one host, each started by the real launcher
 * ({@code ./kbench}) as a user starts it, with the same default java.io.tmpdir: JMH's lock in
 * it must not make any of them fail, and no run may touch another's results.
 */
class ConcurrentRunsIT {

    private static final Path LAUNCHER = Path.of("kbench").toAbsolutePath();
    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test").toAbsolutePath();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} runs at once")
    @ValueSource(ints = {2, 4})
    void concurrentRunsAllFinishWithTheirOwnIntactResults(int count) throws Exception {
        TestKernel.debianCloud();
        int rounds = count == 2 ? 2 : 1;
        List<StartedProcess> started = new ArrayList<>();
        List<List<String>> outputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path dir = Files.createDirectories(tmp.resolve("run-" + i));
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            outputs.add(lines);
            List<String> command = List.of(LAUNCHER.toString(), "run", "-k", "default", "caponly", "--variant", "caponly=default lsm=capability",
                    "-w", TEST_PROGRAMS.resolve("dyn_answer").toString(), "--rounds", Integer.toString(rounds), "--runs", "2",
                    "--warmups", "0", "--accel", "tcg", "-o", "out.csv");
            started.add(JmhRunner.echoing(new ProcessExecutor(command).directory(dir.toFile()), "[kbench " + i + "] ", lines).start());
        }
        // every QEMU each kbench starts, seen while it runs: none may be alive once all have ended
        Set<ProcessHandle> qemus = new HashSet<>();
        while (started.stream().anyMatch(p -> p.getProcess().isAlive())) {
            for (StartedProcess p : started) {
                p.getProcess().toHandle().descendants().filter(QemuProcesses::isQemu).forEach(qemus::add);
            }
            Thread.sleep(200);
        }
        for (int i = 0; i < count; i++) {
            assertEquals(0, started.get(i).getProcess().waitFor(), "kbench run " + i + " failed: " + outputs.get(i));
        }
        assertTrue(qemus.size() >= 2 * rounds * count, "every run booted its own VMs: " + qemus.size());
        for (ProcessHandle qemu : qemus) {
            assertTrue(qemu.onExit().get(10, TimeUnit.SECONDS) != null && !qemu.isAlive(), "a QEMU outlived its kbench: " + qemu.pid());
        }
        for (int i = 0; i < count; i++) {
            Path dir = tmp.resolve("run-" + i);
            assertTrue(outputs.get(i).stream().noneMatch(l -> l.contains("jmh.lock")), outputs.get(i).toString());
            List<String> csv = Files.readAllLines(dir.resolve("out.csv"));
            assertEquals(1 + 2 * rounds, csv.size(), "run " + i + ": " + csv);
            for (int round = 0; round < rounds; round++) {
                assertTrue(csv.containsAll(List.of("default," + round + ",42,42", "caponly," + round + ",42,42")), "run " + i + ": " + csv);
            }
            List<List<Long>> fortyTwos = Collections.nCopies(rounds, List.of(42L, 42L));
            assertEquals(List.of(new KernelRounds("default", fortyTwos), new KernelRounds("caponly", fortyTwos)),
                    JmhResults.read(dir.resolve("out.json")), "run " + i);
            List<RunRecord> runs = RunLog.read(dir.resolve("out.runs.jsonl"));
            assertEquals(2 * 2 * rounds, runs.stream().filter(r -> r.error() == null && r.value() != null).count(), "run " + i + ": " + runs);
        }
    }
}
