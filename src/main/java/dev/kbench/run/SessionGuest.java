package dev.kbench.run;

import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.guest.Workload;
import dev.kbench.ssh.ImageGuest;
import dev.kbench.vm.Vm;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Where a session's runs happen: kbench's own initramfs guest, or the user's disk image reached over SSH. */
interface SessionGuest extends AutoCloseable {

    RunResult run(RunRequest request, Duration replyTimeout) throws IOException;

    Vm vm();

    /** From QEMU's start until runs can begin (the agent answered, or root logged in over SSH). */
    Duration ready();

    /** Makes {@code workload} runnable in the guest and returns its path there. */
    String install(Workload workload) throws IOException;

    /** How runs reach the guest, for the boot line: "agent on virtio", "agent over ssh", "ssh exec". */
    String transport();

    @Override
    void close();

    static SessionGuest of(Vm vm) {
        return new SessionGuest() {
            @Override
            public RunResult run(RunRequest request, Duration replyTimeout) throws IOException {
                return vm.agent().run(request, replyTimeout);
            }

            @Override
            public Vm vm() {
                return vm;
            }

            @Override
            public Duration ready() {
                return vm.bootDuration();
            }

            @Override
            public String install(Workload workload) {
                // the initramfs was built with it (GuestImage.workloadsOf)
                return "/bin/" + workload.fileName();
            }

            @Override
            public String transport() {
                return "agent on " + vm.channel();
            }

            @Override
            public void close() {
                vm.close();
            }
        };
    }

    static SessionGuest of(ImageGuest guest) {
        return new SessionGuest() {
            @Override
            public RunResult run(RunRequest request, Duration replyTimeout) throws IOException {
                return guest.run(request, replyTimeout);
            }

            @Override
            public Vm vm() {
                return guest.vm();
            }

            @Override
            public Duration ready() {
                return guest.sshReady();
            }

            @Override
            public String install(Workload workload) throws IOException {
                return workload instanceof Workload.Program program ? guest.install(program.path()) : guest.installWorkload(workload.id());
            }

            @Override
            public String transport() {
                return guest.transport();
            }

            @Override
            public void close() {
                guest.close();
            }
        };
    }
}
