package io.meshkit.monitor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.AlertKind;
import io.meshkit.monitor.api.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** An alert as a JSON object: what the outbox keeps, the webhook and JSON-lines sinks send, and {@code check --format json} prints. */
public final class AlertJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    /** The alert as a JSON object. */
    public static ObjectNode toJson(Alert a) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", a.id());
        o.put("kind", a.kind().label());
        o.put("dataset", a.dataset());
        o.put("team", a.team().orElse(null));
        o.put("firedAt", a.firedAt().toString());
        o.put("text", a.text());
        o.put("failing", a.failing());
        o.put("late", a.late());
        a.runId().ifPresent(v -> o.put("runId", v));
        a.error().ifPresent(v -> o.put("error", v));
        o.put("lastUpdate", a.lastUpdate().map(Instant::toString).orElse(null));
        a.freshness().ifPresent(v -> {
            o.put("freshness", Durations.format(v));
            o.put("freshnessSeconds", v.getSeconds());
        });
        a.lateBy().ifPresent(v -> {
            o.put("lateBy", Durations.format(v));
            o.put("lateBySeconds", v.getSeconds());
        });
        if (a.rows().isPresent()) {
            o.put("rows", a.rows().getAsLong());
        }
        if (a.medianRows().isPresent()) {
            o.put("medianRows", a.medianRows().getAsDouble());
        }
        return o;
    }

    static String write(Alert a) {
        return toJson(a).toString();
    }

    static Alert read(String json) {
        try {
            JsonNode o = MAPPER.readTree(json);
            return new Alert(o.get("id").asText(), AlertKind.valueOf(o.get("kind").asText().toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                    o.get("dataset").asText(), text(o, "team"), Instant.parse(o.get("firedAt").asText()), text(o, "runId"),
                    text(o, "error"), text(o, "lastUpdate").map(Instant::parse),
                    o.hasNonNull("freshnessSeconds") ? Optional.of(Duration.ofSeconds(o.get("freshnessSeconds").asLong())) : Optional.empty(),
                    o.hasNonNull("lateBySeconds") ? Optional.of(Duration.ofSeconds(o.get("lateBySeconds").asLong())) : Optional.empty(),
                    o.path("failing").asBoolean(), o.path("late").asBoolean(),
                    o.hasNonNull("rows") ? OptionalLong.of(o.get("rows").asLong()) : OptionalLong.empty(),
                    o.hasNonNull("medianRows") ? OptionalDouble.of(o.get("medianRows").asDouble()) : OptionalDouble.empty());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert in the outbox", e);
        }
    }

    private static Optional<String> text(JsonNode o, String field) {
        return o.hasNonNull(field) ? Optional.of(o.get(field).asText()) : Optional.empty();
    }
}
