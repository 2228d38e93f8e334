package dev.kbench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {

    @Test
    void parsesKOfNAndRefusesTheRest() {
        assertEquals(new Shard(2, 4), Shard.parse(" 2/4 "));
        for (String bad : List.of("0/4", "5/4", "2", "a/b", "2/4/1", "1/0")) {
            assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
        }
        assertEquals("--shard '2' must be K/N, shard K of N (1 <= K <= N), e.g. 2/4",
                assertThrows(IllegalArgumentException.class, () -> Shard.parse("2")).getMessage());
    }

    @Test
    void writesIntoItsOwnFolderBesideTheOutput() {
        assertEquals(Path.of("/r/x/shard-2-of-4/lsm.csv"), new Shard(2, 4).outputOf(Path.of("/r/x/lsm.csv")));
    }

    @Test
    void dealsWholeBalancedBlocksWhenEveryShardGetsOne() {
        // 2 kernels: blocks of 2 rounds; 8 rounds = 4 blocks over 2 shards
        assertEquals(List.of(0, 1, 4, 5), new Shard(1, 2).rounds(8, 2));
        assertEquals(List.of(2, 3, 6, 7), new Shard(2, 2).rounds(8, 2));
        assertTrue(new Shard(1, 2).blocksWhole(8, 2));
    }

    @Test
    void dealsSingleRoundsWhenThereAreFewerBlocksThanShards() {
        // 3 kernels: blocks of 6; 4 rounds is no whole block
        assertEquals(List.of(0, 2), new Shard(1, 2).rounds(4, 6));
        assertEquals(List.of(1, 3), new Shard(2, 2).rounds(4, 6));
        assertFalse(new Shard(1, 2).blocksWhole(4, 6));
    }

    @Test
    void everyRoundBelongsToExactlyOneShard() {
        for (int count = 1; count <= 5; count++) {
            for (int rounds = count; rounds <= 23; rounds++) {
                for (int block : List.of(1, 2, 3, 6)) {
                    List<Integer> all = new ArrayList<>();
                    for (int k = 1; k <= count; k++) {
                        List<Integer> mine = new Shard(k, count).rounds(rounds, block);
                        assertFalse(mine.isEmpty(), "shard " + k + "/" + count + " of " + rounds + " rounds has none");
                        all.addAll(mine);
                    }
                    all.sort(null);
                    assertEquals(java.util.stream.IntStream.range(0, rounds).boxed().toList(), all, rounds + " rounds, " + count + " shards");
                }
            }
        }
    }

    @Test
    void refusesMoreShardsThanRounds() {
        assertEquals("--shard 1/3: the experiment has 2 rounds, fewer than 3 shards: give --rounds 3 or more, or fewer shards",
                assertThrows(IllegalArgumentException.class, () -> new Shard(1, 3).rounds(2, 2)).getMessage());
    }

    @Test
    void aSequentialExperimentDealsRoundsInTurnSoItsFirstRoundsRunAtOnce() {
        assertEquals(List.of(0, 2), new Shard(1, 2).roundsInTurn(4));
        assertEquals(List.of(1, 3), new Shard(2, 2).roundsInTurn(4));
        assertEquals(List.of(2), new Shard(3, 4).roundsInTurn(4));
    }
}
