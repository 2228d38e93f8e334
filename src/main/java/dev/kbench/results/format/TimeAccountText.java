package dev.kbench.results.format;

import dev.kbench.results.RoundTime;
import dev.kbench.results.TimeAccount;
import java.time.Duration;
import java.util.Locale;

/** One line saying where an experiment's time went, e.g. {@code time: boots 31 %, setup 4 %, runs 62 %, teardown 1 %, kbench 2 % of 4 min 02 s (8 rounds)}. */
public final class TimeAccountText {

    private TimeAccountText() {
    }

    public static String line(TimeAccount account) {
        return shares(account) + " of " + Durations.human(Duration.ofNanos(account.wallNs())) + rounds(account);
    }

    /**
     * The shards of one experiment, their accounts {@link TimeAccount#summed}: e.g. {@code time: boots 31 %, setup 4 %,
     * runs 62 %, teardown 1 %, kbench 2 % of 4 min 02 s over 2 shards, the longest 2 min 03 s (8 rounds)}.
     */
    public static String line(TimeAccount summed, int shards, long longestWallNs) {
        return shares(summed) + " of " + Durations.human(Duration.ofNanos(summed.wallNs())) + " over " + shards + " shards, the longest "
                + Durations.human(Duration.ofNanos(longestWallNs)) + rounds(summed);
    }

    private static String shares(TimeAccount account) {
        RoundTime spent = account.spent();
        return "time: boots " + percent(account, spent.bootNs()) + ", setup " + percent(account, spent.setupNs())
                + ", runs " + percent(account, spent.runsNs()) + ", teardown " + percent(account, spent.teardownNs())
                + ", kbench " + percent(account, account.kbenchNs());
    }

    private static String rounds(TimeAccount account) {
        return " (" + account.rounds() + (account.rounds() == 1 ? " round)" : " rounds)");
    }

    private static String percent(TimeAccount account, long ns) {
        double share = account.share(ns);
        // a share under 1 % still says whether it is there at all
        if (share > 0 && share < 0.1) {
            return "< 0.1 %";
        }
        return share > 0 && share < 1 ? String.format(Locale.ROOT, "%.1f %%", share) : Math.round(share) + " %";
    }
}
