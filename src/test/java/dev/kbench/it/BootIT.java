package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.CacheDirectory;
import dev.kbench.ExitStatus;
import dev.kbench.boot.BootLog;
import dev.kbench.boot.BootPhases;
import dev.kbench.boot.BootRecord;
import dev.kbench.guest.GuestImage;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.kernel.Kernel;
import dev.kbench.vm.Accel;
import dev.kbench.vm.BootEvidence;
import dev.kbench.vm.BootException;
import dev.kbench.vm.Marker;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Boot markers from real guests: kbench's own on an unpatched kernel, and the suite's written by a guest program. */
class BootIT {

    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test").toAbsolutePath();

    @TempDir
    Path tmp;

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private static Vm boot(GuestImage image) throws Exception {
        Kernel kernel = TestKernel.debianCloud();
        return Vm.boot(VmSpec.builder(kernel, image.buildFor(kernel)).accel(Accel.TCG).build());
    }

    private static GuestImage image() throws Exception {
        return new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs"));
    }

    @Test
    void theAgentsMarkersArriveAndThePhasesAddUpWithinTheHostsTime() throws Exception {
        try (Vm vm = boot(image())) {
            List<Integer> values = vm.markersOnceReady(Duration.ofSeconds(5)).stream().map(Marker::value).toList();
            assertEquals(List.of(Marker.INIT_START, Marker.AGENT_READY), values, "an unpatched kernel writes no marker of its own");
            double hostMicros = vm.sinceStart().toNanos() / 1000.0; // both sockets read by now
            Map<String, Double> phases = BootPhases.of(vm.markers(), vm.vmmStartup());
            assertTrue(phases.get("to_init") > 0 && phases.get("init_to_ready") > 0, phases.toString());
            assertEquals(phases.get("to_ready"), phases.get("to_init") + phases.get("init_to_ready"), 1e-6);
            assertTrue(phases.get("to_ready") <= hostMicros, "the phases fit in the host's time: " + phases + " vs " + hostMicros);
            assertTrue(phases.get("in_monitor") > 0 && phases.get("in_monitor") < phases.get("to_init"), "QEMU's start-up comes first: " + phases);
            assertTrue(!phases.containsKey("firmware") && !phases.containsKey("decomp"), "no marker-timed field without its markers");
        }
    }

    @Test
    void theSuitesMarkersFromAGuestProgramGiveItsFields() throws Exception {
        try (Vm vm = boot(image().program(TEST_PROGRAMS.resolve("suite_markers")))) {
            RunResult result = vm.agent().run(RunRequest.of("/bin/suite_markers"), Duration.ofSeconds(60));
            assertTrue(result.succeeded(), result.toString());
            List<Marker> suite = new ArrayList<>(vm.markers().stream().filter(m -> m.value() <= Marker.BEFORE_INIT).toList());
            assertEquals(18, suite.size(), "all of 0x01-0x12 arrived: " + suite);
            Map<String, Double> phases = BootPhases.of(vm.markers(), vm.vmmStartup());
            // the program sleeps known times between markers; emulation can only make them longer
            assertSpan(phases, "decomp", 300);
            assertSpan(phases, "parse_elf", 100);
            assertSpan(phases, "guest", 200);
            assertSpan(phases, "bootstrap_rando", 40 + 3 * 20);
            assertSpan(phases, "bootstrap", 100 + 40 + 300 + 100 + 3 * 20);
            assertTrue(phases.get("in_monitor") + phases.get("firmware") > phases.get("to_ready"),
                    "this 'firmware' ends at the program's first marker, after boot: " + phases);
        }
    }

    private static void assertSpan(Map<String, Double> phases, String field, long sleptMillis) {
        double millis = phases.get(field) / 1000;
        assertTrue(millis >= sleptMillis * 0.95 && millis < sleptMillis + 500, field + " = " + millis + " ms for " + sleptMillis + " ms slept");
    }

