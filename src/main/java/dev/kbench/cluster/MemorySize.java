package dev.kbench.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's memory, in MiB: what {@code --memory} takes (4096, 4096Mi or 4Gi) and what the
 * manifest writes, a Kubernetes quantity in Mi so that requests and limits read the same.
 */
public record MemorySize(long mib) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,9})(Mi|Gi)?");

    public MemorySize {
        if (mib < 1) {
            throw new IllegalArgumentException("a container's memory must be at least 1 MiB, not " + mib);
        }
    }

    public static MemorySize ofMib(long mib) {
        return new MemorySize(mib);
    }

    /** 4096 (MiB), 4096Mi or 4Gi. */
    public static MemorySize parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a memory size: write MiB (4608), or 4608Mi or 5Gi");
        }
        long n = Long.parseLong(m.group(1));
        return new MemorySize("Gi".equals(m.group(2)) ? n * 1024 : n);
    }

    /** The Kubernetes quantity, e.g. {@code 4608Mi}. */
    public String quantity() {
        return mib + "Mi";
    }
}
