package dev.kbench.plan;

import dev.kbench.guest.RunRequest;
import dev.kbench.guest.RunResult;
import dev.kbench.guest.Workload;
import dev.kbench.vm.Vm;
import java.io.IOException;
import java.time.Duration;

/** kbench's own guest: the agent is the initramfs' init, and the workloads were packed in with it. */
public record InitramfsGuest(Vm vm) implements Guest {

    @Override
    public RunResult run(RunRequest request, Duration replyTimeout) throws IOException {
        return vm.agent().run(request, replyTimeout);
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
}
