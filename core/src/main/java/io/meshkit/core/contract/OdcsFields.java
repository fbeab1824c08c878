package io.meshkit.core.contract;

import io.meshkit.core.contract.YamlTree.ListNode;
import io.meshkit.core.contract.YamlTree.MapNode;
import io.meshkit.core.contract.YamlTree.Node;
import io.meshkit.core.contract.YamlTree.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The fields ODCS knows at each place of a contract (the union of v3.0.0 to v3.1.0, checked against the
 * schemas by a test), the keys of older versions and other tools with their ODCS equivalent, and "did you mean"
 * suggestions for typos. Used to word schema errors and to warn about unknown keys where a schema allows them.
 */
final class OdcsFields {
    private OdcsFields() {}

    /** The kinds of mappings in a contract. */
    enum Place {
        ROOT("the contract"),
        DESCRIPTION("description"),
        SCHEMA_OBJECT("schema object"),
        PROPERTY("property"),
        ITEMS("items"),
        QUALITY("quality rule"),
        SLA("SLA property"),
        SERVER("server"),
        CUSTOM_PROPERTY("custom property"),
        ROLE("role"),
        SUPPORT("support channel"),
        PRICE("price"),
        AUTHORITATIVE_DEFINITION("authoritative definition"),
        TEAM("team"),
        TEAM_MEMBER("team member"),
        RELATIONSHIP("relationship"),
        LOGICAL_TYPE_OPTIONS("logicalTypeOptions"),
        /** Free-form mappings ({@code arguments}, {@code implementation}, custom values): any key. */
        FREE("mapping");

        private final String label;

