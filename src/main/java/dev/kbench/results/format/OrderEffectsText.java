package dev.kbench.results.format;

import dev.kbench.results.Numbers;
import dev.kbench.results.OrderEffects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The order and drift checks as the console says them (only what is significant) and as the comparison file lists them. */
public final class OrderEffectsText {

    private OrderEffectsText() {
    }

    /** One line per significant effect, saying what to do about it; nothing when the order did not show. */
    public static List<String> warnings(OrderEffects effects) {
        List<String> lines = new ArrayList<>();
        OrderEffects.Slope drift = effects.drift();
        if (drift.significant()) {
            lines.add(String.format(Locale.ROOT, "%s: runs get %s %% %s per run within a VM (p = %s): add warm-ups", effects.workload(),
                    Numbers.percentDigits(Math.abs(drift.percentPerStep()), 1), drift.percentPerStep() > 0 ? "higher" : "lower", ComparisonCells.probability(drift.pValue())));
        }
        OrderEffects.Slope position = effects.position();
        if (position.significant()) {
            lines.add(String.format(Locale.ROOT, "%s: a round measures %s %% %s per later position in the round (p = %s):"
                    + " keep the order balanced (--order balanced) so every kernel carries it alike", effects.workload(),
                    Numbers.percentDigits(Math.abs(position.percentPerStep()), 1), position.percentPerStep() > 0 ? "higher" : "lower", ComparisonCells.probability(position.pValue())));
        }
        return lines;
    }

    /** A Markdown table of both checks for every workload. */
    public static String markdown(List<OrderEffects> all) {
        StringBuilder md = new StringBuilder("# Order and drift\n\n")
                .append("| workload | check | change per step | 95% CI | p | samples |\n| --- | --- | --- | --- | --- | --- |\n");
        for (OrderEffects effects : all) {
            row(md, effects.workload(), "position in the round", effects.position());
            row(md, effects.workload(), "run within a VM", effects.drift());
        }
        return md.append("\nEach a slope on log values within a kernel (position: one round mean per VM) or within a VM (drift:"
                + " one value per measured run), from least squares; n/a where the data cannot tell it (a fixed order gives every"
                + " kernel one position).\n").toString();
    }

    private static void row(StringBuilder md, String workload, String check, OrderEffects.Slope slope) {
        md.append("| ").append(workload).append(" | ").append(check).append(" | ");
        if (slope.estimable()) {
            md.append(Numbers.percent(slope.percentPerStep(), 2)).append(" | [").append(Numbers.percent(slope.ciLow(), 2)).append(", ")
                    .append(Numbers.percent(slope.ciHigh(), 2)).append("] | ").append(ComparisonCells.probability(slope.pValue()));
        } else {
            md.append("n/a | | ");
        }
        md.append(" | ").append(slope.samples()).append(" |\n");
    }
}
