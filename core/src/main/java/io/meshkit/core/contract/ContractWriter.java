package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.meshkit.core.contract.OdcsFields.Place;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.type.DataType;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes contracts back as ODCS YAML. {@link #write(Contract)} writes every field that was read, as written and in
 * file order (comments aside), in the forms of the contract's own apiVersion: nothing is lost, nothing invented.
 * {@link #convert} turns a v3.0.x contract into v3.1.0 forms (see {@link Conversion}).
 */
public final class ContractWriter {
    /** The newest ODCS version, the one {@link #convert} writes. */
    public static final String API_VERSION = "v3.1.0";

    private static final YAMLFactory YAML = YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .stringQuotingChecker(new Yaml11Quoting())
            .build();

    private ContractWriter() {}

    /** The contract as read: every field, in file order, in the forms of its own apiVersion. */
    public static String write(Contract c) {
        requireNonNull(c, "c is null");
        if (c.document().isEmpty()) {
            throw new IllegalArgumentException("contract " + c.id() + " was not read from a file: it has no document to"
                    + " write");
        }
        return yaml(c.document());
    }

    /**
     * A contract document made by a program (e.g. drafted from a source table) as ODCS YAML, in the map's order, with
     * the quoting {@link #write(Contract)} uses: strings a YAML 1.1 reader would take for something else are quoted.
     */
    public static String write(Map<String, Object> document) {
        return yaml(requireNonNull(document, "document is null"));
    }

    /** The contract in the forms of {@code targetVersion}: its own apiVersion, or v3.1.0. */
    public static String write(Contract c, String targetVersion) {
        return convert(c, targetVersion).yaml();
    }

    /**
     * A contract converted to another ODCS version, and what the conversion changed that a reader should know.
     *
     * @param yaml the converted contract
     * @param notes one line for each change beyond renaming (a default made explicit, a field moved or dropped)
     */
    public record Conversion(String yaml, List<String> notes) {
        /** Copies. */
        public Conversion {
            requireNonNull(yaml, "yaml is null");
            notes = List.copyOf(notes);
        }
    }

    /**
     * Converts a contract to {@code targetVersion}. Converting to its own version changes nothing. Converting v3.0.x to
     * v3.1.0: {@code logicalType: date} over a timestamp or time physical type becomes {@code timestamp} or
     * {@code time}; boolean {@code exclusiveMinimum}/{@code exclusiveMaximum} options take the bound's value; a team
     * list becomes {@code team.members}; library rules name their {@code metric} ({@code nullCheck} →
     * {@code nullValues}, {@code duplicateCount} → {@code duplicateValues}, {@code validValues} →
     * {@code invalidValues}) with {@code validValues}/{@code missingValues} under {@code arguments}, and a library or
     * sql rule without a threshold gets its implied {@code mustBe: 0} ({@code mustBeGreaterThan: 0} for
     * {@code rowCount}); fields v3.1.0 does not allow where they were move under that node's
     * {@code customProperties}, or are dropped where it has none; a custom property without a name is dropped and
     * one without a value gets {@code value: null}; a team member with neither username nor name moves under
     * {@code team.customProperties} (each in the notes).
     *
     * @throws MeshkitException (exit 2) for a target meshkit cannot write, or a server that lacks a field v3.1.0
     *     requires of its type (v3.0.0's {@code staging_dir} of an athena server is renamed {@code stagingDir})
     */
    public static Conversion convert(Contract c, String targetVersion) {
        requireNonNull(c, "c is null");
        requireNonNull(targetVersion, "targetVersion is null");
        if (targetVersion.equals(c.apiVersion())) {
            return new Conversion(write(c), List.of());
        }
        if (!targetVersion.equals(API_VERSION) || !OdcsSchemas.VERSIONS.contains(c.apiVersion())) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot convert contract " + c.id() + " from "
                    + c.apiVersion() + " to " + targetVersion + ": meshkit converts v3.0.x contracts to " + API_VERSION);
        }
        List<String> notes = new ArrayList<>();
        Map<String, Object> doc = copy(c.document());
        new ToV31(c.id(), notes).convert(doc);
        return new Conversion(yaml(doc), notes);
    }

    // ---------------------------------------------------------------- v3.0 to v3.1

    private static final class ToV31 {
        private final String id;
        private final List<String> notes;

        ToV31(String id, List<String> notes) {
            this.id = id;
            this.notes = notes;
        }

        void convert(Map<String, Object> doc) {
            doc.put("apiVersion", API_VERSION);
            if (doc.get("team") instanceof List<?> members) {
                Map<String, Object> team = new LinkedHashMap<>();
                team.put("members", members);
                doc.put("team", team);
            }
            if (doc.get("team") instanceof Map<?, ?> team && team.get("members") instanceof List<?> members) {
                int i = 0;
                for (Object m : members) {
                    i++;
                    if (m instanceof Map<?, ?> member) {
                        Map<String, Object> mm = cast(member);
                        if (!mm.containsKey("username") && mm.get("name") instanceof String name) {
                            mm.put("username", name);
                            notes.add("team member " + i + " has no username, which v3.1.0 requires: its name '" + name
                                    + "' is used");
                        }
                        unknownToCustom(mm, Place.TEAM_MEMBER, "team member " + i);
                        customItems(mm.get("customProperties"));
                    }
                }
                // a member with neither username nor name cannot be a v3.1.0 member: kept beside the members
                List<Object> kept = new ArrayList<>();
                List<Object> anonymous = new ArrayList<>();
                i = 0;
                for (Object m : members) {
                    i++;
                    if (m instanceof Map<?, ?> member && !member.containsKey("username")) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("property", "teamMember");
                        entry.put("value", m);
                        anonymous.add(entry);
                        notes.add("team member " + i + " has neither username nor name, which v3.1.0 requires: moved"
                                + " under team.customProperties");
                    } else {
                        kept.add(m);
                    }
                }
                if (!anonymous.isEmpty()) {
                    Map<String, Object> t = cast(team);
                    t.put("members", kept);
                    List<Object> custom = t.get("customProperties") instanceof List<?> l ? new ArrayList<>(l)
                            : new ArrayList<>();
                    custom.addAll(anonymous);
                    t.put("customProperties", custom);
                }
            }
            each(doc.get("schema"), o -> {
                unknownToCustom(o, Place.SCHEMA_OBJECT, "schema object " + o.get("name"));
                authoritative(o);
                customItems(o.get("customProperties"));
                properties(o.get("properties"));
                quality(o.get("quality"), "schema object " + o.get("name"));
            });
            each(doc.get("slaProperties"), p -> dropUnknown(p, Place.SLA, "SLA property " + p.get("property")));
            each(doc.get("servers"), s -> {
                missingServerFields(s);
                serverToCustom(s);
                each(s.get("roles"), r -> {
                    unknownToCustom(r, Place.ROLE, "role " + r.get("role"));
                    customItems(r.get("customProperties"));
                });
                customItems(s.get("customProperties"));
            });
            each(doc.get("roles"), r -> {
                unknownToCustom(r, Place.ROLE, "role " + r.get("role"));
                customItems(r.get("customProperties"));
            });
            each(doc.get("support"), s -> {
                unknownToCustom(s, Place.SUPPORT, "support channel " + s.get("channel"));
                customItems(s.get("customProperties"));
            });
            if (doc.get("price") instanceof Map<?, ?> price) {
                dropUnknown(cast(price), Place.PRICE, "price");
            }
            authoritative(doc);
            if (doc.get("description") instanceof Map<?, ?> d) {
                authoritative(cast(d));
                customItems(d.get("customProperties"));
            }
            customItems(doc.get("customProperties"));
        }

        private void properties(Object list) {
            each(list, p -> {
                String label = "property " + p.get("name");
                if ("date".equals(p.get("logicalType")) && p.get("physicalType") instanceof String physical) {
                    Optional<DataType> t = DataType.parse(physical);
                    if (t.isPresent() && (t.get().kind() == DataType.Kind.TIMESTAMP
                            || t.get().kind() == DataType.Kind.TIMESTAMP_TZ)) {
                        p.put("logicalType", "timestamp");
                    } else if (t.isPresent() && t.get().kind() == DataType.Kind.TIME) {
                        p.put("logicalType", "time");
                    }
                }
                if (p.get("logicalTypeOptions") instanceof Map<?, ?> o) {
                    options(cast(o));
                }
                // v3.1.0 allows nested properties only under an object, items only under an array
                Object logical = p.get("logicalType");
                if (logical != null && !"object".equals(logical) && p.containsKey("properties")) {
                    moveToCustom(p, List.of("properties"), label, " belongs to a v3.1.0 property of logicalType object,"
                            + " not " + logical);
                }
                if (logical != null && !"array".equals(logical) && p.containsKey("items")) {
                    moveToCustom(p, List.of("items"), label, " belongs to a v3.1.0 property of logicalType array,"
                            + " not " + logical);
                }
                unknownToCustom(p, Place.PROPERTY, label);
                authoritative(p);
                customItems(p.get("customProperties"));
                quality(p.get("quality"), label);
                properties(p.get("properties"));
                if (p.get("items") instanceof Map<?, ?> items) {
                    properties(List.of(items));
                }
            });
        }

        /** v3.0's boolean exclusive bounds say whether maximum/minimum are exclusive; v3.1 gives the bound itself. */
        private static void options(Map<String, Object> o) {
            bound(o, "exclusiveMaximum", "maximum");
            bound(o, "exclusiveMinimum", "minimum");
        }

        private static void bound(Map<String, Object> o, String exclusive, String inclusive) {
            if (!(o.get(exclusive) instanceof Boolean b)) {
                return;
            }
            if (b && o.containsKey(inclusive)) {
                Map<String, Object> copy = new LinkedHashMap<>();
                o.forEach((k, v) -> {
                    if (k.equals(inclusive)) {
                        copy.put(exclusive, v);
                    } else if (!k.equals(exclusive)) {
                        copy.put(k, v);
                    }
                });
                o.clear();
                o.putAll(copy);
            } else {
                o.remove(exclusive);
            }
        }

        private void quality(Object list, String owner) {
            int[] n = {0};
            each(list, r -> {
                n[0]++;
                String label = "quality rule " + n[0] + " of " + owner;
                Object ruleName = r.get("rule");
                String type = r.get("type") instanceof String t ? t.toLowerCase(Locale.ROOT) : null;
                boolean library = "library".equals(type) || (type == null && (ruleName != null || r.containsKey("metric")));
                if (library && ruleName instanceof String name && !r.containsKey("metric")) {
                    Optional<QualityMetric> m = QualityMetric.fromOdcs(name);
                    if (m.isPresent()) {
                        rename(r, "rule", "metric", m.get().odcsName());
                    }
                }
                for (String v30 : List.of("validValues", "missingValues")) {
                    if (r.containsKey(v30)) {
                        Map<String, Object> args = r.get("arguments") instanceof Map<?, ?> a ? cast(a)
                                : new LinkedHashMap<>();
                        args.putIfAbsent(v30, r.remove(v30));
                        r.put("arguments", args);
                    }
                }
                rename(r, "mustBeGreaterThanOrEqualTo", "mustBeGreaterOrEqualTo", null);
                rename(r, "mustBeLessThanOrEqualTo", "mustBeLessOrEqualTo", null);
                String form = form31(r, type, library, label);
                List<String> ops = r.keySet().stream().filter(k -> k.startsWith("must")).toList();
                boolean checked = form.equals("library") || form.equals("sql");
                if (checked && ops.isEmpty()) {
                    boolean rows = r.get("metric") instanceof String m && QualityMetric.fromOdcs(m)
                            .filter(QualityMetric.ROW_COUNT::equals).isPresent();
                    r.put(rows ? "mustBeGreaterThan" : "mustBe", 0);
                    notes.add(label + ": v3.1.0 names a threshold: the implied " + (rows ? "mustBeGreaterThan" : "mustBe")
                            + ": 0 is written");
                } else if (checked && ops.size() > 1) {
                    for (String extra : ops.subList(1, ops.size())) {
                        r.remove(extra);
                        notes.add(label + ": only one threshold is allowed; " + extra + " is dropped (" + ops.get(0)
                                + " counts)");
                    }
                }
                // what the rule's v3.1.0 form does not allow (a threshold on a text rule, a rule name on an sql
                // rule) moves under its customProperties
                Set<String> allowed = OdcsSchemas.qualityFields(API_VERSION, form);
                moveToCustom(r, r.keySet().stream().filter(k -> !allowed.contains(k)).toList(), label,
                        " is not a field of a v3.1.0 " + form + " rule");
                authoritative(r);
                customItems(r.get("customProperties"));
            });
        }

        /**
         * The v3.1.0 form of a rule: its type, or the one its fields imply (written out: v3.1.0 reads a rule without
         * type and metric as text). A library rule without a v3.1.0 metric and a custom rule without engine and
         * implementation become text rules, their fields kept under customProperties.
         */
        private String form31(Map<String, Object> r, String type, boolean library, String label) {
            String form = type != null ? type : library ? "library" : r.containsKey("query") ? "sql"
                    : r.containsKey("engine") || r.containsKey("implementation") ? "custom" : "text";
            boolean complete = switch (form) {
                case "library" -> r.get("metric") instanceof String m && QualityMetric.fromOdcs(m).isPresent()
                        && m.equals(QualityMetric.fromOdcs(m).get().odcsName());
                case "sql" -> r.containsKey("query");
                case "custom" -> r.containsKey("engine") && r.containsKey("implementation");
                default -> true;
            };
            if (!complete) {
                notes.add(label + ": a " + form + " rule needs " + switch (form) {
                    case "library" -> "a metric v3.1.0 names (" + r.getOrDefault("rule", r.get("metric")) + " is none)";
                    case "sql" -> "a query";
                    default -> "an engine and an implementation";
                } + " in v3.1.0: it is written as a text rule");
                form = "text";
            }
            if (!form.equals(type) && !(form.equals("library") && type == null) && !form.equals("text")) {
                r.put("type", form);
                notes.add(label + ": type: " + form + " is written (v3.1.0 does not infer it)");
            } else if (form.equals("text") && type != null && !type.equals("text")) {
                r.put("type", "text");
            }
            return form;
        }

        private void moveToCustom(Map<String, Object> node, List<String> keys, String label, String why) {
            if (keys.isEmpty()) {
                return;
            }
            List<Object> custom = node.get("customProperties") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
            for (String k : keys) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("property", k);
                entry.put("value", node.remove(k));
                custom.add(entry);
                notes.add(label + ": '" + k + "'" + why + ": moved under customProperties");
            }
            node.put("customProperties", custom);
        }

        /** Fields v3.1.0 does not allow here move under the node's customProperties. */
        private void unknownToCustom(Map<String, Object> node, Place place, String label) {
            moveToCustom(node, node.keySet().stream().filter(k -> !known31(place, k)).toList(), label,
                    " is not a v3.1.0 field there");
        }

        /** v3.1.0 allows each server type its own fields (read from its schema: a bigquery server has no host). */
        private void serverToCustom(Map<String, Object> server) {
            Object type = server.get("type");
            Optional<Set<String>> allowed = type instanceof String t ? OdcsSchemas.serverFields(API_VERSION, t)
                    : Optional.empty();
            if (allowed.isEmpty()) {
                unknownToCustom(server, Place.SERVER, "server " + server.get("server"));
                return;
            }
            moveToCustom(server, server.keySet().stream().filter(k -> !allowed.get().contains(k)).toList(),
                    "server " + server.get("server"), " is not a field of a " + type + " server in v3.1.0");
            // v3.0.x typed a duckdb server's schema as a number, v3.1.0 as text: the same value, written as text
            server.replaceAll((k, v) -> v instanceof Number number && OdcsSchemas.serverFieldIsText(API_VERSION,
                    (String) type, k) ? number.toString() : v);
        }

        private void dropUnknown(Map<String, Object> node, Place place, String label) {
            for (String k : node.keySet().stream().filter(k -> !known31(place, k)).toList()) {
                node.remove(k);
                notes.add(label + ": '" + k + "' is not a v3.1.0 field there and the node has no customProperties:"
                        + " dropped");
            }
        }

        /** v3.1.0 requires a custom property's name and value, which v3.0 left optional. */
        private void customItems(Object list) {
            if (!(list instanceof List<?> l)) {
                return;
            }
            List<Object> items = cast(l);
            for (int i = items.size() - 1; i >= 0; i--) {
                if (items.get(i) instanceof Map<?, ?> m && !(m.get("property") instanceof String)) {
                    items.remove(i);
                    notes.add("custom property " + (i + 1) + " has no property name, which v3.1.0 requires: dropped");
                }
            }
            each(items, p -> {
                dropUnknown(p, Place.CUSTOM_PROPERTY, "custom property " + p.get("property"));
                if (!p.containsKey("value")) {
                    p.put("value", null);
                    notes.add("custom property " + p.get("property") + " has no value, which v3.1.0 requires: value:"
                            + " null is written");
                }
            });
        }

        /**
         * A field v3.1.0 requires of a server's type: renamed from its v3.0 snake_case spelling, or the conversion is
         * refused (meshkit does not invent a location).
         */
        private void missingServerFields(Map<String, Object> server) {
            if (!(server.get("type") instanceof String type)) {
                return;
            }
            for (String field : OdcsSchemas.serverRequired(API_VERSION, type)) {
                // v3.0.0 and v3.0.1 require an athena server's staging_dir while naming the field stagingDir
                String snake = field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
                if (!server.containsKey(field) && !snake.equals(field) && server.get(snake) instanceof String) {
                    rename(server, snake, field, null);
                    notes.add("server " + server.get("server") + ": " + snake + " is written " + field + ", as v3.1.0"
                            + " names it");
                }
            }
            List<String> missing = OdcsSchemas.serverRequired(API_VERSION, type).stream()
                    .filter(f -> !server.containsKey(f)).sorted().toList();
            if (!missing.isEmpty()) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot convert contract " + id + " to "
                        + API_VERSION + ": its " + type + " server " + server.get("server") + " has no "
                        + String.join(", ", missing) + ", which " + API_VERSION + " requires: add "
                        + (missing.size() == 1 ? "it" : "them") + " first");
            }
        }

        private void authoritative(Map<String, Object> node) {
            each(node.get("authoritativeDefinitions"), d -> dropUnknown(d, Place.AUTHORITATIVE_DEFINITION,
                    "authoritative definition " + d.get("url")));
        }

        private static boolean known31(Place place, String key) {
            if (place == Place.QUALITY && (key.equals("validValues") || key.equals("missingValues"))) {
                return false;
            }
            return OdcsFields.isKnown(place, key);
        }

        private static void rename(Map<String, Object> node, String from, String to, Object value) {
            if (!node.containsKey(from)) {
                return;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            node.forEach((k, v) -> copy.put(k.equals(from) ? to : k, k.equals(from) && value != null ? value : v));
            node.clear();
            node.putAll(copy);
        }

        private static void each(Object list, java.util.function.Consumer<Map<String, Object>> action) {
            if (list instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof Map<?, ?> m) {
                        action.accept(cast(m));
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> cast(List<?> l) {
        return (List<Object>) l;
    }

    /** A mutable deep copy. */
    private static Map<String, Object> copy(Map<String, Object> doc) {
        Map<String, Object> out = new LinkedHashMap<>();
        doc.forEach((k, v) -> out.put(k, copyValue(v)));
        return out;
    }

    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return copy(cast(m));
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(copyValue(x)));
            return out;
        }
        return v;
    }

    // ---------------------------------------------------------------- YAML

    private static String yaml(Map<String, Object> doc) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = YAML.createGenerator(out)) {
            value(g, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Integer n) {
            g.writeNumber(n);
        } else if (v instanceof BigInteger n) {
            g.writeNumber(n);
        } else if (v instanceof BigDecimal n) {
            // YAML 1.1 floats need a dot: 1.5E+5 keeps its form, 1E-7 is written 0.0000001, and an exponent too
            // large to write out (1E+999999999) gets a dot instead
            String s = n.toString();
            if (s.indexOf('E') >= 0 && s.indexOf('.') < 0) {
                s = Math.abs((long) n.scale()) <= 100 ? n.toPlainString() : s.replaceFirst("E", ".0E");
            }
            g.writeNumber(s);
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    /**
     * Quotes every string a YAML 1.1 reader (PyYAML, js-yaml, SnakeYAML) would read as something else: besides
     * numbers and {@code true}/{@code null}, dates and times ({@code 2022-10-01}), {@code yes}/{@code no}/{@code on}/
     * {@code off}, and sexagesimal numbers ({@code 1:30}).
     */
    private static final class Yaml11Quoting extends StringQuotingChecker {
        private static final long serialVersionUID = 1L;
        private static final Pattern AMBIGUOUS = Pattern.compile(
                "(?i)(y|n|yes|no|on|off|true|false|null|~|\\.inf|-\\.inf|\\+\\.inf|\\.nan)"
                        + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?"
                        + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
                        + "|[-+]?(0x[0-9a-fA-F_]+|0b[01_]+|0o?[0-7_]+)"
                        + "|[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*([eE][-+]?[0-9]+)?");
        private final StringQuotingChecker standard = StringQuotingChecker.Default.instance();

        @Override
        public boolean needToQuoteName(String name) {
            return standard.needToQuoteName(name) || AMBIGUOUS.matcher(name).matches();
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return standard.needToQuoteValue(value) || AMBIGUOUS.matcher(value).matches();
        }
    }
}
