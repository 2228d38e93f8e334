package dev.kbench.results;

/**
 * The arithmetic of comparing on the log scale, shared by the tests that compare kernels: a
 * ratio of geometric means is a difference of mean logs, and a difference of logs reads as a
 * change in percent.
 */
final class LogScale {

    private LogScale() {
    }

    /** Whether there is at least one value and every one is positive: a log needs it. */
    static boolean positive(double[] values) {
        if (values.length == 0) {
            return false;
        }
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

    static double[] logs(double[] values) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The sample variance (n - 1 in the denominator). */
    static double variance(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (values.length - 1);
    }

    /** A difference of logs as a change in percent. */
    static double percent(double logRatio) {
        return Math.expm1(logRatio) * 100;
    }
}
