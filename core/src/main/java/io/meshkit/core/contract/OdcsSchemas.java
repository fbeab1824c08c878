package io.meshkit.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import io.meshkit.core.contract.OdcsFields.Place;
import io.meshkit.core.contract.YamlTree.ListNode;
import io.meshkit.core.contract.YamlTree.MapNode;
import io.meshkit.core.contract.YamlTree.Node;
import io.meshkit.core.contract.YamlTree.ScalarNode;
import io.meshkit.core.identifier.Identifiers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The official ODCS JSON schemas (draft 2019-09, shipped as resources) and the check of a contract against the
 * schema of its {@code apiVersion}, with each schema error reported at its {@code file:line:column} in the words of
 * the field rather than of the schema.
 */
final class OdcsSchemas {
    /** The ODCS versions whose schema meshkit ships, oldest first. */
    static final List<String> VERSIONS = List.of("v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0");

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OdcsSchemas() {}

    /** The schema of a version (one of {@link #VERSIONS}), loaded once. */
    static Schema schema(String version) {
        return SCHEMAS.computeIfAbsent(version, OdcsSchemas::load);
    }

    private static Schema load(String version) {
        String resource = "odcs/odcs-json-schema-" + version + ".json";
        try (InputStream in = OdcsSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(in);
            schema.initializeValidators(); // validators are built lazily otherwise: parallel readers share them
            return schema;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final Map<String, Map<String, Set<String>>> SERVER_FIELDS = new ConcurrentHashMap<>();

    /**
     * The fields a server of {@code type} may have in {@code version}: the fields every server has and those
     * of its type, as the schema's {@code Server} definition says; empty for a type the schema does not know.
     */
    static Optional<Set<String>> serverFields(String version, String type) {
        Map<String, Set<String>> byType = SERVER_FIELDS.computeIfAbsent(version, v -> {
            JsonNode schema = schema(v).getSchemaNode();
            JsonNode server = schema.at("/$defs/Server");
            Set<String> common = new HashSet<>();
            server.path("properties").fieldNames().forEachRemaining(common::add);
            Map<String, Set<String>> out = new java.util.HashMap<>();
            for (JsonNode branch : server.path("allOf")) {
                String t = branch.at("/if/properties/type/const").asText(null);
                String ref = branch.at("/then/$ref").asText("");
                if (t == null || !ref.startsWith("#/")) {
                    continue;
                }
                Set<String> fields = new HashSet<>(common);
                schema.at(ref.substring(1)).path("properties").fieldNames().forEachRemaining(fields::add);
                out.put(t, Set.copyOf(fields));
            }
            return Map.copyOf(out);
        });
        return Optional.ofNullable(byType.get(type));
    }

    /** The fields a server of {@code type} must have in {@code version}, as its schema says; empty for an unknown type. */
    static Set<String> serverRequired(String version, String type) {
        JsonNode schema = schema(version).getSchemaNode();
        Set<String> required = new HashSet<>();
        for (JsonNode branch : schema.at("/$defs/Server").path("allOf")) {
            String ref = branch.at("/then/$ref").asText("");
            if (type.equals(branch.at("/if/properties/type/const").asText(null)) && ref.startsWith("#/")) {
                schema.at(ref.substring(1)).path("required").forEach(r -> required.add(r.asText()));
            }
        }
        return Set.copyOf(required);
    }

    /** Whether the schema of {@code version} types field {@code field} of a server of {@code type} as text. */
    static boolean serverFieldIsText(String version, String type, String field) {
        JsonNode schema = schema(version).getSchemaNode();
        for (JsonNode branch : schema.at("/$defs/Server").path("allOf")) {
            String ref = branch.at("/then/$ref").asText("");
            if (type.equals(branch.at("/if/properties/type/const").asText(null)) && ref.startsWith("#/")) {
                return "string".equals(schema.at(ref.substring(1)).path("properties").path(field).path("type").asText());
            }
        }
        return false;
    }

    /**
     * The fields a quality rule of a type ({@code text}, {@code library}, {@code sql}, {@code custom}) may have in
     * {@code version}: those of every rule, those of its type, and the thresholds where its type takes one.
     */
    static Set<String> qualityFields(String version, String type) {
        JsonNode schema = schema(version).getSchemaNode();
        JsonNode quality = schema.at("/$defs/DataQuality");
        Set<String> fields = new HashSet<>();
        quality.path("properties").fieldNames().forEachRemaining(fields::add);
        for (JsonNode branch : quality.path("allOf")) {
            String ref = branch.at("/then/$ref").asText("");
            JsonNode condition = branch.path("if");
            boolean mine = type.equals(condition.at("/properties/type/const").asText(null));
            for (JsonNode alternative : condition.path("anyOf")) {
                mine |= type.equals(alternative.at("/properties/type/const").asText(null));
            }
            if (mine && ref.startsWith("#/")) {
                collectFields(schema, schema.at(ref.substring(1)), fields);
            }
        }
        return Set.copyOf(fields);
    }

    private static void collectFields(JsonNode root, JsonNode node, Set<String> fields) {
        node.path("properties").fieldNames().forEachRemaining(fields::add);
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode sub : node.path(combinator)) {
                String ref = sub.path("$ref").asText("");
                collectFields(root, ref.startsWith("#/") ? root.at(ref.substring(1)) : sub, fields);
            }
        }
    }