    @Test
    void aKernelThatNeverBootsTimesOutAndWhatWasMeasuredStays() throws Exception {
        TestKernel.debianCloud();
        List<String> lines = new ArrayList<>();
        String hang = TEST_PROGRAMS.resolve("hang_kernel").toString();
        int exit = KbenchProcess.run(tmp, Map.of("KBENCH_BOOT_TIMEOUT", "30"), lines, "boot", "-k", "default", hang, "--boots", "2",
                "--accel", "tcg", "-o", "b");
        assertEquals(ExitStatus.BOOT_FAILURE.code(), exit, "a kernel that does not boot: " + lines);
        String error = lines.stream().filter(l -> l.startsWith("kbench: error: ")).findFirst().orElse(lines.toString());
        assertTrue(error.startsWith("kbench: error: kernel " + hang + " (mem=256): kernel " + hang
                + " did not boot: the guest agent did not answer within 30 s"), error);
        List<BootRecord> boots = BootLog.read(tmp.resolve("b.boots.jsonl"));
        assertEquals(2, boots.stream().filter(b -> b.kernel().equals("default") && b.measured()).count(), boots.toString());
        assertEquals(5, boots.stream().filter(b -> b.kernel().equals("default") && b.warmup()).count(), "the suite's five warm-up boots");
        assertTrue(Files.readString(tmp.resolve("b.boot-summary.md")).contains("| default mem=256 cache=warm accel=tcg | to_ready |"));
        assertTrue(Files.exists(tmp.resolve("b.boot-phases.png")));
        Path state = tmp.resolve("b.failed-boots/hang_kernel-1.qemu-state.txt");
        assertTrue(error.contains(state.toString()), "the error names the evidence beside the boot log: " + error);
        assertTrue(Files.readString(state).contains("vCPU 0: EIP="), "the vCPUs' registers are in " + state);
        assertTrue(Files.exists(tmp.resolve("b.failed-boots/hang_kernel-1.console.log")));
    }

    @Test
    void aLinuxGuestWhoseAgentNeverStartsLeavesEachVcpusRipAndItsConsole() throws Exception {
        // the kernel boots fully, but runs a program that sleeps forever as init instead of the agent
        Kernel kernel = TestKernel.debianCloud().withCmdline("rdinit=/bin/sleep_forever loglevel=7");
        Path image = image().program(TEST_PROGRAMS.resolve("sleep_forever")).buildFor(kernel);
        VmSpec spec = VmSpec.builder(kernel, image).bootTimeout(Duration.ofSeconds(30)).failureDir(tmp).build();
        BootException e = assertThrows(BootException.class, () -> Vm.boot(spec.toBuilder().accel(Accel.TCG).build()));
        String state = Files.readString(e.evidence().orElseThrow().qemuState());
        assertTrue(state.contains("\"running\":true"), state);
        // both vCPUs of an idle 64-bit kernel: in long mode, halted in the idle loop
        assertEquals(2, state.lines().filter(l -> l.startsWith("vCPU ") && l.contains(": RIP=ffffffff")).count(), state);
        assertTrue(state.contains("--- x /2gx 0xfffffe0000000000\nfffffe0000000000: 0x"), "the first IDT gate: " + state);
        String console = Files.readString(e.evidence().orElseThrow().console());
        assertTrue(console.contains("Linux version") && console.contains("Run /bin/sleep_forever as init process"), "the whole console is kept");
    }

    @Test
    void aBootThatTimesOutKeepsItsConsoleAndQemusStateBeforeQemuIsKilled() throws Exception {
        Kernel hang = Kernel.atPath(TEST_PROGRAMS.resolve("hang_kernel"));
        Path failures = tmp.resolve("failures");
        VmSpec spec = VmSpec.builder(hang, image().buildFor(hang)).bootTimeout(Duration.ofSeconds(5)).failureDir(failures).build();
        BootException e = assertThrows(BootException.class, () -> Vm.boot(spec.toBuilder().accel(Accel.TCG).build()));
        BootEvidence evidence = e.evidence().orElseThrow();
        assertEquals(failures.resolve("hang_kernel-1.qemu-state.txt"), evidence.qemuState());
        assertEquals(failures.resolve("hang_kernel-1.console.log"), evidence.console());
        assertTrue(e.getMessage().lines().findFirst().orElseThrow().contains(evidence.qemuState().toString()), e.getMessage());
        String state = Files.readString(evidence.qemuState());
        assertTrue(state.contains("\"status\":\"running\""), "QEMU was asked before it was killed:\n" + state);
        // the hang kernel runs in 32-bit mode, so QEMU prints EIP= where a 64-bit kernel has RIP=
        assertEquals(2, state.lines().filter(l -> l.matches("[ER]IP=.*")).count(), "one instruction pointer per vCPU:\n" + state);
        // its boot CPU sits in cli; hlt: QEMU shows it halted, and the summary says where each vCPU is
        assertTrue(state.contains("vCPU 0: EIP=") && state.lines().anyMatch(l -> l.startsWith("vCPU 0:") && l.contains("HLT=1")), state);
        assertTrue(state.contains("markers received (0x20 agent started, 0x21 agent's channel open): none"), state);
        assertTrue(Files.exists(evidence.console()));

        // a second failure in the same folder gets the next number and overwrites nothing
        BootException again = assertThrows(BootException.class, () -> Vm.boot(spec.toBuilder().accel(Accel.TCG).build()));
        assertEquals(failures.resolve("hang_kernel-2.qemu-state.txt"), again.evidence().orElseThrow().qemuState());
        assertEquals(state, Files.readString(evidence.qemuState()));
    }
}
