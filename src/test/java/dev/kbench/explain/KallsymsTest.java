package dev.kbench.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KallsymsTest {

    private static final String TEXT = """
            ffffffff81000000 T _stext
            ffffffff81000000 T startup_64
            ffffffff81000100 t helper
            ffffffff81000200 D some_data
            ffffffff81000300 W weak_function
            ffffffffc0001000 t virtio_probe\t[virtio_console]
            ffffffffc0002000 d module_data\t[virtio_console]
            """;

    private static Kallsyms symbols(String text) {
        return Kallsyms.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAddressBelongsToTheCodeSymbolAtOrBelowIt() {
        Kallsyms k = symbols(TEXT);
        assertEquals("_stext", k.functionAt(0xffffffff81000000L));
        assertEquals("_stext", k.functionAt(0xffffffff810000ffL));
        assertEquals("helper", k.functionAt(0xffffffff81000100L));
        assertEquals("weak_function", k.functionAt(0xffffffff81000301L));
        assertEquals("virtio_probe [virtio_console]", k.functionAt(0xffffffffc0001abcL));
        assertEquals(7, k.size());
        assertEquals(0, k.skipped());
    }

    @Test
    void dataBelowEveryKernelSymbolAndUserAddressesAreNamedAsSuch() {
        Kallsyms k = symbols(TEXT);
        assertEquals(Kallsyms.UNKNOWN_KERNEL, k.functionAt(0xffffffff81000250L), "after a data symbol");
        assertEquals(Kallsyms.UNKNOWN_KERNEL, k.functionAt(0xffffffffc0002010L), "in a module's data");
        assertEquals(Kallsyms.UNKNOWN_KERNEL, k.functionAt(0xffff800000000000L), "below every symbol");
        assertEquals(Kallsyms.USER_SPACE, k.functionAt(0x401684L));
        assertEquals(Kallsyms.USER_SPACE, k.functionAt(0x7fffffffe000L));
    }

    @Test
    void aWindowsAddressesAreSummedPerFunction() {
        Map<String, Long> functions = symbols(TEXT).functions(Map.of(0xffffffff81000100L, 5L, 0xffffffff81000180L, 7L, 0x401000L, 3L,
                0x401008L, 4L, 0xffffffff81000250L, 1L));
        assertEquals(Map.of("helper", 12L, Kallsyms.USER_SPACE, 7L, Kallsyms.UNKNOWN_KERNEL, 1L), functions);
    }

    @Test
    void malformedLinesAreSkippedAndCountedAndLongNamesCut() {
        String name = "x".repeat(5000);
        Kallsyms k = symbols("""
                not a line
                ffffffff8100000g T bad_hex
                ffffffff81000000 TT bad_type
                ffffffffffffffffff T too_long_address
                ffffffff81000000 T ok extra words here
                ffffffff81000000 T module_without_brackets notamodule
                ffffffff81000010 T\s""" + name + "\n\n");
        assertEquals(1, k.size());
        assertEquals(6, k.skipped());
        String cut = k.functionAt(0xffffffff81000010L);
        assertEquals(Kallsyms.NAME_LIMIT + 3, cut.length());
        assertTrue(cut.endsWith("..."));
    }

    @Test
    void aKernelThatHidesItsAddressesIsRecognised() {
        assertTrue(symbols("0000000000000000 T _stext\n0000000000000000 t helper\n").hidesAddresses());
        assertFalse(symbols(TEXT).hidesAddresses());
        assertFalse(symbols("").hidesAddresses());
    }
}
