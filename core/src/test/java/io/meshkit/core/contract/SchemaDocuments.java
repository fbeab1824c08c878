package io.meshkit.core.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Random documents from a JSON schema (the subset of draft 2019-09 the ODCS schemas use: {@code $ref}/{@code $defs},
 * {@code type}, {@code properties}, {@code required}, {@code enum}, {@code const}, {@code items}, {@code allOf}/
 * {@code anyOf}/{@code oneOf}, {@code if}/{@code then}/{@code else}, {@code not: {required}}, closed objects,
 * {@code pattern}, {@code format}, item and number bounds), and random edits of existing documents that stay inside
 * the schema's shapes. Neither promises a valid document: callers keep what the real validator accepts.
 */
final class SchemaDocuments {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Text that YAML writers and readers get wrong: keywords, numbers, dates, indicators, quotes, unicode. */
    private static final List<String> TEXT = List.of("tracks", "track_id", "Track id", "plays", "a", "", " ",
            " leading space", "trailing space ", "yes", "no", "on", "off", "null", "~", "true", "False", "2022-10-01",
            "2022-10-01 12:00:00", "1.5", "10", "0x1F", "1e5", "1:30", ".inf", "a: b", "a #b", "# comment", "- dash",
            "? key", "line one\nline two\n", "line one\nline two", "  indented\n", "ünïcödé", "音乐", "🎵 emoji",
            "\"double\"", "'single'", "it's", "tab\there", "@at", "*star", "&amp", "!bang", "%pct", "{brace}",
            "[bracket]", "|pipe", ">gt", "a,b", "back\\slash", "semi;colon", "x".repeat(70),
            "SELECT 1", "${table}.${column}");
    /** Candidates for pattern-constrained strings: the first few that match a pattern are used. */
    private static final List<String> PATTERN_CANDIDATES = List.of("tracks", "track_id", "t1", "id-1", "A_b-9",
            "tracks.track_id", "schema.id", "schema/tracks", "schema/tracks/properties/track_id", "/schema/t1",
            "other.yaml#/schema/tracks/properties/id", "https://example.com/c.yaml#/schema/a/properties/b", "x");
    private static final List<String> ANY_TYPES = List.of("string", "number", "integer", "boolean", "null", "array",
            "object");

    private final JsonNode root;
    private final Random random;
    private final Map<String, List<String>> hints;
    /** The key whose value is being generated: strings under it may come from {@link #hints}. */
    private String key;

    /**
     * @param hints strings worth trying under a key besides the schema's own examples (physical types, SLA values),
     *     used for half the strings generated under that key
     */
    SchemaDocuments(JsonNode root, Random random, Map<String, List<String>> hints) {
        this.root = root;
        this.random = random;
        this.hints = hints;
    }

    /** A random document of the root schema. */
    JsonNode generate() {
        return generate(List.of(root), 0);
    }

    // ---------------------------------------------------------------- schemas as conjunctions

