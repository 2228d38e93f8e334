package dev.kbench.plan;

/**
 * Where a VM sits in an experiment: its round, and its position among the kernels of that
 * round (0 = first to run). Recorded with every run so that the order can be checked.
 */
public record RoundSlot(int round, int position) {

    public RoundSlot {
        if (round < 0 || position < 0) {
            throw new IllegalArgumentException("round and position start at 0, not " + round + " and " + position);
        }
    }

    /** As a fork's plan carries it: {@code ROUND:POSITION}. */
    public String text() {
        return round + ":" + position;
    }

    public static RoundSlot parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a round slot is ROUND:POSITION, not '" + text + "'");
        }
        return new RoundSlot(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    }
}
