package dev.kbench.explain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An {@link Explanation} as JSON, for a program: every function (not only the top ones) with its
 * instructions per operation under each kernel, in the mean and in each measured run, and the
 * totals, including each run's window and printed count, so a reader can check the sums.
 */
public final class ExplanationJson {

    private ExplanationJson() {
    }

    public static ObjectNode of(Explanation e) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("workload", e.workload());
        root.put("unit", "guest instructions per operation");
        root.set("a", kernel(json, e.a()));
        root.set("b", kernel(json, e.b()));
        ObjectNode totals = root.putObject("difference");
        totals.put("functions", e.functionsDifference());
        putNumber(totals, "printed", e.printedDifference());
        putNumber(totals, "unexplained", e.unexplained());
        putNumber(totals, "unexplainedShare", e.unexplainedShare());
        ArrayNode rows = root.putArray("functions");
        for (Explanation.Row row : e.functions()) {
            ObjectNode node = rows.addObject();
            node.put("function", row.function());
            node.put("a", row.a());
            node.put("b", row.b());
            node.put("difference", row.difference());
            putNumber(node, "share", e.share(row));
            // each measured run's own count, so a reader sees which functions repeat from VM to VM
            perRun(node.putArray("aRuns"), e.a(), row.function());
            perRun(node.putArray("bRuns"), e.b(), row.function());
        }
        return root;
    }

    public static void write(Explanation e, Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), of(e));
    }

    private static ObjectNode kernel(ObjectMapper json, KernelProfile profile) {
        ObjectNode node = json.createObjectNode();
        node.put("kernel", profile.kernel());
        node.put("operations", profile.operations());
        node.put("windowPerOperation", profile.windowPerOp());
        putNumber(node, "printedPerOperation", profile.printedPerOp());
        ArrayNode runs = node.putArray("runs");
        for (WindowSample sample : profile.samples()) {
            ObjectNode run = runs.addObject();
            run.put("window", sample.total());
            if (sample.printed().isPresent()) {
                run.put("printed", sample.printed().getAsLong());
            }
        }
        return node;
    }

    private static void perRun(ArrayNode into, KernelProfile profile, String function) {
        for (WindowSample sample : profile.samples()) {
            into.add((double) sample.functions().getOrDefault(function, 0L) / profile.operations());
        }
    }

    /** JSON has no NaN: a number that does not exist is left out. */
    private static void putNumber(ObjectNode node, String field, double value) {
        if (!Double.isNaN(value)) {
            node.put(field, value);
        }
    }
}
