package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.Settings;
import dev.kbench.guest.Initramfs;
import dev.kbench.guest.Workload;
import dev.kbench.kernel.Kernel;
import dev.kbench.plan.GuestSettings;
import dev.kbench.results.RunLog;
import dev.kbench.results.RunRecord;
import dev.kbench.run.WorkloadException;
import dev.kbench.run.SessionBuilder;
import dev.kbench.run.WorkloadSession;
import dev.kbench.vm.Accel;
import dev.kbench.vm.BootException;
import dev.kbench.vm.Vm;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input ends in a clear error naming the kernel and the cause, with no QEMU left. */
class BadInputIT {

    private static final Path TEST_PROGRAMS = Path.of("target/test-classes/guest-test").toAbsolutePath();

    @TempDir
    Path tmp;

    @AfterEach
    void noQemuIsLeftRunning() {
        assertEquals(List.of(), QemuProcesses.ours());
    }

    private SessionBuilder session(String kernel, String workload) throws IOException {
        GuestSettings settings = GuestSettings.from(Settings.fromEnvironment()).withRunLog(tmp.resolve("runs.jsonl"))
                .withRunTimeout(Duration.ofSeconds(60));
        return WorkloadSession.builder(settings, kernel, Workload.parseAll(List.of(workload))).accel(Accel.TCG);
    }

    @Test
    void aMissingKernelFileIsNamed() {
        IOException e = assertThrows(IOException.class, () -> session("/no/such/bzImage", "eventfd").boot());
        assertEquals("kernel not found: /no/such/bzImage (give the path of a bzImage or vmlinux)", e.getMessage());
    }

    @Test
    void aFileThatIsNotAKernelIsRefusedBeforeQemuStarts() throws IOException {
        Path text = Files.writeString(tmp.resolve("bzImage"), "definitely not a kernel\n".repeat(50));
        IOException e = assertThrows(IOException.class, () -> session(text.toString(), "eventfd").boot());
        assertEquals("not a kernel image (neither a bzImage boot header nor ELF): " + text, e.getMessage());
    }

    @Test
    void aKernelThatPanicsSaysWhyWithTheConsoleTail() throws IOException {
        Kernel kernel = TestKernel.debianCloud().named("no-init");
        // no /init in the initramfs: the kernel looks for a root disk, finds none and panics
        Path empty = Initramfs.builder().writeTo(tmp.resolve("empty.cpio"));
        VmSpec spec = VmSpec.builder(kernel, empty).bootTimeout(Duration.ofSeconds(120)).build();
        BootException e = assertThrows(BootException.class, () -> Vm.boot(spec.toBuilder().accel(Accel.TCG).build()));
        assertTrue(e.getMessage().startsWith("kernel no-init did not boot: Kernel panic - not syncing: VFS: Unable to mount root fs"),
                e.getMessage());
        assertTrue(e.getMessage().contains("console's last lines:\n    | "), e.getMessage());
    }

    @Test
    void aWorkloadThatExitsNonZeroIsNamedAndRecorded() throws IOException {
        String exit3 = TEST_PROGRAMS.resolve("exit3").toString();
        try (WorkloadSession session = session("default", exit3).boot()) {
            WorkloadException e = assertThrows(WorkloadException.class, session::runOnce);
            assertTrue(e.getMessage().startsWith("workload " + exit3 + " on kernel default (measurement run 0, VM "), e.getMessage());
            assertTrue(e.getMessage().endsWith("exited with status 3"), e.getMessage());
        }
        List<RunRecord> records = RunLog.read(tmp.resolve("runs.jsonl")).stream().filter(RunRecord::workloadRun).toList();
        assertEquals(1, records.size());
        assertTrue(records.get(0).error().endsWith("exited with status 3"));
    }

    @Test
    void aWorkloadThatPrintsGarbageOrCrashesIsNamedAndTheGuestServesOn() throws IOException {
        String garbage = TEST_PROGRAMS.resolve("garbage").toString();
        try (WorkloadSession session = session("default", garbage).boot()) {
            WorkloadException e = assertThrows(WorkloadException.class, session::runOnce);
            assertTrue(e.getMessage().endsWith("printed 'hello world' instead of one integer on stdout"), e.getMessage());
            // the same VM still answers: one bad run does not take the guest down
            assertTrue(session.vm().agent().pingOnce(Duration.ofSeconds(10)));
        }
    }

    @Test
    void qemuKilledUnderARunningSessionIsReported() throws IOException {
        try (WorkloadSession session = session("default", "eventfd").boot()) {
            ProcessHandle.of(session.vm().pid()).ifPresent(ProcessHandle::destroyForcibly);
            WorkloadException e = assertThrows(WorkloadException.class, session::runOnce);
            assertTrue(e.getMessage().startsWith("workload eventfd on kernel default"), e.getMessage());
            assertTrue(e.getMessage().contains("QEMU is gone"), e.getMessage());
        }
    }
}
