package dev.kbench.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shard {@code index} of {@code count} of an experiment ({@code --shard K/N}): the part of it one
 * host runs. Hosts are blocks, never treatments: a shard runs every kernel of each of its rounds,
 * so no kernel is ever compared with another measured on a different host. What shards split is
 * rounds, a whole balanced block at a time when there are enough blocks, so that each host's
 * order is balanced on its own. The split is a function of the experiment's options and seed
 * alone, so shards agree on the plan without talking to each other.
 *
 * @param index 1-based, as Slurm's array task ids and {@code K/N} read
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("--shard " + index + "/" + count + ": give K/N with 1 <= K <= N, e.g. 2/4");
        }
    }

    /** Parses {@code K/N}. */
    public static Shard parse(String text) {
        String[] parts = text.strip().split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--shard '" + text + "' must be K/N, shard K of N (1 <= K <= N), e.g. 2/4");
    }

    /** Where this shard writes what {@code -o out} names: {@code DIR/shard-K-of-N/NAME}. */
    public Path outputOf(Path out) {
        Path absolute = out.toAbsolutePath();
        return absolute.resolveSibling(folderName(index, count)).resolve(absolute.getFileName());
    }

    /** The folder of shard {@code index} of {@code count} beside an experiment's output. */
    public static String folderName(int index, int count) {
        return "shard-" + index + "-of-" + count;
    }

    /**
     * The experiment's rounds (0-based, in the experiment's numbering) this shard runs. Whole
     * balanced blocks are dealt to the shards in turn while every shard gets at least one; the
     * rounds past the last whole block, or every round when there are fewer blocks than shards,
     * are dealt one at a time after them.
     */
    public List<Integer> rounds(int rounds, int blockSize) {
        Optional<String> tooFew = tooFewRounds(count, rounds);
        if (tooFew.isPresent()) {
            throw new IllegalArgumentException("--shard " + this + ": " + tooFew.get());
        }
        int blocks = rounds / blockSize;
        int dealtInBlocks = blocks >= count ? blocks * blockSize : 0;
        List<Integer> mine = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            int owner = round < dealtInBlocks ? (round / blockSize) % count : (round - dealtInBlocks) % count;
            if (owner == index - 1) {
                mine.add(round);
            }
        }
        return List.copyOf(mine);
    }

    /**
     * The rounds of a sequential experiment this shard runs: dealt one at a time, so that the first
     * rounds, which every workload runs, are measured by all shards at once and a look past them
     * waits for none; its later rounds run only what is undecided.
     */
    public List<Integer> roundsInTurn(int rounds) {
        Optional<String> tooFew = tooFewRounds(count, rounds);
        if (tooFew.isPresent()) {
            throw new IllegalArgumentException("--shard " + this + ": " + tooFew.get());
        }
        List<Integer> mine = new ArrayList<>();
        for (int round = index - 1; round < rounds; round += count) {
            mine.add(round);
        }
        return List.copyOf(mine);
    }

    /**
     * The rounds of an experiment of {@code rounds} rounds (at most {@code maxRounds}) this shard
     * runs: in turn when it is sequential, else as {@link #rounds(int, int)} deals them.
     */
    public List<Integer> dealt(boolean sequential, int rounds, int maxRounds, int blockSize) {
        return sequential ? roundsInTurn(maxRounds) : rounds(rounds, blockSize);
    }

    /** Why an experiment of {@code rounds} rounds cannot be split into {@code shards} shards (each needs a round), or empty. */
    public static Optional<String> tooFewRounds(int shards, int rounds) {
        return rounds >= shards ? Optional.empty() : Optional.of("the experiment has " + rounds + " round" + (rounds == 1 ? "" : "s")
                + ", fewer than " + shards + " shards: give --rounds " + shards + " or more, or fewer shards");
    }

    /** Whether every shard's rounds are whole balanced blocks, so each host's order is balanced by itself. */
    public boolean blocksWhole(int rounds, int blockSize) {
        return rounds / blockSize >= count && rounds % blockSize == 0;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
