package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kbench.vm.Accel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainCommandOptionsTest extends InProcessCliTest {

    @Test
    void theDefaultsAreReadSmallUnderIcountOneVmAndTwentyFunctions() {
        ExplainCommand explain = parse(ExplainCommand.class, "explain", "caponly", "default");
        assertEquals(List.of("caponly", "default"), List.of(explain.kernelA, explain.kernelB));
        assertEquals(List.of("read-small"), explain.workloads.workloads);
        assertEquals(Accel.ICOUNT, explain.accel.accel);
        assertEquals(1, explain.warmups.warmups);
        assertEquals(List.of(1, 20), List.of(explain.vms, explain.top));
        assertNull(explain.operations, "the workload's own count unless given");
        assertEquals(Path.of("explain"), explain.output.out);
    }

    @Test
    void kvmAProgramOfTheUsersAndAZeroAreUsageErrors() {
        assertUsageError(execute("explain", "a", "b", "--accel", "kvm"), "explain", "--accel kvm: explain counts instructions with"
                + " kbench's TCG plugin, so it runs under icount (the default) or tcg; under KVM no instruction passes through QEMU");
        assertUsageError(execute("explain", "a", "b", "-w", "read-small,eventfd"), "explain", "-w takes one built-in workload here,"
                + " not [read-small, eventfd]: only kbench's own workloads mark their timed region for the count");
        assertUsageError(execute("explain", "a", "b", "--vms", "0"), "explain",
                "--vms, --top and --operations must be at least 1, --warmups at least 0");
        Outcome one = execute("explain", "a");
        assertEquals(2, one.status());
        assertTrue(one.err().contains("KERNEL_B"), one.err());
    }
}
