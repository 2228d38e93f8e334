package dev.kbench.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order of the kernels in every round of an experiment, decided before the first boot from
 * the order and a seed, so that it can be printed, recorded and repeated.
 *
 * <p>A Williams square for n kernels has n rows when n is even, 2n (the square and its mirror)
 * when n is odd; over those rows every kernel takes every position equally often and follows
 * every other kernel equally often, which cancels both a position effect and a carry-over
 * from the kernel before. Which kernel plays which label, and the order of the rows within a
 * block, are drawn from the seed. Rounds left over after the whole blocks are shuffled.
 */
public final class OrderDesign {

    private final List<List<Integer>> rounds;

    private OrderDesign(List<List<Integer>> rounds) {
        this.rounds = rounds;
    }

    public static OrderDesign of(RunOrder order, int kernels, int rounds, long seed) {
        Random random = new Random(seed);
        List<List<Integer>> plan = new ArrayList<>();
        switch (order) {
            case FIXED -> {
                for (int r = 0; r < rounds; r++) {
                    plan.add(identity(kernels));
                }
            }
            case RANDOM -> {
                for (int r = 0; r < rounds; r++) {
                    plan.add(shuffled(kernels, random));
                }
            }
            case BALANCED -> {
                List<List<Integer>> square = williams(kernels);
                List<Integer> labels = shuffled(kernels, random);
                while (plan.size() + square.size() <= rounds) {
                    List<List<Integer>> block = new ArrayList<>();
                    for (List<Integer> row : square) {
                        block.add(row.stream().map(labels::get).toList());
                    }
                    Collections.shuffle(block, random);
                    plan.addAll(block);
                }
                while (plan.size() < rounds) {
                    plan.add(shuffled(kernels, random));
                }
            }
        }
        return new OrderDesign(List.copyOf(plan));
    }

    /** The rows of a Williams design for {@code n} treatments (n rows for even n, 2n for odd n above 1). */
    static List<List<Integer>> williams(int n) {
        List<Integer> first = new ArrayList<>();
        // 0, 1, n-1, 2, n-2, ...: consecutive differences that cover every non-zero residue once
        for (int i = 0, low = 1, high = n - 1; i < n; i++) {
            if (i == 0) {
                first.add(0);
            } else if (i % 2 == 1) {
                first.add(low++);
            } else {
                first.add(high--);
            }
        }
        List<List<Integer>> rows = new ArrayList<>();
        for (int shift = 0; shift < n; shift++) {
            final int s = shift;
            rows.add(first.stream().map(k -> (k + s) % n).toList());
        }
        if (n % 2 == 1 && n > 1) {
            for (int shift = 0; shift < n; shift++) {
                List<Integer> mirror = new ArrayList<>(rows.get(shift));
                Collections.reverse(mirror);
                rows.add(List.copyOf(mirror));
            }
        }
        return rows;
    }

    private static List<Integer> identity(int n) {
        List<Integer> row = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            row.add(i);
        }
        return List.copyOf(row);
    }

    private static List<Integer> shuffled(int n, Random random) {
        List<Integer> row = new ArrayList<>(identity(n));
        Collections.shuffle(row, random);
        return List.copyOf(row);
    }

    /**
     * How many rounds make one balanced block of {@code order} for {@code kernels} kernels: a
     * whole Williams square, or one round for orders that balance nothing.
     */
    public static int blockSize(RunOrder order, int kernels) {
        if (order != RunOrder.BALANCED || kernels == 1) {
            return 1;
        }
        return kernels % 2 == 0 ? kernels : 2 * kernels;
    }

    /** The kernels' indexes (into the experiment's kernel list) in the order round {@code round} runs them. */
    public List<Integer> round(int round) {
        return rounds.get(round);
    }

    public int rounds() {
        return rounds.size();
    }
}
