package dev.kbench.guest;

import dev.kbench.OptionNames;

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
        return OptionNames.of(this);
    }

    public static Transport parse(String text) {
        return OptionNames.parse(Transport.class, text, "transport");
    }

    @Override
    public String toString() {
        return label;
    }
}
