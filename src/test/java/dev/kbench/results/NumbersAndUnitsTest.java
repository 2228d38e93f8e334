package dev.kbench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kbench.guest.PrintedUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NumbersAndUnitsTest {

    @Test
    void numbersAreGroupedAndKeepTheirSignificantDigits() {
        assertEquals("956,271,484", Numbers.readable(956271483.8));
        assertEquals("1,450,000,000", Numbers.readable(1.45e9));
        assertEquals("12.3", Numbers.readable(12.345));
        assertEquals("0.00412", Numbers.readable(0.004123));
        assertEquals("0", Numbers.readable(0));
        assertEquals("0.900", Numbers.fixed(0.9, 3));
        assertEquals("1,400", Numbers.fixed(1400, 0));
    }

    @Test
    void aTinyDifferenceIsNotRoundedToMinusZero() {
        assertEquals("-0.0041%", Numbers.percent(-0.00412, 1));
        assertEquals("+0.0040%", Numbers.percent(0.004, 2));
        assertEquals("+12.3%", Numbers.percent(12.34, 1));
        assertEquals("-7.39%", Numbers.percent(-7.391, 2));
        assertEquals("+0.00%", Numbers.percent(0, 2));
        assertEquals("n/a", Numbers.percent(Double.NaN, 1));
    }

    @Test
    void aPercentagesDigitsAreAsManyAsItsSizeNeeds() {
        // two significant digits for small values, one decimal at least for large ones
        assertEquals("0.0030", Numbers.percentDigits(0.003, 1));
        assertEquals("0.020", Numbers.percentDigits(0.02, 1));
        assertEquals("0.50", Numbers.percentDigits(0.5, 1));
        assertEquals("13.8", Numbers.percentDigits(13.8, 1));
        assertEquals("117.0", Numbers.percentDigits(117, 1));
        assertEquals("-0.0030", Numbers.percentDigits(-0.003, 1));
        assertEquals("0.0", Numbers.percentDigits(0, 1));
        assertEquals("0.00", Numbers.percentDigits(0, 2));
        assertEquals("13.80", Numbers.percentDigits(13.8, 2));
        assertEquals("1,234.5", Numbers.percentDigits(1234.5, 1));
        assertEquals("n/a", Numbers.percentDigits(Double.NaN, 1));
        assertEquals("+0.0030", Numbers.signedPercentDigits(0.003, 1));
        assertEquals("-13.8", Numbers.signedPercentDigits(-13.8, 1));
        assertEquals("+0.0030%", Numbers.percent(0.003, 1));
    }

    @Test
    void aPercentageGivenPrintsAsWritten() {
        assertEquals("1", Numbers.asWritten(1.0));
        assertEquals("0.5", Numbers.asWritten(0.5));
        assertEquals("0.0001", Numbers.asWritten(0.0001), "no exponent");
    }

    @Test
    void theEndsOfAnIntervalShowItsWidth() {
        assertEquals("384.9943", Numbers.readable(384.99427, 0.0057));
        assertEquals("385.0057", Numbers.readable(385.00573, 0.0057));
        assertEquals("385", Numbers.readable(385.1, 12), "a wide interval needs no more digits than the value");
        assertEquals(4, Numbers.decimalsFor(0.0057, 1));
        assertEquals(1, Numbers.decimalsFor(12, 1));
    }

    @Test
    void builtInUnitsReadBackAndScaleToAnOperation() throws Exception {
        MetricUnit getppid = MetricUnit.of(PrintedUnit.ofBuiltIn("getppid"), "tcg", Optional.empty());
        assertEquals("ns/1500000 ops", getppid.text());
        assertEquals(getppid, MetricUnit.parse(getppid.text()));
        // 0.95 s for 1.5 million calls: 633 ns each
        assertEquals("633 ns/op", getppid.scale(950_000_000).format(950_000_000));
        MetricUnit eventfd = MetricUnit.of(PrintedUnit.ofBuiltIn("eventfd"), "kvm", Optional.empty());
        assertEquals("us CPU/1000000 ops", eventfd.text());
        assertEquals("1.34 µs CPU/op", eventfd.scale(1_335_497).format(1_335_497));
        assertEquals("instructions/1500000 ops", MetricUnit.of(PrintedUnit.ofBuiltIn("getppid"), "icount", Optional.empty()).text());
        assertEquals("k instructions/1000000 ops", MetricUnit.of(PrintedUnit.ofBuiltIn("eventfd"), "icount", Optional.empty()).text());
        assertEquals("1,335 instructions/op", MetricUnit.parse("k instructions/1000000 ops").scale(1).format(1_335_497));
    }

    @Test
    void aProgramHasTheUnitItsUserGivesOrNone() {
        assertEquals(new MetricUnit("ns", 1), MetricUnit.of(Optional.empty(), "tcg", Optional.of("ns")));
        assertEquals("1.23 ms", MetricUnit.parse("ns").scale(1_234_567).format(1_234_567));
        assertEquals(MetricUnit.PRINTED, MetricUnit.of(Optional.empty(), "tcg", Optional.empty()));
        assertEquals("1,234,567 printed", MetricUnit.PRINTED.scale(1_234_567).format(1_234_567));
        assertEquals(new MetricUnit("widgets", 1), MetricUnit.parse("widgets"));
    }
}
