package dev.kbench.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitAnswerTest {

    @Test
    void theFirstBadCommitIsReadFromGitsLine() {
        GitRepository.Answer answer = new GitRepository.Answer("1b43b2b685cb7e91a34789678b8451dc2c9ca6ab is the first bad commit\n"
                + "commit 1b43b2b685cb7e91a34789678b8451dc2c9ca6ab\nAuthor: a <a@b>\n");
        assertEquals(Optional.of("1b43b2b685cb7e91a34789678b8451dc2c9ca6ab"), answer.firstBad());
        assertEquals(List.of(), answer.onlySkippedLeft());
    }

    @Test
    void onlySkippedCommitsLeftListsThem() {
        GitRepository.Answer answer = new GitRepository.Answer("There are only 'skip'ped commits left to test.\n"
                + "The first bad commit could be any of:\n21ebdbb0d5c2a64ec2ab8b0b6eee2d7a7f0d4f1e\n"
                + "b0fa040e9a3c4f5d6e7f8a9b0c1d2e3f4a5b6c7d\nWe cannot bisect more!\n");
        assertEquals(Optional.empty(), answer.firstBad());
        assertEquals(List.of("21ebdbb0d5c2a64ec2ab8b0b6eee2d7a7f0d4f1e", "b0fa040e9a3c4f5d6e7f8a9b0c1d2e3f4a5b6c7d"), answer.onlySkippedLeft());
    }

    @Test
    void aboutLog2Steps() {
        assertEquals(0, Bisection.about(1));
        assertEquals(1, Bisection.about(2));
        assertEquals(3, Bisection.about(6));
        assertEquals(4, Bisection.about(16));
        assertEquals(5, Bisection.about(17));
    }
}
