package dev.kbench.cli;

import dev.kbench.vm.Accel;
import dev.kbench.vm.AccelVerdict;
import java.io.IOException;
import java.util.Optional;

/**
 * The demo's accelerator: what {@code --accel} says, or, when it says nothing (or auto), KVM
 * where KVM can boot the guest and icount where it cannot. The demo must end in an answer, and
 * plain TCG's emulated time varies by 5 to 35 % between boots, so its three minutes ended
 * inconclusive; icount's instruction counts repeat to within 0.01 %. Only the demo falls back to
 * icount: for every other command auto still means KVM or TCG, time either way.
 *
 * @param accel the accelerator the demo runs under, never AUTO
 * @param announcement the line that says why the demo counts instructions, when it chose to
 */
record DemoAccel(Accel accel, Optional<String> announcement) {

    /** What auto resolves to on this host, probed only when the demo was not told its accelerator. */
    @FunctionalInterface
    interface AutoVerdict {
        AccelVerdict get() throws IOException;
    }

    static DemoAccel choose(Accel requested, AutoVerdict auto) throws IOException {
        if (requested != Accel.AUTO) {
            return new DemoAccel(requested, Optional.empty());
        }
        AccelVerdict verdict = auto.get();
        if (verdict.kvm()) {
            return new DemoAccel(Accel.KVM, Optional.empty());
        }
        return new DemoAccel(Accel.ICOUNT, Optional.of("kbench: no usable KVM here (" + verdict.reason() + "): comparing under icount,"
                + " where a workload's time is the number of guest instructions it executes (exact to 0.01 %, but instructions, not time:"
                + " the verdicts say so, e.g. faster (instructions))"));
    }

}
