package dev.kbench.boot;

import java.util.Locale;

/** Whether a boot finds the kernel image in the host's page cache, as the (FG)KASLR suite measures both. */
public enum CacheMode {
    /** The kernel is booted a few times unmeasured first: it stays in the page cache. */
    WARM,
    /** The host's page cache is dropped before every boot (needs root). */
    COLD;

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CacheMode parse(String text) {
        for (CacheMode mode : values()) {
            if (mode.optionName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown cache mode '" + text + "': use warm or cold");
    }
}
