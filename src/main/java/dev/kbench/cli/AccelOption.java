package dev.kbench.cli;

import dev.kbench.vm.Accel;
import picocli.CommandLine.Option;

/** {@code --accel}: how QEMU runs the guest; auto unless the command's {@link CommandDefaults} say otherwise. */
final class AccelOption {

    @Option(names = "--accel", paramLabel = "ACCEL", defaultValue = "auto",
            description = "auto (KVM where it works, else TCG), kvm, tcg or icount (TCG counting instructions). Default: ${DEFAULT-VALUE}.")
    Accel accel;
}
