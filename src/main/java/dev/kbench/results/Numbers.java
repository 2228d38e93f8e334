package dev.kbench.results;

import java.util.Locale;

/**
 * Numbers as a person reads them: thousands grouped, and as many decimals as the value needs to
 * show its first significant digits, so that an icount difference of 0.004 % prints as such
 * rather than as {@code -0.0%}, and a mean of 956 million prints as {@code 956,271,484}, not
 * {@code 9.56E8}.
 */
public final class Numbers {

    private static final int MAX_DECIMALS = 9;

    private Numbers() {
    }

    /** At least three significant digits, grouped: {@code 1,234}, {@code 12.3}, {@code 0.00412}. */
    public static String readable(double value) {
        return grouped(value, decimals(value, 3), "");
    }

    /**
     * As {@link #readable(double)}, with as many more decimals as show two significant digits of
     * {@code resolution} (an interval's half-width): the ends of an icount mean's CI print as
     * {@code 384.9943} and {@code 385.0057}, not as {@code 385} and {@code 385}.
     */
    public static String readable(double value, double resolution) {
        return grouped(value, Math.max(decimals(value, 3), decimals(resolution, 2)), "");
    }

    /**
     * At least {@code minDecimals}, and as many more as show two significant digits of
     * {@code resolution}: small values keep two, so the resolution of an icount result is not 0.0.
     */
    public static int decimalsFor(double resolution, int minDecimals) {
        return Math.max(minDecimals, decimals(resolution, 2));
    }

    /** Grouped, with {@code decimals} decimals: axis ticks share theirs, so that 0.900 and 1.40 do not stand on one axis. */
    public static String fixed(double value, int decimals) {
        return grouped(value, Math.max(0, Math.min(MAX_DECIMALS, decimals)), "");
    }

    /**
     * A difference in percent, signed, with {@code minDecimals} decimals or as many more as show
     * two significant digits: {@code +12.3%}, {@code -0.0041%}.
     */
    public static String percent(double value, int minDecimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return signedPercentDigits(value, minDecimals) + "%";
    }

    /** As {@link #percent}, without the unit, for text that spaces it: {@code +3.9}, {@code -0.0041}. */
    public static String signedPercentDigits(double value, int minDecimals) {
        return grouped(value, decimalsFor(value, minDecimals), "+");
    }

    /**
     * A percentage's number alone, signed only when negative, with the decimals of
     * {@link #percent}: {@code 13.8}, {@code 0.020}, {@code -0.0030} for one decimal at least.
     * For a width (±) or a spread, where a sign would mislead; the caller adds the unit.
     */
    public static String percentDigits(double value, int minDecimals) {
        return grouped(value, decimalsFor(value, minDecimals), "");
    }

    /**
     * A percentage as a person gave it (an option's value): {@code 1}, {@code 0.5},
     * {@code 0.005}; no trailing zeros, no exponent.
     */
    public static String asWritten(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Decimals that show {@code digits} significant digits of {@code value} (none past the point for large values). */
    static int decimals(double value, int digits) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        int magnitude = (int) Math.floor(Math.log10(Math.abs(value)));
        return Math.max(0, Math.min(MAX_DECIMALS, digits - 1 - magnitude));
    }

    private static String grouped(double value, int decimals, String sign) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ENGLISH, "%" + sign + ",." + decimals + "f", value);
    }
}
