package dev.kbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one seed of a scheduler's shards: the run options' own, else one drawn and added to them once. */
class ShardSeedTest extends InProcessCliTest {

    @Test
    void aGivenSeedIsKeptAndTheOptionsAreLeftAsGiven() {
        for (List<String> options : List.of(List.of("-k", "a", "--seed", "42"), List.of("-k", "a", "--seed=42"))) {
            ShardSeed seed = ShardSeed.of(parse(RunCommand.class, prepend("run", options)));
            assertEquals(new ShardSeed(42, false), seed);
            assertEquals(options, seed.onto(options));
        }
    }

    @Test
    void withoutOneASeedIsDrawnAndAddedOnce() {
        List<String> options = List.of("-k", "a", "-o", "x.csv");
        ShardSeed seed = ShardSeed.of(parse(RunCommand.class, prepend("run", options)));
        assertTrue(seed.drawn());
        assertTrue(seed.value() >= 0 && seed.value() < 1_000_000_000L, "small enough to retype: " + seed.value());
        assertEquals(List.of("-k", "a", "-o", "x.csv", "--seed", Long.toString(seed.value())), seed.onto(options));
        assertFalse(ShardSeed.of(parse(RunCommand.class, prepend("run", seed.onto(options)))).drawn(), "kbench run reads it back");
    }

    @Test
    void theLineSaysTheSeedAndHowToRepeatIt() {
        assertEquals("kbench: seed 123456789 for all 4 shards (--seed 123456789 repeats the order)", new ShardSeed(123456789, true).line(4));
        assertEquals("kbench: seed 7 for the one shard (--seed 7 repeats the order)", new ShardSeed(7, false).line(1));
    }

    private static String[] prepend(String command, List<String> options) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(command), options.stream()).toArray(String[]::new);
    }
}
