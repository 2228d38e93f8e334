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

    static String quote(String text) {
        String oneLine = text.strip().replace("\n", "\\n");
        if (oneLine.isEmpty()) {
            return "nothing";
        }
        return "'" + (oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine) + "'";
    }
}