    /** The schemas a value must satisfy at once, with $ref and allOf expanded and one branch of each oneOf/anyOf. */
    private static final class Conjunction {
        final List<JsonNode> parts = new ArrayList<>();
        final List<JsonNode> conditionals = new ArrayList<>();
        final Set<JsonNode> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            throw new IllegalArgumentException("only local $refs: " + ref);
        }
        return root.at(ref.substring(1));
    }

    /**
     * Expands a schema into a conjunction. {@code instance} (null while generating) chooses the oneOf/anyOf branch it
     * fits, or with {@code otherBranch} one it does not fit where there is one.
     */
    private void expand(JsonNode schema, Conjunction c, JsonNode instance, boolean otherBranch) {
        if (schema == null || schema.isMissingNode() || !schema.isObject() || !c.seen.add(schema)) {
            return;
        }
        c.parts.add(schema);
        if (schema.has("$ref")) {
            expand(resolve(schema.get("$ref").asText()), c, instance, otherBranch);
        }
        for (JsonNode s : schema.path("allOf")) {
            expand(s, c, instance, otherBranch);
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            JsonNode branches = schema.path(choice);
            if (branches.isArray() && branches.size() > 0) {
                expand(branch(branches, instance, otherBranch), c, instance, otherBranch);
            }
        }
        if (schema.has("if")) {
            c.conditionals.add(schema);
        }
    }

    private JsonNode branch(JsonNode branches, JsonNode instance, boolean otherBranch) {
        List<JsonNode> fitting = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        for (JsonNode b : branches) {
            (instance != null && holds(b, instance) ? fitting : others).add(b);
        }
        if (instance == null) {
            return pick(others);
        }
        if (otherBranch && !others.isEmpty()) {
            return pick(others);
        }
        return fitting.isEmpty() ? pick(others) : pick(fitting);
    }

    /** Adds the then/else of each conditional whose if holds (or not) for the instance; repeats until stable. */
    private void applyConditionals(Conjunction c, JsonNode instance, Set<JsonNode> applied) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (JsonNode cond : List.copyOf(c.conditionals)) {
                if (applied.contains(cond)) {
                    continue;
                }
                applied.add(cond);
                JsonNode next = holds(cond.get("if"), instance) ? cond.get("then") : cond.get("else");
                if (next != null) {
                    expand(next, c, instance, false);
                }
                changed = true;
            }
        }
    }

    private Conjunction conjunction(List<JsonNode> schemas, JsonNode instance, boolean otherBranch) {
        Conjunction c = new Conjunction();
        for (JsonNode s : schemas) {
            expand(s, c, instance, otherBranch);
        }
        return c;
    }

    // ---------------------------------------------------------------- generating

    private JsonNode generate(List<JsonNode> schemas, int depth) {
        return generate(conjunction(schemas, null, false), depth);
    }

    private JsonNode generate(Conjunction c, int depth) {
        for (JsonNode p : c.parts) {
            if (p.has("const")) {
                return p.get("const");
            }
        }
        for (JsonNode p : c.parts) {
            if (p.has("enum")) {
                return pick(list(p.get("enum")));
            }
        }
        String type = type(c);
        return switch (type) {
            case "object" -> object(c, depth);
            case "array" -> array(c, depth);
            case "string" -> string(c);
            case "integer" -> JSON.numberNode(integer(c));
            case "number" -> number(c);
            case "boolean" -> JSON.booleanNode(random.nextBoolean());
            default -> JSON.nullNode();
        };
    }

    private String type(Conjunction c) {
        Set<String> allowed = null;
        boolean objectLike = false;
        boolean arrayLike = false;
        for (JsonNode p : c.parts) {
            JsonNode t = p.get("type");
            if (t != null) {
                Set<String> these = new LinkedHashSet<>();
                if (t.isArray()) {
                    t.forEach(x -> these.add(x.asText()));
                } else {
                    these.add(t.asText());
                }
                if (these.contains("number")) {
                    these.add("integer");
                }
                if (allowed == null) {
                    allowed = these;
                } else {
                    allowed.retainAll(these);
                }
            }
            objectLike |= p.has("properties") || p.has("required");
            arrayLike |= p.has("items");
        }
        if (allowed != null && !allowed.isEmpty()) {
            return pick(new ArrayList<>(allowed));
        }
        if (objectLike) {
            return "object";
        }
        if (arrayLike) {
            return "array";
        }
        return pick(ANY_TYPES);
    }

    private JsonNode object(Conjunction c, int depth) {
        ObjectNode out = JSON.objectNode();
        Set<JsonNode> applied = new HashSet<>();
        Set<String> decided = new HashSet<>();
        // keys the conditionals look at first, so that their then/else is known before the rest is written
        Set<String> discriminators = new LinkedHashSet<>();
        for (JsonNode cond : c.conditionals) {
            collectKeys(cond.get("if"), discriminators);
        }
        boolean freeForm = c.parts.stream().noneMatch(p -> p.has("properties") || p.has("required")
                || p.has("additionalProperties") || p.has("unevaluatedProperties"));
        if (freeForm) {
            int n = depth > 4 ? 0 : random.nextInt(3);
            for (int i = 0; i < n; i++) {
                out.set(pick(List.of("a", "b", "key", "with space", "x.y", "yes")), generate(List.of(JSON.objectNode()), depth + 1));
            }
            return out;
        }
        for (int round = 0; round < 4; round++) {
            Map<String, List<JsonNode>> properties = properties(c);
            Set<String> required = required(c);
            Set<String> allowed = allowedKeys(c, properties.keySet());
            List<String> order = new ArrayList<>();
            for (String k : properties.keySet()) {
                if (discriminators.contains(k)) {
                    order.add(k);
                }
            }
            for (String k : properties.keySet()) {
                if (!discriminators.contains(k)) {
                    order.add(k);
                }
            }
            for (String k : required) {
                if (!order.contains(k)) {
                    order.add(k);
                }
            }
            double optional = depth < 2 ? 0.5 : depth < 5 ? 0.3 : depth < 9 ? 0.2 : 0.0;
            for (String k : order) {
                if (decided.contains(k) || !allowed.contains(k) && !required.contains(k)) {
                    continue;
                }
                if (!required.contains(k) && random.nextDouble() >= optional) {
                    if (!discriminators.contains(k)) {
                        continue; // may come back when a then makes it required
                    }
                    decided.add(k);
                    continue;
                }
                decided.add(k);
                List<JsonNode> schemas = properties.getOrDefault(k, List.of());
                key = k;
                out.set(k, generate(schemas.isEmpty() ? List.of(JSON.objectNode()) : schemas, depth + 1));
                if (discriminators.contains(k)) {
                    applyConditionals(c, out, applied);
                }
            }
            int before = applied.size();
            applyConditionals(c, out, applied);
            if (applied.size() == before && required(c).stream().allMatch(out::has)) {
                break;
            }
        }
        if (random.nextInt(4) == 0) {
            shuffle(out);
        }
        return out;
    }

    private ArrayNode array(Conjunction c, int depth) {
        List<JsonNode> items = new ArrayList<>();
        int min = 0;
        int max = depth > 5 ? 1 : 3;
        boolean unique = false;
        for (JsonNode p : c.parts) {
            if (p.has("items")) {
                items.add(p.get("items"));
            }
            min = Math.max(min, p.path("minItems").asInt(0));
            if (p.has("maxItems")) {
                max = Math.min(max, p.get("maxItems").asInt());
            }
            unique |= p.path("uniqueItems").asBoolean(false);
        }
        max = Math.max(max, min);
        int n = min + random.nextInt(max - min + 1);
        ArrayNode out = JSON.arrayNode();
        for (int i = 0, tries = 0; out.size() < n && tries < n * 5; tries++) {
            JsonNode item = generate(items.isEmpty() ? List.of(JSON.objectNode()) : items, depth + 1);
            boolean dup = false;
            for (JsonNode e : out) {
                dup |= e.equals(item);
            }
            if (!unique || !dup) {
                out.add(item);
                i++;
            }
        }
        return out;
    }

    private JsonNode string(Conjunction c) {
        if (key != null && hints.containsKey(key) && random.nextBoolean()) {
            return JSON.textNode(pick(hints.get(key)));
        }
        for (JsonNode p : c.parts) {
            if (p.has("pattern")) {
                Pattern pattern = Pattern.compile(p.get("pattern").asText());
                List<String> matching = PATTERN_CANDIDATES.stream().filter(s -> pattern.matcher(s).find()).toList();
                if (!matching.isEmpty()) {
                    return JSON.textNode(pick(matching));
                }
            }
        }
        for (JsonNode p : c.parts) {
            switch (p.path("format").asText("")) {
                case "date":
                    return JSON.textNode(pick(List.of("2022-10-01", "2024-02-29")));
                case "date-time":
                    return JSON.textNode(pick(List.of("2022-10-01T12:00:00Z", "2024-02-29T23:59:59.123+01:00")));
                case "uri":
                    return JSON.textNode(pick(List.of("https://example.com/a", "s3://bucket/path/*.parquet")));
                case "email":
                    return JSON.textNode("a@example.com");
                default:
                    break;
            }
        }
        for (JsonNode p : c.parts) {
            if (p.has("examples") && random.nextBoolean()) {
                JsonNode e = pick(list(p.get("examples")));
                if (e.isTextual()) {
                    return e;
                }
            }
        }
        return JSON.textNode(pick(TEXT));
    }

    private long integer(Conjunction c) {
        long min = Long.MIN_VALUE;
        for (JsonNode p : c.parts) {
            if (p.has("minimum")) {
                min = Math.max(min, p.get("minimum").asLong());
            }
            if (p.has("exclusiveMinimum") && p.get("exclusiveMinimum").isNumber()) {
                min = Math.max(min, p.get("exclusiveMinimum").asLong() + 1);
            }
        }
        long v = pick(List.of(-1L, 0L, 1L, 2L, 3L, 7L, 100L, 1_000_000L, 4_000_000_000L));
        return min == Long.MIN_VALUE || v >= min ? v : min + random.nextInt(3);
    }

    private JsonNode number(Conjunction c) {
        boolean positive = c.parts.stream().anyMatch(p -> p.has("minimum") || p.has("exclusiveMinimum"));
        if (random.nextBoolean()) {
            long v = integer(c);
            return JSON.numberNode(positive ? Math.max(1, v) : v);
        }
        BigDecimal v = pick(List.of(new BigDecimal("0.5"), new BigDecimal("1.25"), new BigDecimal("-3.5"),
                new BigDecimal("0.001"), new BigDecimal("99.99"), new BigDecimal("1.0E+5"), new BigDecimal("1E-7")));
        return JSON.numberNode(positive ? v.abs() : v);
    }

    private Map<String, List<JsonNode>> properties(Conjunction c) {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (JsonNode p : c.parts) {
            Iterator<Map.Entry<String, JsonNode>> it = p.path("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        return out;
    }

    private static Set<String> required(Conjunction c) {
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode p : c.parts) {
            p.path("required").forEach(r -> out.add(r.asText()));
        }
        return out;
    }

    /** The keys the conjunction allows: closed parts allow their own keys, not: {required} forbids keys. */
    private static Set<String> allowedKeys(Conjunction c, Set<String> known) {
        Set<String> allowed = new LinkedHashSet<>(known);
        for (JsonNode p : c.parts) {
            if (p.path("additionalProperties").isBoolean() && !p.get("additionalProperties").asBoolean()) {
                Set<String> own = new HashSet<>();
                p.path("properties").fieldNames().forEachRemaining(own::add);
                allowed.retainAll(own);
            }
            p.path("not").path("required").forEach(r -> allowed.remove(r.asText()));
        }
        return allowed;
    }

    private static void collectKeys(JsonNode schema, Set<String> keys) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        schema.path("properties").fieldNames().forEachRemaining(keys::add);
        schema.path("required").forEach(r -> keys.add(r.asText()));
        for (String k : List.of("anyOf", "oneOf", "allOf")) {
            schema.path(k).forEach(s -> collectKeys(s, keys));
        }
    }

    // ---------------------------------------------------------------- a small evaluator (for if and branches)

    /** Whether an instance satisfies a schema, as far as type, const, enum, required and nesting go. */
    boolean holds(JsonNode schema, JsonNode instance) {
        if (schema == null || !schema.isObject()) {
            return schema == null || !schema.isBoolean() || schema.asBoolean();
        }
        if (schema.has("$ref") && !holds(resolve(schema.get("$ref").asText()), instance)) {
            return false;
        }
        JsonNode t = schema.get("type");
        if (t != null) {
            boolean any = false;
            for (JsonNode x : t.isArray() ? list(t) : List.of(t)) {
                any |= hasType(instance, x.asText());
            }
            if (!any) {
                return false;
            }
        }
        if (schema.has("const") && !schema.get("const").equals(instance)) {
            return false;
        }
        if (schema.has("enum") && list(schema.get("enum")).stream().noneMatch(instance::equals)) {
            return false;
        }
        if (instance.isObject()) {
            for (JsonNode r : schema.path("required")) {
                if (!instance.has(r.asText())) {
                    return false;
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (instance.has(e.getKey()) && !holds(e.getValue(), instance.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (instance.isArray() && schema.path("items").isObject()) {
            for (JsonNode item : instance) {
                if (!holds(schema.get("items"), item)) {
                    return false;
                }
            }
        }
        for (JsonNode s : schema.path("allOf")) {
            if (!holds(s, instance)) {
                return false;
            }
        }
        if (schema.has("anyOf") && list(schema.get("anyOf")).stream().noneMatch(s -> holds(s, instance))) {
            return false;
        }
        if (schema.has("oneOf") && list(schema.get("oneOf")).stream().filter(s -> holds(s, instance)).count() != 1) {
            return false;
        }
        if (schema.has("not") && holds(schema.get("not"), instance)) {
            return false;
        }
        return true;
    }

    private static boolean hasType(JsonNode n, String type) {
        return switch (type) {
            case "object" -> n.isObject();
            case "array" -> n.isArray();
            case "string" -> n.isTextual();
            case "integer" -> n.isIntegralNumber() || (n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0);
            case "number" -> n.isNumber();
            case "boolean" -> n.isBoolean();
            case "null" -> n.isNull();
            default -> true;
        };
    }

    // ---------------------------------------------------------------- editing

    /** A place in a document with the schemas that apply to it. */
    private record Site(JsonNode parent, String key, int index, JsonNode node, List<JsonNode> schemas,
            Conjunction schema, int depth) {}

    /** The document with {@code edits} random edits, each one the schema's shapes allow. The input is not changed. */
    JsonNode mutate(JsonNode document, int edits) {
        JsonNode doc = document.deepCopy();
        for (int i = 0; i < edits; i++) {
            List<Site> sites = new ArrayList<>();
            collect(null, null, -1, doc, List.of(root), 0, sites);
            Site s = pick(sites);
            switch (random.nextInt(5)) {
                case 0 -> addOptional(s);
                case 1 -> dropOptional(s);
                case 2 -> {
                    if (s.node().isObject()) {
                        shuffle((ObjectNode) s.node());
                    }
                }
                case 3 -> {
                    if (s.node().isValueNode() && s.parent() != null) {
                        key = s.key();
                        replace(s, generate(s.schema(), s.depth()));
                    }
                }
                default -> otherAlternative(s);
            }
        }
        return doc;
    }

    private void collect(JsonNode parent, String key, int index, JsonNode node, List<JsonNode> schemas, int depth,
            List<Site> out) {
        Conjunction c = conjunction(schemas, node, false);
        applyConditionals(c, node, new HashSet<>());
        out.add(new Site(parent, key, index, node, schemas, c, depth));
        if (node.isObject()) {
            Map<String, List<JsonNode>> properties = properties(c);
            for (String k : List.copyOf(iterable(node.fieldNames()))) {
                List<JsonNode> ps = properties.get(k);
                if (ps != null) {
                    collect(node, k, -1, node.get(k), ps, depth + 1, out);
                }
            }
        } else if (node.isArray()) {
            List<JsonNode> items = c.parts.stream().filter(p -> p.has("items")).map(p -> p.get("items")).toList();
            for (int i = 0; i < node.size() && !items.isEmpty(); i++) {
                collect(node, null, i, node.get(i), items, depth + 1, out);
            }
        }
    }

    private void addOptional(Site s) {
        if (!(s.node() instanceof ObjectNode o)) {
            return;
        }
        Map<String, List<JsonNode>> properties = properties(s.schema());
        List<String> missing = allowedKeys(s.schema(), properties.keySet()).stream().filter(k -> !o.has(k)).toList();
        if (!missing.isEmpty()) {
            String k = pick(missing);
            key = k;
            o.set(k, generate(properties.get(k), s.depth() + 1));
        }
    }

    private void dropOptional(Site s) {
        if (s.node() instanceof ObjectNode o && o.size() > 0) {
            Set<String> required = required(s.schema());
            List<String> optional = iterable(o.fieldNames()).stream().filter(k -> !required.contains(k)).toList();
            if (!optional.isEmpty()) {
                o.remove(pick(optional));
            }
        } else if (s.node() instanceof ArrayNode a && a.size() > 0) {
            a.remove(random.nextInt(a.size()));
        }
    }

    /** The node regenerated through another branch of a oneOf/anyOf that applies to it, where there is one. */
    private void otherAlternative(Site s) {
        if (s.parent() == null || s.schema().parts.stream().noneMatch(p -> p.has("oneOf") || p.has("anyOf"))) {
            return;
        }
        key = s.key();
        replace(s, generate(conjunction(s.schemas(), s.node(), true), s.depth()));
    }

    private static void replace(Site s, JsonNode value) {
        if (s.parent() instanceof ObjectNode o) {
            o.set(s.key(), value);
        } else if (s.parent() instanceof ArrayNode a) {
            a.set(s.index(), value);
        }
    }

    private void shuffle(ObjectNode o) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        o.fields().forEachRemaining(entries::add);
        Collections.shuffle(entries, random);
        o.removeAll();
        entries.forEach(e -> o.set(e.getKey(), e.getValue()));
    }

    // ---------------------------------------------------------------- helpers

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
