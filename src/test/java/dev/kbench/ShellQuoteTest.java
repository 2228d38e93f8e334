package dev.kbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {

    @Test
    void everyWordIsSingleQuotedAndQuotesSurvive() {
        assertEquals("'/tmp/kbench/eventfd' '10000'", ShellQuote.join(List.of("/tmp/kbench/eventfd", "10000")));
        assertEquals("'it'\\''s' '$HOME' 'a b'", ShellQuote.join(List.of("it's", "$HOME", "a b")));
        assertEquals("''", ShellQuote.quote(""));
    }
}
