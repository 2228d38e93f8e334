package dev.kbench.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.kbench.results.JmhResults;
import dev.kbench.results.KernelForks;
import dev.kbench.results.MetricUnit;
import dev.kbench.results.RunSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;

/**
 * Writes the JMH JSON of an experiment, every round a fork, as JMH's own writer would for all its
 * rounds merged and {@link MergedJson} then edits it, but as a stream. JMH's writer holds every run
 * as its result objects and the whole text in memory; here JMH writes only each kernel's first
 * fork, which gives every field about the benchmark in JMH's own words, and each metric (score,
 * error, confidence, percentiles, raw data) is computed from the rounds' values with JMH's own
 * statistics and written as it is computed.
 */
public final class JmhJson {

    /** JMH's score error and confidence interval are at 99.9 %. */
    private static final double CONFIDENCE = 0.999;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JmhJson() {
    }

    /**
     * The JSON of {@code kernels}, in their order, with what {@code setup} adds (rounds' order, hosts, units).
     *
     * @return each workload's unit as the JSON gives it ({@link JmhResults#units(List)} of the file), without reading it back
     */
    public static Map<String, MetricUnit> write(List<KernelForks> kernels, RunSetup setup, OutputStream out) throws IOException {
        JsonNode root = firstForks(kernels);
        MergedJson.edit(root, setup, kernels.stream().map(KernelForks::forks).toList());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (int i = 0; i < kernels.size(); i++) {
                result(json, root.get(i), kernels.get(i));
            }
            json.writeEndArray();
        }
        return JmhResults.units(root);
    }

    /** JMH's JSON of each kernel's first fork: the template of every field. */
    private static JsonNode firstForks(List<KernelForks> kernels) throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, print).writeOut(kernels.stream().map(KernelForks::first).toList());
        }
        return JSON.readTree(text.toByteArray());
    }

    private static void result(JsonGenerator json, JsonNode template, KernelForks kernel) throws IOException {
        json.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> fields = template.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            json.writeFieldName(field.getKey());
            switch (field.getKey()) {
                case "primaryMetric" -> metric(json, field.getValue(), kernel.primary());
                case "secondaryMetrics" -> {
                    json.writeStartObject();
                    for (Iterator<Map.Entry<String, JsonNode>> metrics = field.getValue().fields(); metrics.hasNext();) {
                        Map.Entry<String, JsonNode> metric = metrics.next();
                        json.writeFieldName(metric.getKey());
                        metric(json, metric.getValue(), kernel.secondary(metric.getKey()));
                    }
                    json.writeEndObject();
                }
                default -> JSON.writeTree(json, field.getValue());
            }
        }
        json.writeEndObject();
    }

    /** One metric over all forks, its fields in the template's order; what JMH derives from the values is derived again. */
    private static void metric(JsonGenerator json, JsonNode template, List<double[]> forks) throws IOException {
        Statistics statistics = statistics(forks);
        json.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> fields = template.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            json.writeFieldName(field.getKey());
            switch (field.getKey()) {
                case "score" -> json.writeNumber(statistics.getMean());
                case "scoreError" -> json.writeNumber(statistics.getMeanErrorAt(CONFIDENCE));
                case "scoreConfidence" -> {
                    double[] interval = statistics.getConfidenceIntervalAt(CONFIDENCE);
                    json.writeArray(interval, 0, interval.length);
                }
                case "scorePercentiles" -> {
                    json.writeStartObject();
                    for (Iterator<String> percentiles = field.getValue().fieldNames(); percentiles.hasNext();) {
                        String percentile = percentiles.next();
                        json.writeNumberField(percentile, statistics.getPercentile(Double.parseDouble(percentile)));
                    }
                    json.writeEndObject();
                }
                case "rawData" -> {
                    json.writeStartArray();
                    for (double[] fork : forks) {
                        json.writeArray(fork, 0, fork.length);
                    }
                    json.writeEndArray();
                }
                case "scoreUnit" -> JSON.writeTree(json, field.getValue());
                // a field this JMH version does not write for single-shot results (e.g. a histogram): never guessed
                default -> throw new IllegalStateException("JMH's JSON has a metric field kbench does not compute: " + field.getKey());
            }
        }
        json.writeEndObject();
    }

    private static Statistics statistics(List<double[]> forks) {
        int count = forks.stream().mapToInt(fork -> fork.length).sum();
        double[] values = new double[count];
        int at = 0;
        for (double[] fork : forks) {
            System.arraycopy(fork, 0, values, at, fork.length);
            at += fork.length;
        }
        return new ListStatistics(values);
    }
}
