package dev.kbench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kbench.plan.GuestSettings;
import dev.kbench.plan.RoundSlot;
import java.io.IOException;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything a JMH fork needs that is not one of its benchmark's {@code @Param}s, as one value:
 * the guest's settings, the round it measures, and what only its kind of benchmark reads
 * ({@code run.SessionPlan}, {@code boot.BootForkPlan}), which the parent decided once.
 *
 * @param slot the round (and position in it) this fork measures, for its run log records; empty outside {@code kbench run}
 * @param benchmark the fields only this fork's kind of benchmark reads; empty for its defaults (a fork started by hand)
 */
public record ForkPlan(GuestSettings settings, Optional<RoundSlot> slot, ObjectNode benchmark) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ForkPlan {
        benchmark = benchmark.deepCopy();
    }

    /** A copy: the plan stays as it was written. */
    @Override
    public ObjectNode benchmark() {
        return benchmark.deepCopy();
    }

    /** A plan of the guest's settings alone: a benchmark's defaults, no round. */
    public static ForkPlan of(GuestSettings settings) {
        return new ForkPlan(settings, Optional.empty(), JsonNodeFactory.instance.objectNode());
    }

    public ForkPlan slot(RoundSlot slot) {
        return new ForkPlan(settings, Optional.of(slot), benchmark);
    }

    public ForkPlan benchmark(ObjectNode fields) {
        return new ForkPlan(settings, slot, fields);
    }

    byte[] toJson() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode guest = root.putObject("settings");
        Properties properties = settings.toProperties();
        properties.stringPropertyNames().stream().sorted().forEach(name -> guest.put(name, properties.getProperty(name)));
        slot.ifPresent(s -> root.put("slot", s.text()));
        root.set("benchmark", benchmark);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    static ForkPlan fromJson(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        Properties properties = new Properties();
        root.path("settings").fields().forEachRemaining(e -> properties.setProperty(e.getKey(), e.getValue().asText()));
        JsonNode slot = root.path("slot");
        JsonNode benchmark = root.path("benchmark");
        return new ForkPlan(GuestSettings.fromProperties(properties), slot.isTextual() ? Optional.of(RoundSlot.parse(slot.asText())) : Optional.empty(),
                benchmark.isObject() ? (ObjectNode) benchmark : JsonNodeFactory.instance.objectNode());
    }
}
