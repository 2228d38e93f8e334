package dev.kbench.plan;

import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.guest.Workload;
import dev.kbench.vm.Vm;
import java.io.IOException;
import java.time.Duration;

/**
 * A booted guest that runs workloads: kbench's own initramfs guest ({@link InitramfsGuest}), or
 * the user's disk image reached over SSH, through kbench's agent or by SSH exec (package
 * {@code ssh}). A session runs its workloads through this, whichever it is.
 */
public interface Guest extends AutoCloseable {

    RunResult run(RunRequest request, Duration replyTimeout) throws IOException;

    Vm vm();

    /** From QEMU's start until runs can begin (the agent answered, or root logged in over SSH). */
    Duration ready();

    /** Makes {@code workload} runnable in the guest and returns its path there. */
    String install(Workload workload) throws IOException;

    /** How runs reach the guest, for the boot line: "agent on virtio", "agent over ssh", "ssh exec". */
    String transport();

    /** Stops the guest and its VM, whatever state they are in. */
    @Override
    void close();
}
