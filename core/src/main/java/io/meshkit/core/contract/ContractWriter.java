package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link Contract} as ODCS v3.1.0 YAML, keys in the order of the ODCS documentation. Reading the output
 * gives back an equal contract, except that {@code apiVersion} is always {@code v3.1.0}. Defaults are left out
 * (e.g. {@code meshkit.history: type2}, {@code required: false}); SLA durations are written in the largest of
 * days, hours, minutes or seconds that divides them.
 */
public final class ContractWriter {
    /** The ODCS version this writer produces. */
    public static final String API_VERSION = "v3.1.0";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build());

    private ContractWriter() {}

    /** The contract as ODCS v3.1.0 YAML. */
    public static String write(Contract c) {
        requireNonNull(c, "c is null");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", API_VERSION);
        root.put("kind", c.kind());
        root.put("id", c.id());
        put(root, "name", c.name());
        root.put("version", c.version());
        root.put("status", c.status());
        put(root, "domain", c.domain());
        put(root, "dataProduct", c.dataProduct());
        if (c.description() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            put(d, "purpose", c.description().purpose());
            put(d, "limitations", c.description().limitations());
            put(d, "usage", c.description().usage());
            root.put("description", d);
        }
        root.put("schema", c.datasets().stream().map(ContractWriter::dataset).toList());
        if (c.team() != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            put(t, "name", c.team().name());
            t.put("members", c.team().members().stream().map(m -> {
                Map<String, Object> mm = new LinkedHashMap<>();
                put(mm, "username", m.username());
                put(mm, "name", m.name());
                put(mm, "role", m.role());
                return mm;
            }).toList());
            root.put("team", t);
        }
        List<Object> sla = sla(c.sla());
        if (!sla.isEmpty()) {
            root.put("slaProperties", sla);
        }
        if (!c.servers().isEmpty()) {
            root.put("servers", c.servers().stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("server", s.server());
                m.put("type", s.type());
                s.properties().forEach(m::putIfAbsent);
                return m;
            }).toList());
        }
        putCustom(root, new LinkedHashMap<>(), c.customProperties());
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot write contract " + c.id() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> dataset(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        put(m, "physicalName", d.physicalName());
        m.put("logicalType", "object");
        put(m, "description", d.description());
        m.put("properties", d.columns().stream().map(ContractWriter::column).toList());
        if (!d.quality().isEmpty()) {
            m.put("quality", d.quality().stream().map(ContractWriter::rule).toList());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        if (d.kind() != null) {
            settings.put(ContractBinder.KIND, d.kind().odcsName());
        }
        if (d.timeResolution() != TimeResolution.DAY) {
            settings.put(ContractBinder.TIME_RESOLUTION, d.timeResolution().odcsName());
        }
        d.samplingKey().ifPresent(k -> settings.put(ContractBinder.SAMPLING_KEY, k.name()));
        if (d.deletes() != DeletesMode.CLOSE) {
            settings.put(ContractBinder.DELETES, d.deletes().odcsName());
        }
        putCustom(m, settings, d.customProperties());
        return m;
    }

    private static Map<String, Object> column(Column c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        put(m, "physicalName", c.physicalName());
        m.put("logicalType", c.logicalType().odcsName());
        m.put("physicalType", c.physicalType().toString());
        put(m, "description", c.description());
        putTrue(m, "required", c.required());
        putTrue(m, "unique", c.unique());
        putTrue(m, "primaryKey", c.primaryKey());
        if (c.primaryKeyPosition() != -1) {
            m.put("primaryKeyPosition", c.primaryKeyPosition());
        }
        putTrue(m, "partitioned", c.partitioned());
        put(m, "classification", c.classification());
        if (!c.quality().isEmpty()) {
            m.put("quality", c.quality().stream().map(ContractWriter::rule).toList());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        if (c.history() != HistoryMode.TYPE2) {
            settings.put(ContractBinder.HISTORY, c.history().odcsName());
        }
        putCustom(m, settings, c.customProperties());
        return m;
    }

    private static Map<String, Object> rule(QualityRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", r.name());
        put(m, "description", r.description());
        m.put("type", r.type().odcsName());
        if (r.metric() != null) {
            m.put("metric", r.metric().odcsName());
        }
        if (!r.arguments().isEmpty()) {
            m.put("arguments", r.arguments());
        }
        put(m, "query", r.query());
        Threshold t = r.threshold();
        boolean defaultForText = r.type() == QualityRuleType.TEXT && t.equals(Threshold.ZERO);
        if (!defaultForText) {
            m.put(t.operator().odcsName(), t.operator().isRange() ? List.of(t.value(), t.upper()) : t.value());
        }
        if (!r.unit().equals("rows")) {
            m.put("unit", r.unit());
        }
        if (!r.severity().equals("error")) {
            m.put("severity", r.severity());
        }
        return m;
    }

    private static List<Object> sla(Sla sla) {
        List<Object> list = new ArrayList<>();
        duration(list, "freshness", sla.freshness(), sla.elements().get("freshness"));
        duration(list, "latency", sla.latency(), sla.elements().get("latency"));
        duration(list, "frequency", sla.frequency(), sla.elements().get("frequency"));
        duration(list, "retention", sla.retention(), sla.elements().get("retention"));
        for (SlaProperty p : sla.properties()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("property", p.property());
            m.put("value", p.value());
            put(m, "unit", p.unit());
            put(m, "element", p.element());
            list.add(m);
        }
        return list;
    }

    private static void duration(List<Object> list, String property, Optional<Duration> duration, String element) {
        duration.ifPresent(d -> {
            long seconds = d.getSeconds();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("property", property);
            if (seconds % 86_400 == 0) {
                m.put("value", seconds / 86_400);
                m.put("unit", "d");
            } else if (seconds % 3_600 == 0) {
                m.put("value", seconds / 3_600);
                m.put("unit", "h");
            } else if (seconds % 60 == 0) {
                m.put("value", seconds / 60);
                m.put("unit", "m");
            } else {
                m.put("value", seconds);
                m.put("unit", "s");
            }
            put(m, "element", element);
            list.add(m);
        });
    }

    private static void putCustom(Map<String, Object> target, Map<String, Object> settings, Map<String, Object> custom) {
        List<Object> list = new ArrayList<>();
        settings.forEach((k, v) -> list.add(property(k, v)));
        custom.forEach((k, v) -> list.add(property(k, v)));
        if (!list.isEmpty()) {
            target.put("customProperties", list);
        }
    }

    private static Map<String, Object> property(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("property", key);
        m.put("value", value);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static void putTrue(Map<String, Object> m, String key, boolean value) {
        if (value) {
            m.put(key, true);
        }
    }
}