        Place(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private static final Set<String> PROPERTY_KEYS = Set.of("authoritativeDefinitions", "businessName",
            "classification", "criticalDataElement", "customProperties", "description", "encryptedName", "examples",
            "id", "items", "logicalType", "logicalTypeOptions", "name", "partitionKeyPosition", "partitioned",
            "physicalName", "physicalType", "primaryKey", "primaryKeyPosition", "properties", "quality",
            "relationships", "required", "tags", "transformDescription", "transformLogic", "transformSourceObjects",
            "unique");

    private static final Map<Place, Set<String>> KNOWN = Map.ofEntries(
            Map.entry(Place.ROOT, Set.of("apiVersion", "authoritativeDefinitions", "contractCreatedTs",
                    "customProperties", "dataProduct", "description", "domain", "id", "kind", "name", "price", "roles",
                    "schema", "servers", "slaDefaultElement", "slaProperties", "status", "support", "tags", "team",
                    "tenant", "version")),
            Map.entry(Place.DESCRIPTION, Set.of("authoritativeDefinitions", "customProperties", "limitations",
                    "purpose", "usage")),
            Map.entry(Place.SCHEMA_OBJECT, Set.of("authoritativeDefinitions", "businessName", "customProperties",
                    "dataGranularityDescription", "description", "id", "logicalType", "name", "physicalName",
                    "physicalType", "properties", "quality", "relationships", "tags")),
            Map.entry(Place.PROPERTY, PROPERTY_KEYS),
            Map.entry(Place.ITEMS, PROPERTY_KEYS),
            Map.entry(Place.QUALITY, Set.of("arguments", "authoritativeDefinitions", "businessImpact",
                    "customProperties", "description", "dimension", "engine", "id", "implementation", "method", "metric",
                    "mustBe", "mustBeBetween", "mustBeGreaterOrEqualTo", "mustBeGreaterThan", "mustBeLessOrEqualTo",
                    "mustBeLessThan", "mustNotBe", "mustNotBeBetween", "name", "query", "rule", "schedule", "scheduler",
                    "severity", "tags", "type", "unit", "validValues", "missingValues")),
            Map.entry(Place.SLA, Set.of("description", "driver", "element", "id", "property", "schedule", "scheduler",
                    "unit", "value", "valueExt")),
            Map.entry(Place.SERVER, Set.of("account", "catalog", "customProperties", "database", "dataset",
                    "delimiter", "description", "endpointUrl", "environment", "format", "host", "id", "location", "path",
                    "port", "project", "region", "regionName", "roles", "schema", "server", "serviceName", "stagingDir",
                    "stream", "type", "warehouse")),
            Map.entry(Place.CUSTOM_PROPERTY, Set.of("description", "id", "property", "value")),
            Map.entry(Place.ROLE, Set.of("access", "customProperties", "description", "firstLevelApprovers", "id",
                    "role", "secondLevelApprovers")),
            Map.entry(Place.SUPPORT, Set.of("channel", "customProperties", "description", "id", "invitationUrl",
                    "scope", "tool", "url")),
            Map.entry(Place.PRICE, Set.of("id", "priceAmount", "priceCurrency", "priceUnit")),
            Map.entry(Place.AUTHORITATIVE_DEFINITION, Set.of("description", "id", "type", "url")),
            Map.entry(Place.TEAM, Set.of("authoritativeDefinitions", "customProperties", "description", "id",
                    "members", "name", "tags")),
            Map.entry(Place.TEAM_MEMBER, Set.of("authoritativeDefinitions", "customProperties", "dateIn", "dateOut",
                    "description", "id", "name", "replacedByUsername", "role", "tags", "username")),
            Map.entry(Place.RELATIONSHIP, Set.of("customProperties", "from", "to", "type")),
            Map.entry(Place.LOGICAL_TYPE_OPTIONS, Set.of("defaultTimezone", "exclusiveMaximum", "exclusiveMinimum",
                    "format", "maxItems", "maxLength", "maxProperties", "maximum", "minItems", "minLength",
                    "minProperties", "minimum", "multipleOf", "pattern", "required", "timezone", "uniqueItems")));

    /** Keys of older ODCS versions and other tools, with what ODCS v3 writes instead. */
    private static final Map<Place, Map<String, String>> LEGACY = Map.of(
            Place.ROOT, Map.ofEntries(
                    Map.entry("dataset", "ODCS v2 wrote 'dataset'; v3 lists its tables under 'schema'"),
                    Map.entry("models", "ODCS lists tables under 'schema' (models is the Data Contract Specification)"),
                    Map.entry("dataContractSpecification", "this is a Data Contract Specification file, not ODCS: "
                            + "ODCS starts with apiVersion: v3.1.0 and kind: DataContract"),
                    Map.entry("info", "ODCS puts these at the top level: name, version, description, team"),
                    Map.entry("uuid", "ODCS v3 writes 'id'"),
                    Map.entry("datasetName", "ODCS v3 writes 'name'"),
                    Map.entry("datasetDomain", "ODCS v3 writes 'domain'"),
                    Map.entry("quantumName", "ODCS v3 writes 'dataProduct'"),
                    Map.entry("owner", "ODCS writes the owners under 'team'"),
                    Map.entry("stakeholders", "ODCS v3 writes 'team'"),
                    Map.entry("sla", "ODCS writes service levels under 'slaProperties'"),
                    Map.entry("slas", "ODCS writes service levels under 'slaProperties'"),
                    Map.entry("servicelevels", "ODCS writes service levels under 'slaProperties'"),
                    Map.entry("serviceLevels", "ODCS writes service levels under 'slaProperties'"),
                    Map.entry("terms", "ODCS writes 'description' with purpose, usage and limitations"),
                    Map.entry("quality", "ODCS writes quality rules under their schema object or property"),
                    Map.entry("extensions", "ODCS keeps extensions under 'customProperties'")),
            Place.SCHEMA_OBJECT, Map.ofEntries(
                    Map.entry("type", "ODCS writes 'physicalType' (table, view, topic...)"),
                    Map.entry("table", "ODCS writes the table's name as 'physicalName'"),
                    Map.entry("tableName", "ODCS writes the table's name as 'physicalName'"),
                    Map.entry("columns", "ODCS lists columns under 'properties'"),
                    Map.entry("fields", "ODCS lists columns under 'properties'"),
                    Map.entry("comment", "ODCS writes 'description'"),
                    Map.entry("title", "ODCS writes 'businessName'"),
                    Map.entry("primaryKey", "ODCS marks key columns with 'primaryKey: true' on each property")),
            Place.PROPERTY, propertyLegacy(),
            Place.ITEMS, propertyLegacy(),
            Place.QUALITY, Map.ofEntries(
                    Map.entry("toolName", "ODCS writes the engine of a custom rule as 'engine'"),
                    Map.entry("tool", "ODCS writes the engine of a custom rule as 'engine'"),
                    Map.entry("code", "ODCS writes 'query' for sql rules and 'implementation' for custom ones"),
                    Map.entry("sql", "ODCS writes the SQL of a rule as 'query' with type: sql"),
                    Map.entry("mustBeGreaterThanOrEqualTo", "ODCS writes 'mustBeGreaterOrEqualTo'"),
                    Map.entry("mustBeLessThanOrEqualTo", "ODCS writes 'mustBeLessOrEqualTo'"),
                    Map.entry("mustBeGreaterThanOrEqual", "ODCS writes 'mustBeGreaterOrEqualTo'"),
                    Map.entry("mustBeLessThanOrEqual", "ODCS writes 'mustBeLessOrEqualTo'"),
                    Map.entry("threshold", "ODCS writes a threshold as one of mustBe, mustNotBe, mustBeGreaterThan, "
                            + "mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, "
                            + "mustNotBeBetween"),
                    Map.entry("column", "ODCS writes a column's rules under that property's 'quality'")),
            Place.TEAM_MEMBER, Map.ofEntries(
                    Map.entry("comment", "ODCS writes 'description'"),
                    Map.entry("email", "ODCS writes the user's email as 'username'"),
                    Map.entry("user", "ODCS writes 'username'")),
            Place.SLA, Map.ofEntries(
                    Map.entry("val", "ODCS writes 'value'"),
                    Map.entry("units", "ODCS writes 'unit'"),
                    Map.entry("column", "ODCS writes the column an SLA is measured on as 'element' (table.column)")));

    private static Map<String, String> propertyLegacy() {
        return Map.ofEntries(
                Map.entry("isNullable", "ODCS writes 'required' (the opposite: isNullable: false is required: true)"),
                Map.entry("nullable", "ODCS writes 'required' (the opposite: nullable: false is required: true)"),
                Map.entry("notNull", "ODCS writes 'required'"),
                Map.entry("isRequired", "ODCS writes 'required'"),
                Map.entry("mandatory", "ODCS writes 'required'"),
                Map.entry("isUnique", "ODCS writes 'unique'"),
                Map.entry("isPrimaryKey", "ODCS writes 'primaryKey'"),
                Map.entry("primaryKeyPos", "ODCS writes 'primaryKeyPosition'"),
                Map.entry("isPartitioned", "ODCS writes 'partitioned'"),
                Map.entry("partitionStatus", "ODCS writes 'partitioned'"),
                Map.entry("partitionKeyPos", "ODCS writes 'partitionKeyPosition'"),
                Map.entry("clusterStatus", "ODCS has no clustering field: keep it under 'customProperties'"),
                Map.entry("pii", "ODCS writes 'classification' (e.g. classification: pii)"),
                Map.entry("sensitive", "ODCS writes 'classification'"),
                Map.entry("personalData", "ODCS writes 'classification'"),
                Map.entry("comment", "ODCS writes 'description'"),
                Map.entry("title", "ODCS writes 'businessName'"),
                Map.entry("type", "ODCS writes 'logicalType' (string, integer, number, date, timestamp, time, boolean, "
                        + "object, array) and the engine's type as 'physicalType'"),
                Map.entry("dataType", "ODCS writes the engine's type as 'physicalType'"),
                Map.entry("data_type", "ODCS writes the engine's type as 'physicalType'"),
                Map.entry("logical_type", "ODCS writes 'logicalType'"),
                Map.entry("physical_type", "ODCS writes 'physicalType'"),
                Map.entry("column", "ODCS writes 'name' (and 'physicalName' for the name in the table)"),
                Map.entry("precision", "ODCS writes precision and scale in the physicalType, e.g. decimal(10,2)"),
                Map.entry("scale", "ODCS writes precision and scale in the physicalType, e.g. decimal(10,2)"),
                Map.entry("length", "ODCS writes the length in the physicalType (varchar(20)) or "
                        + "logicalTypeOptions.maxLength"),
                Map.entry("default", "ODCS has no default value: keep it under 'customProperties'"),
                Map.entry("enum", "ODCS v3.1 writes allowed values as a quality rule (metric: invalidValues, "
                        + "arguments.validValues)"),
                Map.entry("fields", "ODCS lists nested fields under 'properties'"),
                Map.entry("columns", "ODCS lists nested fields under 'properties'"),
                Map.entry("example", "ODCS writes 'examples', a list"),
                Map.entry("format", "ODCS writes it under 'logicalTypeOptions'"),
                Map.entry("pattern", "ODCS writes it under 'logicalTypeOptions'"),
                Map.entry("minLength", "ODCS writes it under 'logicalTypeOptions'"),
                Map.entry("maxLength", "ODCS writes it under 'logicalTypeOptions'"),
                Map.entry("minimum", "ODCS writes it under 'logicalTypeOptions'"),
                Map.entry("maximum", "ODCS writes it under 'logicalTypeOptions'"),
                Map.entry("isDeprecated", "ODCS has no deprecation flag before v3.2: keep it under 'customProperties'"));
    }

    /** The keys ODCS knows at a place; empty for free-form mappings. */
    static Set<String> known(Place place) {
        return KNOWN.getOrDefault(place, Set.of());
    }

    /** Whether a key is one ODCS knows at this place (free-form places know every key). */
    static boolean isKnown(Place place, String key) {
        return place == Place.FREE || known(place).contains(key);
    }

    /**
     * The words for an unknown key: the ODCS equivalent of a legacy key, else the nearest known key, e.g.
     * {@code (did you mean 'required'?)}; empty when there is nothing to suggest.
     */
    static String hint(Place place, String key) {
        String legacy = LEGACY.getOrDefault(place, Map.of()).get(key);
        if (legacy != null) {
            return ": " + legacy;
        }
        for (Map.Entry<String, String> e : LEGACY.getOrDefault(place, Map.of()).entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return ": " + e.getValue();
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known(place)) {
            if (k.equalsIgnoreCase(key)) {
                return " (did you mean '" + k + "'? keys are case-sensitive)";
            }
            int d = io.meshkit.core.identifier.Identifiers.distance(key.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        int max = key.length() <= 4 ? 1 : key.length() <= 8 ? 2 : 3;
        if (best != null && bestDistance <= max) {
            return " (did you mean '" + best + "'?)";
        }
        if (place == Place.ROOT || place == Place.SCHEMA_OBJECT || place == Place.PROPERTY || place == Place.ITEMS
                || place == Place.QUALITY || place == Place.SERVER || place == Place.TEAM
                || place == Place.TEAM_MEMBER) {
            return ": put extensions under customProperties";
        }
        return "";
    }

    /** The place of the mapping at a JSON Pointer, from the keys that lead to it. */
    static Place placeOf(String pointer) {
        if (pointer.isEmpty()) {
            return Place.ROOT;
        }
        List<String> segs = segments(pointer);
        Place place = Place.ROOT;
        for (int i = 0; i < segs.size(); i++) {
            String s = segs.get(i);
            if (place == Place.FREE) {
                return Place.FREE;
            }
            if (isIndex(s)) {
                continue; // a list item: the place was set by the list's key
            }
            place = child(place, s, i + 1 < segs.size() && isIndex(segs.get(i + 1)));
        }
        return place;
    }

    /**
     * The place of the mapping under {@code key} of a mapping at {@code place} (or of the items of the list there,
     * when {@code list}).
     */
    static Place child(Place place, String key, boolean list) {
        if (place == Place.FREE) {
            return Place.FREE;
        }
        return switch (key) {
            case "description" -> place == Place.ROOT ? Place.DESCRIPTION : Place.FREE;
            case "schema" -> place == Place.ROOT ? Place.SCHEMA_OBJECT : Place.FREE;
            case "properties" -> place == Place.SCHEMA_OBJECT || place == Place.PROPERTY || place == Place.ITEMS
                    ? Place.PROPERTY : Place.FREE;
            case "items" -> place == Place.PROPERTY || place == Place.ITEMS ? Place.ITEMS : Place.FREE;
            case "quality" -> place == Place.SCHEMA_OBJECT || place == Place.PROPERTY || place == Place.ITEMS
                    ? Place.QUALITY : Place.FREE;
            case "slaProperties" -> place == Place.ROOT ? Place.SLA : Place.FREE;
            case "servers" -> place == Place.ROOT ? Place.SERVER : Place.FREE;
            case "customProperties" -> place == Place.FREE ? Place.FREE : Place.CUSTOM_PROPERTY;
            case "roles" -> place == Place.ROOT || place == Place.SERVER ? Place.ROLE : Place.FREE;
            case "support" -> place == Place.ROOT ? Place.SUPPORT : Place.FREE;
            case "price" -> place == Place.ROOT ? Place.PRICE : Place.FREE;
            case "authoritativeDefinitions" -> place == Place.FREE ? Place.FREE : Place.AUTHORITATIVE_DEFINITION;
            case "team" -> place == Place.ROOT ? (list ? Place.TEAM_MEMBER : Place.TEAM) : Place.FREE;
            case "members" -> place == Place.TEAM ? Place.TEAM_MEMBER : Place.FREE;
            case "relationships" -> place == Place.SCHEMA_OBJECT || place == Place.PROPERTY || place == Place.ITEMS
                    ? Place.RELATIONSHIP : Place.FREE;
            case "logicalTypeOptions" -> place == Place.PROPERTY || place == Place.ITEMS
                    ? Place.LOGICAL_TYPE_OPTIONS : Place.FREE;
            default -> Place.FREE;
        };
    }

    /** The unescaped segments of a JSON Pointer. */
    static List<String> segments(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) {
            return out;
        }
        for (String s : pointer.substring(1).split("/", -1)) {
            out.add(s.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The node at a pointer in words, for messages: {@code property 'email' of schema object 'users'}, {@code quality
     * rule 2 of property 'email'}, {@code the contract}.
     */
    static String describe(Node root, String pointer) {
        List<String> segs = segments(pointer);
        List<String> parts = new ArrayList<>();
        Node node = root;
        String listKey = null;
        StringBuilder sofar = new StringBuilder();
        for (String s : segs) {
            sofar.append('/').append(SourceMap.escape(s));
            Node child = null;
            if (node instanceof MapNode m) {
                child = m.get(s);
                listKey = s;
            } else if (node instanceof ListNode l && isIndex(s)) {
                int i = Integer.parseInt(s);
                child = i < l.items().size() ? l.items().get(i) : null;
                String label = itemLabel(listKey, sofar.toString(), child, i);
                if (label != null) {
                    parts.add(0, label);
                }
            }
            if (child == null) {
                break;
            }
            if (node instanceof MapNode && (s.equals("items") || s.equals("team") && child instanceof MapNode
                    || s.equals("description") && child instanceof MapNode)) {
                parts.add(0, s);
            }
            node = child;
        }
        if (parts.isEmpty()) {
            return "the contract";
        }
        return String.join(" of ", parts.subList(0, Math.min(parts.size(), 3)));
    }

    private static String itemLabel(String listKey, String pointer, Node item, int index) {
        if (listKey == null) {
            return null;
        }
        String name = item instanceof MapNode m ? nameOf(m) : null;
        Place place = placeOf(pointer);
        String label = switch (place) {
            case SCHEMA_OBJECT -> "schema object";
            case PROPERTY -> "property";
            case QUALITY -> "quality rule";
            case SLA -> "SLA property";
            case SERVER -> "server";
            case CUSTOM_PROPERTY -> "custom property";
            case ROLE -> "role";
            case SUPPORT -> "support channel";
            case TEAM_MEMBER -> "team member";
            case RELATIONSHIP -> "relationship";
            case AUTHORITATIVE_DEFINITION -> "authoritative definition";
            default -> listKey;
        };
        return name == null ? label + " " + (index + 1) : label + " '" + name + "'";
    }

    private static String nameOf(MapNode m) {
        for (String k : List.of("name", "property", "server", "username", "role", "channel")) {
            if (m.get(k) instanceof ScalarNode s && s.value() instanceof String v && !v.isBlank()) {
                return v.length() > 60 ? v.substring(0, 57) + "..." : v;
            }
        }
        return null;
    }
}
