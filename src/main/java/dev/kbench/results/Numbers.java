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
        return grouped(value, Math.max(minDecimals, decimals(value, 2)), "+") + "%";
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
