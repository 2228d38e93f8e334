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
import org.junit.jupiter.api.Test;

/**
 * {@code --accel icount}: under {@code -icount shift=0} the guest's clock advances one
 * nanosecond per guest instruction, so what a workload prints is an instruction count, and
 * repeating a run repeats it almost exactly, whatever else the host is doing. This asserts
 * instruction counts, not host time: under plain TCG the same runs vary by several percent.
 */
class IcountIT {

    @Test
    void aWorkloadRepeatsItsCountWithinHalfAPercent() throws Exception {
        Kernel kernel = TestKernel.debianCloud();
        Path image = new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs")).workloads(List.of("getppid", "open-close")).buildFor(kernel);
        try (Vm vm = Vm.boot(VmSpec.builder(kernel, image).accel(Accel.ICOUNT).build())) {
            // about 100 M instructions each: a timer tick (every 4 M) more or less is then 0.02 %, not 0.5 %
            for (String workload : List.of("getppid", "open-close")) {
                int count = workload.equals("getppid") ? 300_000 : 12_000;
                List<Long> values = new ArrayList<>();
                for (int run = 0; run < 4; run++) {
                    RunResult result = vm.agent().run(RunRequest.of("/bin/" + workload, Integer.toString(count)).pinnedTo(0), Duration.ofSeconds(60));
                    assertTrue(result.succeeded(), workload + ": " + result);
                    values.add(Long.parseLong(result.stdout().strip()));
                }
                List<Long> measured = values.subList(1, values.size()); // the first run warms the caches
                long min = measured.stream().mapToLong(Long::longValue).min().orElseThrow();
                long max = measured.stream().mapToLong(Long::longValue).max().orElseThrow();
                assertTrue(min > 0 && (max - min) * 200 <= min, workload + " varied by more than 0.5%: " + values);
                // 1 ns per instruction: a getppid costs some hundreds of instructions, an open+close some thousands
                assertTrue(min / count > 100 && min / count < 100_000, workload + ": " + min / count + " instructions per operation?");
            }
        }
        assertEquals(List.of(), QemuProcesses.ours());
    }
}
