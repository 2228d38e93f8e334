package dev.kbench.soak;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Counts the lines that boots which did reach the agent printed on their console. At kbench's
 * console log level only errors get there, so a line that appears in some boots and not others
 * (a timer route the kernel gave up on, a clocksource it distrusted) marks a boot that went
 * differently under load even though it "worked".
 */
final class ConsoleLines {

    private static final Pattern TIMESTAMP = Pattern.compile("^\\[\\s*\\d+\\.\\d+\\]\\s*");
    /** The agent's own line, printed by every boot. */
    private static final String AGENT_READY = "kbench-agent: ready on ";

    private final Map<String, Integer> counts = new LinkedHashMap<>();

    /**
     * Counts each distinct line of one boot's console once (timestamps left out). A last line
     * without its newline is still being written (the agent answers while its ready line is on
     * its way through the UART) and is left out.
     */
    synchronized void add(String console) {
        String complete = console.substring(0, console.lastIndexOf('\n') + 1);
        complete.lines().map(l -> TIMESTAMP.matcher(l.strip()).replaceFirst("")).filter(l -> !l.isEmpty() && !l.startsWith(AGENT_READY))
                .distinct().forEach(l -> counts.merge(l, 1, Integer::sum));
    }

    /** The most frequent lines first, at most {@code limit}. */
    synchronized List<Map.Entry<String, Integer>> mostFrequent(int limit) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }
}
