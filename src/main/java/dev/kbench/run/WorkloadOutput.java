package dev.kbench.run;

import java.util.regex.Pattern;

/** lsm-perf's contract for a workload's stdout: exactly one integer (the time), nothing else. */
public final class WorkloadOutput {

    private static final Pattern ONE_INTEGER = Pattern.compile("\\s*(-?\\d{1,18})\\s*");

    private WorkloadOutput() {
    }

    /** The integer {@code stdout} holds, or an exception quoting what it held instead. */
    public static long parse(String stdout) throws WorkloadException {
        var matcher = ONE_INTEGER.matcher(stdout);
        if (!matcher.matches()) {
            throw new WorkloadException("printed " + quote(stdout) + " instead of one integer on stdout");
        }
        return Long.parseLong(matcher.group(1));
    }

    /** {@code text} in one line for an error message: line breaks and other control characters are escaped, long text cut. */
    static String quote(String text) {
        StringBuilder escaped = new StringBuilder();
        text.strip().codePoints().forEach(c -> {
            if (c == '\n') {
                escaped.append("\\n");
            } else if (c == '\r') {
                escaped.append("\\r");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0x85) {
                escaped.append(String.format("\\x%02x", c & 0xffff));
            } else {
                escaped.appendCodePoint(c);
            }
        });
        String oneLine = escaped.toString();
        if (oneLine.isEmpty()) {
            return "nothing";
        }
        return "'" + (oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine) + "'";
    }
}
