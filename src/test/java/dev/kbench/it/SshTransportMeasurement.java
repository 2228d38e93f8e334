package dev.kbench.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.Settings;
import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.plan.BootPlan;
import dev.kbench.plan.GuestSettings;
import dev.kbench.ssh.ImageGuest;
import dev.kbench.vm.Accel;
import dev.kbench.vm.DiskImage;
import dev.kbench.vm.NetModel;
import dev.kbench.vm.VmSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/ssh.md's measurement: on one VM, the same eventfd run through the guest agent (over the
 * virtio-serial channel) and through SSH exec, interleaved run by run so drift hits both alike.
 * Not a test: its name matches neither surefire's nor failsafe's patterns, so it runs only when
 * named, e.g. {@code mvn verify -Dit.test=SshTransportMeasurement -Dkbench.measure.runs=20}.
 */
class SshTransportMeasurement {

    private static final Duration REPLY = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    @Test
    void agentVersusSshExecOnOneVm() throws IOException {
        int runs = Integer.getInteger("kbench.measure.runs", 20);
        Accel accel = Accel.parse(System.getProperty("kbench.measure.accel", "tcg"));
        SshTestImage image = SshTestImage.build(tmp.resolve("image"), true);
        VmSpec spec = BootPlan.builder(GuestSettings.from(Settings.fromEnvironment()), TestKernel.debianCloud())
                .diskImage(DiskImage.of(image.image()).net(NetModel.VIRTIO_NET)).accel(accel).memoryMib(4096).prepare().spec();
        try (ImageGuest guest = ImageGuest.builder(spec).key(image.key()).boot()) {
            assertEquals("agent over ssh", guest.transport(), guest.agentProblem());
            String eventfd = guest.installWorkload("eventfd");
            System.out.println("| eventfd iterations | runs | agent: median host wall | ssh exec: median host wall"
                    + " | ratio ssh / agent | agent: median printed µs | ssh exec: median printed µs |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            // lsm-perf's size of run (1,000,000 writes), then a tiny one where the transport is most of the time
            for (String iterations : List.of("1000000", "1000")) {
                RunRequest request = RunRequest.of(eventfd, iterations).pinnedTo(0);
                for (int i = 0; i < 2; i++) { // warm-ups: page cache, first exec, SSH channel set-up paths
                    timed(guest, request, true, new long[1], 0);
                    timed(guest, request, false, new long[1], 0);
                }
                long[] agentWall = new long[runs];
                long[] sshWall = new long[runs];
                long[] agentPrinted = new long[runs];
                long[] sshPrinted = new long[runs];
                for (int i = 0; i < runs; i++) {
                    boolean agentFirst = i % 2 == 0;
                    agentPrinted[i] = timed(guest, request, agentFirst, agentFirst ? agentWall : sshWall, i);
                    sshPrinted[i] = timed(guest, request, !agentFirst, agentFirst ? sshWall : agentWall, i);
                    if (!agentFirst) {
                        long swap = agentPrinted[i];
                        agentPrinted[i] = sshPrinted[i];
                        sshPrinted[i] = swap;
                    }
                }
                double agent = median(agentWall) / 1e6;
                double ssh = median(sshWall) / 1e6;
                System.out.printf("| %s | %d | %.2f ms | %.2f ms | **%.2f** | %.0f | %.0f |%n", iterations, runs, agent, ssh, ssh / agent,
                        median(agentPrinted), median(sshPrinted));
            }
        }
    }

    /** One run through the agent or SSH exec; stores its host-side wall time and returns the integer it printed. */
    private static long timed(ImageGuest guest, RunRequest request, boolean viaAgent, long[] wall, int index) throws IOException {
        long start = System.nanoTime();
        RunResult result = viaAgent ? guest.run(request, REPLY) : guest.runOverSsh(request, REPLY);
        wall[index] = System.nanoTime() - start;
        assertTrue(result.succeeded(), result.toString());
        return Long.parseLong(result.stdout().strip());
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
