package dev.kbench.vm;

/**
 * What {@code --accel auto} resolves to on this host, KVM or TCG, and why: the reason is what a
 * user reads when KVM is not used ("/dev/kvm is missing or not accessible", ...).
 */
public record AccelVerdict(Accel accel, String reason) {

    public AccelVerdict {
        if (accel != Accel.KVM && accel != Accel.TCG) {
            throw new IllegalArgumentException("auto resolves to kvm or tcg, not " + accel.qemuName());
        }
    }

    public boolean kvm() {
        return accel == Accel.KVM;
    }
}
