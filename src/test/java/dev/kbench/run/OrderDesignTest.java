package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OrderDesignTest {

    @Test
    void aWilliamsSquarePutsEveryKernelInEveryPositionAndAfterEveryOtherEquallyOften() {
        for (int n = 1; n <= 9; n++) {
            List<List<Integer>> rows = OrderDesign.williams(n);
            assertEquals(n % 2 == 0 || n == 1 ? n : 2 * n, rows.size(), "rows for n=" + n);
            int perPosition = rows.size() / n;
            for (int position = 0; position < n; position++) {
                Map<Integer, Integer> counts = new HashMap<>();
                for (List<Integer> row : rows) {
                    counts.merge(row.get(position), 1, Integer::sum);
                }
                assertEquals(n, counts.size(), "n=" + n + ", position " + position + ": " + rows);
                assertTrue(counts.values().stream().allMatch(c -> c == perPosition), "n=" + n + ": " + rows);
            }
            if (n > 1) {
                Map<List<Integer>, Integer> pairs = new HashMap<>();
                for (List<Integer> row : rows) {
                    assertEquals(n, new HashSet<>(row).size(), "a row is a permutation: " + row);
                    for (int i = 1; i < n; i++) {
                        pairs.merge(List.of(row.get(i - 1), row.get(i)), 1, Integer::sum);
                    }
                }
                assertEquals(n * (n - 1), pairs.size(), "every ordered pair occurs, n=" + n + ": " + rows);
                assertEquals(1, pairs.values().stream().distinct().count(), "every ordered pair equally often, n=" + n + ": " + pairs);
            }
        }
    }

    @Test
    void balancedRoundsAreWholeSquaresThenShuffledRounds() {
        OrderDesign design = OrderDesign.of(RunOrder.BALANCED, 4, 10, 7);
        for (int position = 0; position < 4; position++) {
            final int p = position;
            // the first 8 rounds are two squares: each kernel twice in each position
            Map<Integer, Long> counts = new HashMap<>();
            IntStream.range(0, 8).forEach(r -> counts.merge(design.round(r).get(p), 1L, Long::sum));
            assertEquals(Map.of(0, 2L, 1, 2L, 2, 2L, 3, 2L), counts, "position " + p);
        }
        IntStream.range(8, 10).forEach(r -> assertEquals(4, new HashSet<>(design.round(r)).size()));
    }

    @Test
    void theSameSeedGivesTheSameOrderAndFixedIsLsmPerfs() {
        assertEquals(rows(OrderDesign.of(RunOrder.RANDOM, 5, 6, 42)), rows(OrderDesign.of(RunOrder.RANDOM, 5, 6, 42)));
        assertNotEquals(rows(OrderDesign.of(RunOrder.RANDOM, 5, 6, 42)), rows(OrderDesign.of(RunOrder.RANDOM, 5, 6, 43)));
        assertEquals(rows(OrderDesign.of(RunOrder.BALANCED, 3, 6, 9)), rows(OrderDesign.of(RunOrder.BALANCED, 3, 6, 9)));
        OrderDesign fixed = OrderDesign.of(RunOrder.FIXED, 3, 4, 1);
        IntStream.range(0, 4).forEach(r -> assertEquals(List.of(0, 1, 2), fixed.round(r)));
    }

    private static List<List<Integer>> rows(OrderDesign design) {
        return IntStream.range(0, design.rounds()).mapToObj(design::round).toList();
    }
}