    /** The document as a Jackson tree, for the validator (and for JSON output). */
    static JsonNode toJson(Node node) {
        if (node instanceof MapNode m) {
            ObjectNode o = JSON.objectNode();
            m.entries().forEach((k, v) -> o.set(k, toJson(v)));
            return o;
        }
        if (node instanceof ListNode l) {
            ArrayNode a = JSON.arrayNode();
            l.items().forEach(v -> a.add(toJson(v)));
            return a;
        }
        Object v = ((ScalarNode) node).value();
        if (v == null) {
            return JSON.nullNode();
        }
        if (v instanceof String s) {
            return JSON.textNode(s);
        }
        if (v instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        if (v instanceof Long l) {
            return JSON.numberNode(l);
        }
        if (v instanceof BigInteger b) {
            return JSON.numberNode(b);
        }
        if (v instanceof BigDecimal b) {
            return JSON.numberNode(b);
        }
        return JSON.textNode(String.valueOf(v));
    }

    /**
     * Checks the document against the schema of {@code version} and reports each error. Returns the locations of
     * the errors, so that the binder does not report the same place twice.
     */
    static Set<SourceLocation> validate(String version, Node root, SourceMap locations, String displayPath,
            Problems problems, Set<SourceLocation> taken) {
        List<Error> errors = schema(version).validate(toJson(root));
        if (errors.isEmpty()) {
            return Set.of();
        }
        return new Wording(version, root, locations, displayPath).report(errors, problems, taken);
    }

    /** Turns the validator's errors into problems a person can act on. */
    private static final class Wording {
        private final String version;
        private final Node root;
        private final SourceMap locations;
        private final String displayPath;

        Wording(String version, Node root, SourceMap locations, String displayPath) {
            this.version = version;
            this.root = root;
            this.locations = locations;
            this.displayPath = displayPath;
        }

        private record E(Error error, String pointer, String keyword, String evaluation) {}

        Set<SourceLocation> report(List<Error> raw, Problems problems, Set<SourceLocation> taken) {
            List<E> errors = new ArrayList<>();
            for (Error e : raw) {
                errors.add(new E(e, pointer(e.getInstanceLocation()), e.getKeyword() == null ? "" : e.getKeyword(),
                        e.getEvaluationPath() == null ? "" : e.getEvaluationPath().toString()));
            }
            // the alternatives of a oneOf/anyOf are summed up by the oneOf/anyOf itself
            Set<String> alternatives = errors.stream().filter(e -> e.keyword().equals("oneOf") || e.keyword().equals("anyOf"))
                    .map(E::evaluation).collect(Collectors.toSet());
            List<E> kept = new ArrayList<>();
            for (E e : errors) {
                boolean inAlternative = alternatives.stream().anyMatch(a -> !a.equals(e.evaluation())
                        && e.evaluation().startsWith(a + "/"));
                if (!inAlternative) {
                    kept.add(e);
                }
            }
            // a failing subschema leaves the keys it would have evaluated "unevaluated": known keys of a node with
            // other errors at or below it are noise; unknown keys are always real
            Set<String> failingAt = new HashSet<>();
            Set<String> all = new HashSet<>();
            for (E e : kept) {
                all.add(e.pointer());
                if (!isUnevaluated(e)) {
                    failingAt.add(e.pointer());
                }
            }
            // unevaluated keys reported by an outer schema only because an inner one failed are noise too: at each
            // node, the innermost unevaluatedProperties says what is really not allowed
            Map<String, Integer> innermost = new java.util.HashMap<>();
            for (E e : kept) {
                if (isUnevaluated(e)) {
                    innermost.merge(e.pointer(), e.evaluation().length(), Math::max);
                }
            }
            kept.removeIf(e -> isUnevaluated(e) && e.evaluation().length() < innermost.get(e.pointer()));
            Set<String> seen = new LinkedHashSet<>();
            Set<SourceLocation> at = new HashSet<>();
            for (E e : kept) {
                if ((e.keyword().equals("enum") || e.keyword().equals("const")) && !(node(e.pointer()) instanceof ScalarNode)) {
                    continue; // a mapping or list where a value belongs: the type error says so
                }
                if (isUnevaluated(e)) {
                    String key = e.error().getProperty();
                    Place place = OdcsFields.placeOf(e.pointer());
                    boolean known = key != null && OdcsFields.isKnown(place, key);
                    if (known && (failingAt.contains(e.pointer())
                            || all.stream().anyMatch(p -> p.startsWith(e.pointer() + "/")))) {
                        continue;
                    }
                }
                SourceLocation where = location(e);
                String message = message(e, errors);
                if (!taken.contains(where) && seen.add(where + message)) {
                    problems.error(where, message);
                    at.add(where);
                }
            }
            return at;
        }

        private static boolean isUnevaluated(E e) {
            return e.keyword().equals("unevaluatedProperties") || e.keyword().equals("additionalProperties");
        }

        private SourceLocation location(E e) {
            if (isUnevaluated(e) && e.error().getProperty() != null) {
                String child = e.pointer() + "/" + SourceMap.escape(e.error().getProperty());
                var key = locations.keyLocationOf(child);
                if (key.isPresent()) {
                    return key.get();
                }
            }
            String p = e.pointer();
            while (true) {
                var l = locations.locationOf(p);
                if (l.isPresent()) {
                    return l.get();
                }
                if (p.isEmpty()) {
                    return new SourceLocation(displayPath, 1, 1);
                }
                p = p.substring(0, p.lastIndexOf('/'));
            }
        }

        private static String pointer(NodePath path) {
            if (path == null) {
                return "";
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < path.getNameCount(); i++) {
                Object element = path.getElement(i);
                b.append('/').append(element instanceof Integer n ? n.toString() : SourceMap.escape(String.valueOf(element)));
            }
            return b.toString();
        }

        // ------------------------------------------------------------ words

        private String message(E e, List<E> all) {
            String pointer = e.pointer();
            String field = fieldName(pointer);
            String where = OdcsFields.describe(root, parentOf(pointer));
            Error err = e.error();
            return switch (e.keyword()) {
                case "unevaluatedProperties", "additionalProperties" -> unknownKey(pointer, err.getProperty());
                case "required" -> missing(pointer, err.getProperty());
                case "type" -> field + " of " + where + " must be " + expectedType(err) + ", not "
                        + describeValue(node(pointer)) + typeHint(pointer);
                case "enum", "const" -> notOneOf(pointer, field, where, err);
                case "oneOf", "anyOf" -> alternatives(e, all, field, where);
                case "minItems", "maxItems", "uniqueItems" -> isThreshold(field)
                        ? field + " of " + where + " must be a list of two different numbers [lower, upper]"
                        : field + " of " + where + ": " + err.getMessage();
                default -> (pointer.isEmpty() ? "the contract" : field + " of " + where) + ": " + err.getMessage();
            };
        }

        private static boolean isThreshold(String field) {
            return field.equals("mustBeBetween") || field.equals("mustNotBeBetween");
        }

        private String unknownKey(String pointer, String key) {
            Place place = OdcsFields.placeOf(pointer);
            String where = OdcsFields.describe(root, pointer);
            if (key != null && OdcsFields.isKnown(place, key)) {
                return "field '" + key + "' is not allowed in " + where + " by ODCS " + version + knownKeyHint(pointer, key);
            }
            return "unknown field " + Identifiers.describe(String.valueOf(key)) + " in " + where
                    + OdcsFields.hint(place, String.valueOf(key));
        }

        private String knownKeyHint(String pointer, String key) {
            Node n = node(pointer);
            String logical = n instanceof MapNode m && m.get("logicalType") instanceof ScalarNode s ? s.text() : null;
            return switch (key) {
                case "properties" -> ": nested properties belong to a property with logicalType: object"
                        + (logical == null ? "" : " (this one is " + logical + ")");
                case "items" -> ": items belong to a property with logicalType: array"
                        + (logical == null ? "" : " (this one is " + logical + ")");
                case "metric", "rule", "arguments" -> ": it belongs to a library quality rule (type: library)";
                case "query" -> ": it belongs to an sql quality rule (type: sql)";
                case "engine", "implementation" -> ": it belongs to a custom quality rule (type: custom)";
                case "mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo", "mustBeLessThan",
                        "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween" ->
                        ": thresholds belong to library and sql quality rules";
                default -> OdcsFields.placeOf(pointer) == Place.SERVER && n instanceof MapNode m
                        && m.get("type") instanceof ScalarNode t
                        ? " for a server of type " + t.text() : "";
            };
        }

        private String missing(String pointer, String key) {
            String where = OdcsFields.describe(root, pointer);
            Place place = OdcsFields.placeOf(pointer);
            String k = String.valueOf(key);
            String hint = switch (k) {
                case "rule" -> place == Place.QUALITY
                        ? ": a library quality rule names its check with 'rule' in ODCS " + version
                                + " (e.g. rule: nullCheck), or set type: text, sql or custom"
                                + (version.equals("v3.1.0") ? "" : " (or declare apiVersion: v3.1.0, which names it with metric)") : "";
                case "metric" -> place == Place.QUALITY
                        ? ": a library quality rule names one of nullValues, missingValues, invalidValues,"
                                + " duplicateValues or rowCount (or set type: text, sql or custom)" : "";
                case "query" -> ": an sql quality rule needs its SQL";
                case "engine", "implementation" -> ": a custom quality rule names its engine and its implementation";
                case "username" -> ": ODCS " + version + " identifies a team member by username";
                default -> "";
            };
            return "missing required field '" + k + "' in " + where + hint;
        }

        private String notOneOf(String pointer, String field, String where, Error err) {
            Node n = node(pointer);
            String value = n instanceof ScalarNode s ? s.text() : describeValue(n);
            List<String> allowed = allowedValues(err);
            String hint = "";
            if (field.equals("logicalType") && (value.equals("timestamp") || value.equals("time"))
                    && !version.equals("v3.1.0")) {
                hint = ": ODCS " + version + " writes a point in time as logicalType: date with a physicalType such "
                        + "as timestamp (or declare apiVersion: v3.1.0, which has timestamp and time)";
            } else if (!allowed.isEmpty()) {
                String best = null;
                int bestDistance = Integer.MAX_VALUE;
                for (String a : allowed) {
                    int d = Identifiers.distance(value.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = a;
                    }
                }
                if (best != null && bestDistance <= Math.max(1, value.length() / 3)) {
                    hint = " (did you mean '" + best + "'?)";
                }
            }
            String list = allowed.isEmpty() ? "" : " (" + String.join(", ", allowed) + ")";
            return field + " " + Identifiers.describe(value) + " of " + where + " is not one ODCS " + version
                    + " allows" + list + hint;
        }

        private static List<String> allowedValues(Error err) {
            JsonNode schemaNode = err.getSchemaNode();
            List<String> out = new ArrayList<>();
            if (schemaNode != null && schemaNode.isArray()) {
                schemaNode.forEach(v -> out.add(v.asText()));
            } else if (schemaNode != null && schemaNode.isValueNode()) {
                out.add(schemaNode.asText());
            }
            return out;
        }

        private String alternatives(E e, List<E> all, String field, String where) {
            List<E> subs = all.stream().filter(s -> s.evaluation().startsWith(e.evaluation() + "/")).toList();
            Set<String> requiredThresholds = subs.stream().filter(s -> s.keyword().equals("required"))
                    .map(s -> s.error().getProperty()).filter(p -> p != null && p.startsWith("must"))
                    .collect(Collectors.toSet());
            Node n = node(e.pointer());
            if (!requiredThresholds.isEmpty() && n instanceof MapNode m) {
                List<String> present = m.entries().keySet().stream().filter(k -> k.startsWith("must")).toList();
                if (present.size() > 1) {
                    return OdcsFields.describe(root, e.pointer()) + " has more than one threshold ("
                            + String.join(", ", present) + "): keep one";
                }
                return OdcsFields.describe(root, e.pointer()) + " needs a threshold: one of mustBe, mustNotBe,"
                        + " mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo,"
                        + " mustBeBetween, mustNotBeBetween" + (present.isEmpty() ? "" : " (" + present.get(0)
                                + " must be a number, or a list of two for a range)");
            }
            Set<String> types = new LinkedHashSet<>();
            boolean allTypes = !subs.isEmpty();
            for (E s : subs) {
                if (s.keyword().equals("type") && s.pointer().equals(e.pointer())) {
                    types.add(expectedType(s.error()));
                } else {
                    allTypes = false;
                }
            }
            String subject = e.pointer().isEmpty() ? "the contract" : field + " of " + where;
            if (allTypes && !types.isEmpty()) {
                return subject + " must be " + String.join(" or ", types) + ", not " + describeValue(n)
                        + typeHint(e.pointer());
            }
            // the alternative with the fewest errors says best what is wrong
            Map<String, List<E>> byAlternative = new java.util.TreeMap<>();
            for (E s : subs) {
                String rest = s.evaluation().substring(e.evaluation().length() + 1);
                String alt = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
                byAlternative.computeIfAbsent(alt, k -> new ArrayList<>()).add(s);
            }
            List<E> best = byAlternative.values().stream().min(java.util.Comparator.comparingInt(List::size)).orElse(List.of());
            if (!best.isEmpty()) {
                return message(best.get(0), all);
            }
            return subject + " matches none of the forms ODCS " + version + " allows";
        }

        private String typeHint(String pointer) {
            String field = fieldName(pointer);
            return switch (field) {
                case "description" -> OdcsFields.placeOf(parentOf(pointer)) == Place.ROOT
                        ? ": write description: with purpose, usage and limitations under it" : "";
                case "team" -> version.equals("v3.1.0") ? "" : ": ODCS " + version + " writes team as a list of members"
                        + " (or declare apiVersion: v3.1.0, which writes it as a mapping with name and members)";
                case "exclusiveMinimum", "exclusiveMaximum" -> version.equals("v3.1.0") ? "" : ": ODCS " + version + " writes "
                        + field + ": true beside " + (field.equals("exclusiveMinimum") ? "minimum" : "maximum")
                        + " (or declare apiVersion: v3.1.0, where " + field + " is the bound itself)";
                case "customProperties" -> ": write a list of {property, value}";
                case "tags" -> ": write a list, e.g. tags: [finance]";
                default -> "";
            };
        }

        private static String expectedType(Error err) {
            JsonNode schemaNode = err.getSchemaNode();
            List<String> types = new ArrayList<>();
            if (schemaNode != null && schemaNode.isArray()) {
                schemaNode.forEach(t -> types.add(t.asText()));
            } else if (schemaNode != null) {
                types.add(schemaNode.asText());
            }
            return types.stream().map(Wording::typeWords).collect(Collectors.joining(" or "));
        }

        private static String typeWords(String jsonType) {
            return switch (jsonType) {
                case "object" -> "a mapping";
                case "array" -> "a list";
                case "string" -> "text";
                case "integer" -> "a whole number";
                case "number" -> "a number";
                case "boolean" -> "true or false";
                case "null" -> "empty";
                default -> jsonType;
            };
        }

        private static String describeValue(Node n) {
            if (n == null) {
                return "missing";
            }
            if (n instanceof MapNode) {
                return "a mapping";
            }
            if (n instanceof ListNode) {
                return "a list";
            }
            Object v = ((ScalarNode) n).value();
            if (v == null) {
                return "empty";
            }
            if (v instanceof Boolean) {
                return v.toString();
            }
            if (v instanceof Number) {
                return "the number " + ((ScalarNode) n).text();
            }
            String s = ((ScalarNode) n).text();
            return "text " + Identifiers.describe(s.length() > 40 ? s.substring(0, 37) + "..." : s);
        }

        private Node node(String pointer) {
            Node n = root;
            for (String s : OdcsFields.segments(pointer)) {
                if (n instanceof MapNode m) {
                    n = m.get(s);
                } else if (n instanceof ListNode l) {
                    try {
                        int i = Integer.parseInt(s);
                        n = i < l.items().size() ? l.items().get(i) : null;
                    } catch (NumberFormatException e) {
                        return null;
                    }
                } else {
                    return null;
                }
                if (n == null) {
                    return null;
                }
            }
            return n;
        }

        private static String parentOf(String pointer) {
            int i = pointer.lastIndexOf('/');
            return i <= 0 ? "" : pointer.substring(0, i);
        }

        private static String fieldName(String pointer) {
            List<String> segs = OdcsFields.segments(pointer);
            if (segs.isEmpty()) {
                return "the contract";
            }
            String last = segs.get(segs.size() - 1);
            if (!last.isEmpty() && last.chars().allMatch(Character::isDigit) && segs.size() > 1) {
                return "item " + (Integer.parseInt(last) + 1) + " of " + segs.get(segs.size() - 2);
            }
            return last;
        }
    }
}
