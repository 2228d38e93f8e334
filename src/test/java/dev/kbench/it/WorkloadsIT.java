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
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in workload, run in one real guest (the Debian cloud kernel under TCG) with a small
 * iteration count: it must succeed and print exactly one positive integer, lsm-perf's contract.
 * Default counts take about a second each under TCG; docs/workloads.md has those measurements.
 */
class WorkloadsIT {

    /** Small enough that even exec (a few ms per operation under TCG) ends well within a second. */
    private static final String ITERATIONS = "100";
    /**
     * eventfd keeps lsm-perf's output, CPU time from clock(), which in a guest whose kernel found
     * its TSC unstable (it happens under TCG) advances a jiffy (4 ms) at a time: 100 writes can
     * read as 0. 50,000 writes take tens of jiffies.
     */
    private static final String CLOCK_TICK_SAFE_ITERATIONS = "50000";
    private static final Pattern ONE_INTEGER = Pattern.compile("[0-9]+\n");

    private static Vm vm;

    static List<String> workloads() throws IOException {
        return GuestImage.builtInWorkloads();
    }

    @BeforeAll
    static void bootOneGuestForAll() throws IOException {
        Kernel kernel = TestKernel.debianCloud();
        Path image = new GuestImage(CacheDirectory.fromEnvironment().folder("initramfs")).workloads(GuestImage.builtInWorkloads()).buildFor(kernel);
        vm = Vm.boot(VmSpec.builder(kernel, image).accel(Accel.TCG).build());
    }

    @AfterAll
    static void stopTheGuest() {
        if (vm != null) {
            vm.close();
        }
        assertEquals(List.of(), QemuProcesses.ours());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void printsOnePositiveInteger(String workload) throws IOException {
        String count = workload.equals("eventfd") ? CLOCK_TICK_SAFE_ITERATIONS : ITERATIONS;
        RunResult result = vm.agent().run(RunRequest.of("/bin/" + workload, count).pinnedTo(0), Duration.ofSeconds(60));
        assertTrue(result.succeeded(), workload + ": " + result);
        assertTrue(ONE_INTEGER.matcher(result.stdout()).matches(), workload + " printed " + result);
        assertTrue(Long.parseLong(result.stdout().strip()) > 0, workload + ": " + result);
        assertEquals("", result.stderr(), workload + " wrote to stderr");
    }
}
