package dev.kbench.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostCpusTest {

    @Test
    void readsLinuxsCpuLists() {
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), HostCpus.parseList("0-3,8,10-11\n"));
        assertEquals(List.of(5), HostCpus.parseList("5"));
    }

    @Test
    void splitsIntoDisjointEqualSetsAndLeavesTheRestUnused() {
        assertEquals(List.of(List.of(0, 1), List.of(2, 3)), new HostCpus(List.of(0, 1, 2, 3, 4)).split(2));
        assertEquals(List.of(List.of(4), List.of(6)), new HostCpus(List.of(4, 6)).split(2));
    }

    @Test
    void moreJobsThanCpusIsRefusedSayingHowManyThereAre() {
        assertEquals("--jobs 3 needs at least 3 CPUs, one per job; kbench may use 2 here (0,1)",
                assertThrows(IllegalArgumentException.class, () -> new HostCpus(List.of(0, 1)).split(3)).getMessage());
    }
}
