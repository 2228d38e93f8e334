package dev.kbench.guest;

import java.util.Locale;

/** How a disk image's guest runs workloads once root is logged in over SSH. */
public enum Transport {
    /** kbench's agent, copied in and started over SSH, then spoken to over virtio-serial. */
    AGENT("agent over ssh"),
    /** One SSH exec per run, as lsm-perf does. */
    SSH("ssh exec");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    /** What the command line accepts: agent or ssh. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Transport parse(String text) {
        for (Transport transport : values()) {
            if (transport.optionName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return transport;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + text + "': use agent or ssh");
    }

    @Override
    public String toString() {
        return label;
    }
}
