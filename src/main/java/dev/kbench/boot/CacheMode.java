package dev.kbench.boot;

import dev.kbench.OptionNames;

/** Whether a boot finds the kernel image in the host's page cache, as the (FG)KASLR suite measures both. */
public enum CacheMode {
    /** The kernel is booted a few times unmeasured first: it stays in the page cache. */
    WARM,
    /** The host's page cache is dropped before every boot (needs root). */
    COLD;

    public String optionName() {
        return OptionNames.of(this);
    }

    public static CacheMode parse(String text) {
        return OptionNames.parse(CacheMode.class, text, "cache mode");
    }
}
