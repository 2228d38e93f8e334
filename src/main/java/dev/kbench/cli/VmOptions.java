package dev.kbench.cli;

import dev.kbench.vm.Accel;
import dev.kbench.vm.Machine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The machine a command boots kernels on, for boot and soak: the accelerator, QEMU's machine and the memory. */
final class VmOptions {

    @Mixin
    AccelOption accel;

    @Option(names = "--machine", defaultValue = "pc", paramLabel = "pc|microvm", description = "QEMU machine: pc or microvm. Default: ${DEFAULT-VALUE}.")
    Machine machine;

    @Mixin
    MemoryOption memory;

    Accel accel() {
        return accel.accel;
    }
}
