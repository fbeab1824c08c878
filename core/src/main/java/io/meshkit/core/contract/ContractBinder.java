package io.meshkit.core.contract;

import io.meshkit.core.contract.OdcsFields.Place;
import io.meshkit.core.contract.YamlTree.ListNode;
import io.meshkit.core.contract.YamlTree.MapNode;
import io.meshkit.core.contract.YamlTree.Node;
import io.meshkit.core.contract.YamlTree.ScalarNode;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Identifiers;
import io.meshkit.core.type.DataType;
import io.meshkit.core.type.LogicalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a {@link YamlTree} into a {@link Contract}: meshkit's own checks on top of the ODCS schema (names that
 * would be unsafe in SQL, physical types, keys, meshkit settings, quality rules) and warnings for what it does not
 * know. Structure is the schema's business: where the file does not have the shape ODCS gives it, the binder
 * quietly skips (the schema check reports it). It always builds a contract; the reader discards it when there are
 * errors.
 */
final class ContractBinder {
    static final String KIND = "meshkit.kind";
    static final String TIME_RESOLUTION = "meshkit.timeResolution";
    static final String SAMPLING_KEY = "meshkit.samplingKey";
    static final String DELETES = "meshkit.deletes";
    static final String HISTORY = "meshkit.history";
    /** Schema evolution settings: validated here and kept in customProperties, where the tools read them. */
    static final String RENAMED_FROM = "meshkit.renamedFrom";
    static final String FIRST_FILL = "meshkit.firstFill";
    static final String REMOVED_COLUMNS = "meshkit.removedColumns";
    /** Settings under this prefix are the linter's ({@code meshkit.lint.suppress}): kept in customProperties. */
    static final String TOOL_SETTINGS_PREFIX = "meshkit.lint.";
    private static final List<String> DATASET_SETTINGS = List.of(KIND, TIME_RESOLUTION, SAMPLING_KEY, DELETES,
            REMOVED_COLUMNS);
    private static final List<String> COLUMN_SETTINGS = List.of(HISTORY, RENAMED_FROM, FIRST_FILL);

    private static final String PLACEHOLDER = "?";

    private final Problems problems;
    private final String apiVersion;
    private final Set<SourceLocation> taken;
    private Node root;

    /**
     * @param apiVersion the version the file declares (one meshkit knows), or null
     * @param taken where the schema check already reported an error: the binder says nothing more there
     */
    ContractBinder(Problems problems, String apiVersion, Set<SourceLocation> taken) {
        this.problems = problems;
        this.apiVersion = apiVersion;
        this.taken = taken;
    }

    private boolean isV30() {
        return apiVersion != null && apiVersion.startsWith("v3.0.");
    }

    // ---------------------------------------------------------------- contract

    Contract bind(Node document) {
        this.root = document;
        if (!(document instanceof MapNode m)) {
            error(document, "a contract must be a mapping of ODCS fields, not " + document.describe());
            return null;
        }
        unknownKeys(m, Place.ROOT);
        String kind = string(m, "kind");
        String domain = string(m, "domain");
        // as DatasetTables reads it: trimmed, lower case, '-' as '_'; blank means the namespace main
        if (domain != null && !domain.isBlank()) {
            String why = unsafe(domain);
            if (why != null) {
                // a hostile name (quotes, semicolons, control characters) is refused like any other name
                error(m.get("domain"), "domain " + Identifiers.describe(domain) + " is not a safe name: " + why);
            } else if (!Identifiers.isPortable(domain.trim().toLowerCase(Locale.ROOT).replace('-', '_'))) {
                // the standard allows any text; only the tables found by convention need it as a namespace, and
                // DatasetTables refuses it there (exit 2): the contract stays readable for lint, show and convert
                warning(m.get("domain"), "domain " + Identifiers.describe(domain) + " is not a portable name (letters,"
                        + " digits and underscores, not starting with a digit): tools cannot name the namespaces <domain>,"
                        + " <domain>_staging and <domain>_candidates after it; pass --table, --staging and --candidate");
            }
        }
        Contract contract = new Contract(orPlaceholder(string(m, "apiVersion")), orPlaceholder(kind),
                orPlaceholder(string(m, "id")), string(m, "name"), orPlaceholder(string(m, "version")),
                orPlaceholder(string(m, "status")), string(m, "domain"), string(m, "dataProduct"),
                description(m.get("description")), team(m.get("team")), datasets(m),
                sla(m.get("slaProperties"), string(m, "slaDefaultElement")),
                servers(m.get("servers")), customProperties(m.get("customProperties"), List.of(), new HashMap<>()),
                strings(m.get("tags")), map(YamlTree.toJava(m)));
        return contract;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    /** Warns about keys ODCS does not know; where the schema refuses them it has said so already. */
    private void unknownKeys(Node node, Place place) {
        if (place == Place.FREE) {
            return;
        }
        if (node instanceof MapNode m) {
            for (Map.Entry<String, Node> e : m.entries().entrySet()) {
                String key = e.getKey();
                if (!OdcsFields.isKnown(place, key)) {
                    warning(m.keys().get(key), "unknown field " + Identifiers.describe(key) + " in "
                            + OdcsFields.describe(root, m.pointer()) + OdcsFields.hint(place, key));
                }
                unknownKeys(e.getValue(), OdcsFields.child(place, key, e.getValue() instanceof ListNode));
            }
        } else if (node instanceof ListNode l) {
            for (Node item : l.items()) {
                unknownKeys(item, place);
            }
        }
    }

    private Description description(Node node) {
        if (node instanceof ScalarNode s && !s.isNull()) {
            return Description.of(s.text());
        }
        if (node instanceof MapNode m) {
            return new Description(string(m, "purpose"), string(m, "usage"), string(m, "limitations"));
        }
        return null;
    }

    private Team team(Node node) {
        if (node instanceof ListNode l) {
            if (!isV30() && apiVersion != null && apiVersion.startsWith("v3.")) {
                // the only form before v3.1.0; still valid after it, but deprecated there and gone in ODCS 4.0
                warning(node, "team as a list of members is deprecated since ODCS v3.1.0 and removed in 4.0: write"
                        + " team: {name: <the team>, members: [...]}");
            }
            return new Team(null, members(l));
        }
        if (node instanceof MapNode m) {
            return new Team(string(m, "name"), m.get("members") instanceof ListNode l ? members(l) : List.of());
        }
        return null;
    }

    private List<TeamMember> members(ListNode list) {
        List<TeamMember> members = new ArrayList<>();
        for (Node item : list.items()) {
            if (item instanceof MapNode m) {
                members.add(new TeamMember(string(m, "username"), string(m, "name"), string(m, "role")));
            }
        }
        return members;
    }

    private List<Server> servers(Node node) {
        List<Server> servers = new ArrayList<>();
        if (!(node instanceof ListNode list)) {
            return servers;
        }
        for (Node item : list.items()) {
            if (!(item instanceof MapNode m)) {
                continue;
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> {
                if (!k.equals("server") && !k.equals("type")) {
                    properties.put(k, YamlTree.toJava(v));
                }
            });
            servers.add(new Server(orPlaceholder(string(m, "server")), orPlaceholder(string(m, "type")), properties));
        }
        return servers;
    }

    // ---------------------------------------------------------------- SLA

    private static final List<String> DURATIONS = List.of("freshness", "latency", "frequency", "retention");

    private Sla sla(Node node, String defaultElement) {
        if (!(node instanceof ListNode list)) {
            return defaultElement == null ? Sla.NONE : new Sla(List.of(), defaultElement);
        }
        List<SlaProperty> properties = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node item : list.items()) {
            if (!(item instanceof MapNode m)) {
                continue;
            }
            String property = string(m, "property");
            if (property == null) {
                continue;
            }
            Node valueNode = m.get("value");
            Object value = valueNode == null ? null : YamlTree.toJava(valueNode);
            SlaProperty p = new SlaProperty(property, value, string(m, "unit"), string(m, "element"),
                    string(m, "driver"));
            properties.add(p);
            String identity = property.trim().toLowerCase(Locale.ROOT) + "|" + p.driver() + "|" + p.element();
            Node first = seen.putIfAbsent(identity, m.get("property"));
            if (first != null) {
                warning(m.get("property"), "SLA property '" + property + "' is given twice for the same element"
                        + " and driver (first at line " + first.location().line() + "): the shorter duration counts");
            }
            if (DURATIONS.contains(property.trim().toLowerCase(Locale.ROOT))) {
                SlaDurations.Reading d = SlaDurations.parse(value, p.unit());
                if (d.problem().isPresent()) {
                    Node at = valueNode != null ? valueNode : m;
                    warning(at, "SLA property '" + property + "' is not a duration meshkit can check: "
                            + d.problem().get());
                }
            }
        }
        return new Sla(properties, defaultElement);
    }

    // ---------------------------------------------------------------- datasets

    private List<Dataset> datasets(MapNode root) {
        List<Dataset> datasets = new ArrayList<>();
        if (!(root.get("schema") instanceof ListNode list)) {
            return datasets;
        }
        Map<String, Node> names = new HashMap<>();
        for (Node item : list.items()) {
            if (!(item instanceof MapNode m)) {
                continue;
            }
            Dataset d = dataset(m);
            datasets.add(d);
            if (!d.name().equals(PLACEHOLDER)) {
                checkUnique(names, d.name(), m.get("name"), "dataset");
                if (d.physicalName() != null && !d.physicalName().equalsIgnoreCase(d.name())) {
                    checkUnique(names, d.physicalName(), m.get("physicalName"), "dataset");
                }
            }
        }
        return datasets;
    }

    /** Exact duplicates are errors; names that differ only in case are warnings (most warehouses fold case). */
    private void checkUnique(Map<String, Node> seen, String name, Node at, String what) {
        String folded = name.toLowerCase(Locale.ROOT);
        Node first = seen.putIfAbsent(folded, at);
        if (first == null) {
            return;
        }
        String firstName = first instanceof ScalarNode s ? s.text() : name;
        if (firstName.equals(name)) {
            error(at, "duplicate " + what + " name " + Identifiers.describe(name) + " (first at line "
                    + first.location().line() + ")");
        } else {
            warning(at, what + " name " + Identifiers.describe(name) + " differs from " + Identifiers.describe(firstName)
                    + " (line " + first.location().line() + ") only in case: most warehouses cannot hold both");
        }
    }

    private Dataset dataset(MapNode m) {
        String name = string(m, "name");
        checkName(m, "name", "dataset name");
        String physicalName = string(m, "physicalName");
        checkName(m, "physicalName", "dataset physicalName");
        String label = name == null ? "schema object" : "dataset " + Identifiers.describe(name);

        List<Column> columns = new ArrayList<>();
        List<MapNode> columnNodes = new ArrayList<>();
        if (m.get("properties") instanceof ListNode propList) {
            columns = columns(propList, label, columnNodes);
        }
        checkPrimaryKeyPositions(columns, columnNodes);

        List<QualityRule> quality = quality(m.get("quality"), label);
        Map<String, Node> settings = new HashMap<>();
        Map<String, Object> custom = customProperties(m.get("customProperties"), DATASET_SETTINGS, settings);

        DatasetKind kind = setting(settings, KIND, DatasetKind::fromOdcs, DatasetKind.values());
        TimeResolution resolution = setting(settings, TIME_RESOLUTION, TimeResolution::fromOdcs, TimeResolution.values());
        DeletesMode deletes = setting(settings, DELETES, DeletesMode::fromOdcs, DeletesMode.values());
        Optional<ColumnName> samplingKey = samplingKey(settings.get(SAMPLING_KEY), columns, label);
        RemovedColumns removed = setting(settings, REMOVED_COLUMNS, RemovedColumns::fromOdcs, RemovedColumns.values());
        if (removed != null) {
            custom.put(REMOVED_COLUMNS, removed.odcsName());
        }
        for (int ci = 0; ci < columns.size(); ci++) {
            Column c = columns.get(ci);
            String from = c.renamedFrom().orElse(null);
            if (from != null && columns.stream().anyMatch(o -> o != c && o.name() != null && o.name().equalsIgnoreCase(from))) {
                error(ci < columnNodes.size() ? columnNodes.get(ci) : m, RENAMED_FROM + " of property '" + c.name() + "' of " + label + " names '" + from
                        + "', which is still a property of it: a renamed property is no longer there");
            }
        }

        if (kind == DatasetKind.DIMENSION && columns.stream().noneMatch(Column::primaryKey)) {
            error(settings.get(KIND), label + " is a dimension but has no primary key: mark its key columns with "
                    + "'primaryKey: true'");
        }
        if (deletes != null && kind != null && kind != DatasetKind.DIMENSION) {
            warning(settings.get(DELETES), DELETES + " applies only to dimensions, and " + label + " is a "
                    + kind.odcsName() + ": it is ignored");
        } else if (deletes != null && kind == null && !settings.containsKey(KIND)) {
            warning(settings.get(DELETES), DELETES + " applies only to dimensions, and " + label
                    + " does not set meshkit.kind: dimension: it is ignored");
        }
        return new Dataset(orPlaceholder(name), physicalName, string(m, "description"), kind, resolution, samplingKey,
                deletes, columns, quality, custom, string(m, "physicalType"), string(m, "businessName"),
                strings(m.get("tags")));
    }

    /** The columns of a list of properties (a dataset's, or an object column's nested ones), names checked unique. */
    private List<Column> columns(ListNode list, String owner, List<MapNode> nodes) {
        List<Column> columns = new ArrayList<>();
        Map<String, Node> logicalNames = new HashMap<>();
        Map<String, Node> sqlNames = new HashMap<>();
        for (Node item : list.items()) {
            if (!(item instanceof MapNode pm)) {
                continue;
            }
            Column c = column(pm, owner, false);
            columns.add(c);
            nodes.add(pm);
            if (c.name() != null && !c.name().equals(PLACEHOLDER)) {
                Node at = pm.get("name");
                Node first = logicalNames.putIfAbsent(c.name(), at);
                if (first != null) {
                    error(at, "duplicate property " + Identifiers.describe(c.name()) + " in " + owner + " (first at line "
                            + first.location().line() + ")");
                    continue;
                }
                String sql = c.physicalName() != null ? c.physicalName() : c.name();
                Node sqlAt = c.physicalName() != null ? pm.get("physicalName") : at;
                checkUnique(sqlNames, sql, sqlAt, "column");
            }
        }
        return columns;
    }

    private void checkPrimaryKeyPositions(List<Column> columns, List<MapNode> nodes) {
        Map<Integer, Node> positions = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            Node at = nodes.get(i).get("primaryKeyPosition");
            if (c.primaryKeyPosition() == -1 || at == null) {
                continue;
            }
            if (!c.primaryKey()) {
                warning(at, "column " + Identifiers.describe(c.name()) + " has a primaryKeyPosition but is not "
                        + "part of the primary key: add 'primaryKey: true' or remove the position (it is ignored)");
                continue;
            }
            Node first = positions.putIfAbsent(c.primaryKeyPosition(), at);
            if (first != null) {
                warning(at, "duplicate primaryKeyPosition " + c.primaryKeyPosition() + " (first at line "
                        + first.location().line() + "): the key is ordered by position, then as written");
            }
        }
    }

    private Optional<ColumnName> samplingKey(Node node, List<Column> columns, String label) {
        if (node == null) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode s) || s.isNull()) {
            error(node, SAMPLING_KEY + " must name a column, not " + node.describe());
            return Optional.empty();
        }
        String name = s.text();
        Optional<Column> column = columns.stream()
                .filter(c -> c.name() != null && (c.name().equalsIgnoreCase(name) || name.equalsIgnoreCase(c.physicalName())))
                .findFirst();
        if (column.isEmpty()) {
            error(node, SAMPLING_KEY + " " + Identifiers.describe(name) + " is not a column of " + label
                    + " (columns: " + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ")");
            return Optional.empty();
        }
        return Optional.of(column.get().columnName());
    }

    // ---------------------------------------------------------------- columns

    /** A property: a column, a nested property of an object, or the items of an array. */
    private Column column(MapNode m, String owner, boolean isItems) {
        String name = string(m, "name");
        checkName(m, "name", isItems ? "items name" : "property name");
        String physicalName = string(m, "physicalName");
        checkName(m, "physicalName", "property physicalName");
        String label = isItems ? "items of " + owner
                : (name == null ? "property" : "property " + Identifiers.describe(name)) + " of " + owner;

        LogicalType declared = LogicalType.fromOdcs(string(m, "logicalType")).orElse(null);
        String physicalText = string(m, "physicalType");

        List<Column> nested = List.of();
        if (m.get("properties") instanceof ListNode props) {
            nested = columns(props, label, new ArrayList<>());
        }
        Column items = m.get("items") instanceof MapNode im ? column(im, label, true) : null;

        DataType physical = physicalType(m, label, declared, physicalText, !nested.isEmpty() || items != null);
        boolean object = declared == null || declared == LogicalType.OBJECT;
        boolean array = declared == null || declared == LogicalType.ARRAY;
        // nested properties give the shape of a struct, record or message, not of a column declared as JSON
        boolean shapeless = physical == null || physicalText == null || SHAPE_WORDS.contains(firstWord(physicalText));
        if (object && !nested.isEmpty() && (shapeless || physical.kind() == DataType.Kind.STRUCT)) {
            List<DataType.Field> fields = new ArrayList<>();
            for (Column n : nested) {
                String field = n.physicalName() != null ? n.physicalName() : n.name();
                // a blank name is an error of its own (checkName): it names no field
                if (field != null && !field.isEmpty() && !field.equals(PLACEHOLDER)
                        && fields.stream().noneMatch(f -> f.name().equalsIgnoreCase(field))) {
                    fields.add(new DataType.Field(field, n.physicalType()));
                }
            }
            if (!fields.isEmpty()) {
                physical = DataType.struct(fields);
            }
        }
        if (array && items != null && (shapeless || physical.kind() == DataType.Kind.ARRAY)) {
            physical = DataType.array(items.physicalType());
        }

        if (declared == LogicalType.BOOLEAN && physical != null && physical.kind() == DataType.Kind.TINYINT) {
            physical = DataType.BOOLEAN; // MySQL's tinyint(1) is its boolean
        }
        LogicalType logical = declared;
        if (declared == LogicalType.DATE && physical != null
                && (physical.logicalType() == LogicalType.TIMESTAMP || physical.kind() == DataType.Kind.TIME)) {
            // ODCS v3.0 has no timestamp or time logical type: date over such a physical type means one
            logical = physical.logicalType();
            if (!isV30()) {
                warning(m.get("logicalType"), "logicalType date of " + label + " has physicalType "
                        + Identifiers.describe(physicalText) + ", a " + logical.odcsName() + ": ODCS " + apiVersion
                        + " writes logicalType: " + logical.odcsName() + " (date over a point in time is the v3.0 form)");
            }
        }
        if (physical == null) {
            if (declared == null) {
                if (m.get("logicalType") == null && m.get("physicalType") == null && nested.isEmpty() && items == null) {
                    warning(m, label + " has no logicalType or physicalType: meshkit reads it as a string");
                }
                physical = DataType.VARCHAR;
            } else {
                physical = defaultType(declared);
            }
        }
        if (logical == null) {
            logical = physical.logicalType();
        } else if (!compatible(logical, physical)) {
            warning(m.get("physicalType") != null ? m.get("physicalType") : m, "physicalType "
                    + Identifiers.describe(physicalText == null ? physical.toString() : physicalText) + " of " + label
                    + " is " + article(physical.logicalType().odcsName()) + " type, but its logicalType is "
                    + logical.odcsName() + ": tools that create tables use " + physical);
        }

        int position = -1;
        if (m.get("primaryKeyPosition") instanceof ScalarNode s && s.value() instanceof Long p) {
            if (p >= 1 && p <= Integer.MAX_VALUE) {
                position = (int) (long) p;
            } else if (p != -1) {
                warning(s, "primaryKeyPosition " + p + " of " + label + " is ignored: positions start at 1 (-1 for none)");
            }
        }
        Map<String, Node> settings = new HashMap<>();
        Map<String, Object> custom = customProperties(m.get("customProperties"), COLUMN_SETTINGS, settings);
        HistoryMode history = setting(settings, HISTORY, HistoryMode::fromOdcs, HistoryMode.values());
        FirstFill fill = setting(settings, FIRST_FILL, FirstFill::fromOdcs, FirstFill.values());
        if (fill != null) {
            custom.put(FIRST_FILL, fill.odcsName());
        }
        Node renamed = settings.get(RENAMED_FROM);
        if (renamed != null) {
            if (renamed instanceof ScalarNode r && !r.isNull() && r.value() instanceof String text && !text.isBlank()) {
                custom.put(RENAMED_FROM, text.trim());
            } else {
                error(renamed, RENAMED_FROM + " of " + label + " must name the property's previous name, not " + renamed.describe());
            }
        }
        Map<String, Object> options = m.get("logicalTypeOptions") instanceof MapNode o ? map(YamlTree.toJava(o)) : Map.of();
        return new Column(isItems ? name : orPlaceholder(name), physicalName, logical, physical, bool(m, "required"),
                bool(m, "unique"), bool(m, "primaryKey"), position, string(m, "classification"),
                string(m, "description"), bool(m, "partitioned"), history, quality(m.get("quality"), label), custom,
                physicalText, string(m, "businessName"), strings(m.get("tags")), options, nested, items);
    }

    /** Physical types that say a value is nested without saying its shape: nested properties or items do. */
    private static final Set<String> SHAPE_WORDS = Set.of("STRUCT", "RECORD", "ROW", "OBJECT", "TUPLE", "MAP", "ARRAY",
            "LIST", "REPEATED", "MESSAGE", "DICT");

    private static String firstWord(String text) {
        String t = text.strip();
        int end = 0;
        while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) {
            end++;
        }
        return t.substring(0, end).toUpperCase(Locale.ROOT);
    }

    /** The physical type as written, or null; what is wrong with it is an error or a warning. */
    private DataType physicalType(MapNode m, String label, LogicalType declared, String text, boolean nestedGiven) {
        if (text == null) {
            return null;
        }
        Node at = m.get("physicalType");
        DataType.Reading r = DataType.read(text);
        if (r.type().isPresent() && r.type().get().kind() == DataType.Kind.ARRAY && declared != null
                && declared != LogicalType.ARRAY) {
            // varchar[15] next to logicalType: string means a length (as in the standard's own examples), not a list
            java.util.regex.Matcher bracket = LENGTH_IN_BRACKETS.matcher(text);
            if (bracket.matches()) {
                DataType.Reading asLength = DataType.read(bracket.group(1) + "(" + bracket.group(2) + ")");
                if (asLength.type().isPresent()) {
                    r = asLength;
                }
            }
        }
        if (r.type().isPresent()) {
            DataType t = r.type().get();
            r.problem().ifPresent(problem -> warning(at, "physicalType " + Identifiers.describe(text) + " of " + label
                    + ": " + problem + "; meshkit reads it as " + t));
            checkFieldNames(at, t, label);
            return t;
        }
        String problem = r.problem().orElse("unknown physical type");
        // a misspelt or malformed type (varchr, MAP<STRING>) where the logicalType or nested properties say the type:
        // a warning, read by them; with nothing to go by the column's type is unknown, and that is an error
        String fallback = declared != null ? "it is read by its logicalType " + declared.odcsName() + " as "
                + defaultType(declared) : nestedGiven ? "it is read from its nested properties" : null;
        boolean misspelt = r.knownName();
        if (!misspelt && r.suggestion().isPresent()) {
            DataType suggested = DataType.parse(r.suggestion().get()).orElse(null);
            misspelt = declared == null || suggested == null || compatible(declared, suggested);
        }
        if (misspelt) {
            if (fallback != null) {
                warning(at, "physicalType " + Identifiers.describe(text) + " of " + label + ": " + problem + "; "
                        + fallback);
            } else {
                error(at, "physicalType " + Identifiers.describe(text) + " of " + label + ": " + problem);
            }
            return null;
        }
        if (declared != null || nestedGiven) {
            warning(at, "physicalType " + Identifiers.describe(text) + " of " + label + " is not a type meshkit knows"
                    + (declared != null ? ": it is read by its logicalType " + declared.odcsName() + " as "
                            + defaultType(declared) : ": it is read from its nested properties"));
            return null;
        }
        // the standard allows any physical type (GEOGRAPHY, VARIANT, an Avro record): a warning, not a refusal
        warning(at, "physicalType " + Identifiers.describe(text) + " of " + label + " is not a type meshkit knows,"
                + " and the property has no logicalType to go by (" + problem + "): it is read as a string ("
                + DataType.VARCHAR + "); add a logicalType");
        return null;
    }

    private static final java.util.regex.Pattern LENGTH_IN_BRACKETS =
            java.util.regex.Pattern.compile("\\s*([A-Za-z][A-Za-z0-9_ ]*?)\\s*\\[\\s*([0-9]+)\\s*\\]\\s*");

    /** Struct fields named in a physical type go to SQL like column names. */
    private void checkFieldNames(Node at, DataType type, String label) {
        for (DataType.Field f : type.fields()) {
            String why = unsafe(f.name());
            if (why != null) {
                error(at, "field " + Identifiers.describe(f.name()) + " in the physicalType of " + label + " is not a"
                        + " safe name: " + why);
            }
            checkFieldNames(at, f.type(), label);
        }
        if (type.elementType() != null) {
            checkFieldNames(at, type.elementType(), label);
        }
        if (type.keyType() != null) {
            checkFieldNames(at, type.keyType(), label);
        }
    }

    private static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    /** Whether a physical type can hold values of a logical type. */
    static boolean compatible(LogicalType logical, DataType physical) {
        LogicalType p = physical.logicalType();
        return p == logical
                || (logical == LogicalType.NUMBER && physical.isInteger())
                || (logical == LogicalType.INTEGER && physical.kind() == DataType.Kind.DECIMAL)
                || (logical == LogicalType.ARRAY && physical.kind() == DataType.Kind.JSON)
                || (logical == LogicalType.OBJECT && physical.kind() == DataType.Kind.JSON)
                || (logical == LogicalType.STRING && (physical.kind() == DataType.Kind.JSON));
    }

    static DataType defaultType(LogicalType logical) {
        return switch (logical) {
            case STRING -> DataType.VARCHAR;
            case INTEGER -> DataType.BIGINT;
            case NUMBER -> DataType.DOUBLE;
            case BOOLEAN -> DataType.BOOLEAN;
            case DATE -> DataType.DATE;
            case TIMESTAMP -> DataType.TIMESTAMP;
            case TIME -> DataType.of(DataType.Kind.TIME);
            case OBJECT, ARRAY -> DataType.JSON;
        };
    }

    /**
     * Names that would be unsafe in SQL: quotes, backticks, semicolons, backslashes, control characters. Dots,
     * hyphens and spaces are legal where names live (Kafka topics, files) and are quoted by the dialect.
     */
    static String unsafe(String name) {
        if (name.isBlank()) {
            return "it is blank";
        }
        if (name.length() > Identifiers.MAX_LENGTH) {
            return "it is longer than " + Identifiers.MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return "it contains a control character";
            }
            if (c == '"' || c == '`' || c == '\'' || c == ';' || c == '\\') {
                return "it contains " + (c == ';' ? "a semicolon" : c == '\\' ? "a backslash"
                        : c == '`' ? "a backtick" : "a quote") + " (" + c + ")";
            }
        }
        return null;
    }

    private void checkName(MapNode m, String key, String what) {
        if (m.get(key) instanceof ScalarNode s && s.value() instanceof String name) {
            String why = unsafe(name);
            if (why != null) {
                error(s, what + " " + Identifiers.describe(name) + " is not a safe name: " + why);
            }
        }
    }

    // ---------------------------------------------------------------- quality

    private static final List<String> THRESHOLD_KEYS = List.of(
            "mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo", "mustBeGreaterThanOrEqualTo",
            "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeLessThanOrEqualTo", "mustBeBetween", "mustNotBeBetween");

    private static Threshold.Operator operator(String key) {
        return switch (key) {
            case "mustBe" -> Threshold.Operator.EQ;
            case "mustNotBe" -> Threshold.Operator.NE;
            case "mustBeGreaterThan" -> Threshold.Operator.GT;
            case "mustBeGreaterOrEqualTo", "mustBeGreaterThanOrEqualTo" -> Threshold.Operator.GE;
            case "mustBeLessThan" -> Threshold.Operator.LT;
            case "mustBeLessOrEqualTo", "mustBeLessThanOrEqualTo" -> Threshold.Operator.LE;
            case "mustBeBetween" -> Threshold.Operator.BETWEEN;
            case "mustNotBeBetween" -> Threshold.Operator.NOT_BETWEEN;
            default -> throw new IllegalArgumentException(key);
        };
    }

    private List<QualityRule> quality(Node node, String owner) {
        List<QualityRule> rules = new ArrayList<>();
        if (!(node instanceof ListNode list)) {
            return rules;
        }
        for (Node item : list.items()) {
            if (item instanceof MapNode m) {
                QualityRule rule = qualityRule(m, owner);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        return rules;
    }

    private QualityRule qualityRule(MapNode m, String owner) {
        String metricName = string(m, "metric");
        Node metricNode = m.get("metric");
        if (metricName == null) {
            metricName = string(m, "rule");
            metricNode = m.get("rule");
        }
        String label = "quality rule" + (string(m, "name") != null ? " " + Identifiers.describe(string(m, "name")) : "")
                + " of " + owner;
        QualityRuleType type;
        String typeName = string(m, "type");
        if (typeName != null) {
            type = QualityRuleType.fromOdcs(typeName).orElse(null);
            if (type == null) {
                return null; // the schema names the types
            }
        } else if (metricName != null) {
            type = QualityRuleType.LIBRARY;
        } else if (m.get("query") != null) {
            type = QualityRuleType.SQL;
        } else if (m.get("engine") != null || m.get("implementation") != null) {
            type = QualityRuleType.CUSTOM;
        } else {
            type = QualityRuleType.TEXT;
        }
        QualityMetric metric = null;
        if (type == QualityRuleType.LIBRARY) {
            if (metricName == null) {
                return null; // the schema asks for it
            }
            metric = QualityMetric.fromOdcs(metricName).orElse(null);
            if (metric == null) {
                warning(metricNode, "library quality rule " + Identifiers.describe(metricName) + " of " + owner
                        + " is not one meshkit runs (nullValues, missingValues, invalidValues, duplicateValues, rowCount;"
                        + " v3.0: nullCheck, validValues, duplicateCount, rowCount): it is kept, not checked");
            }
        }
        String query = string(m, "query");
        if (type == QualityRuleType.SQL && query == null) {
            return null;
        }
        if (type == QualityRuleType.SQL) {
            // validation changes nothing: a rule that is not one read-only query is refused here (SECURITY.md)
            Optional<String> problem = io.meshkit.core.quality.ReadOnlyQuery.problem(query);
            if (problem.isPresent()) {
                error(m.get("query"), label + " cannot run: " + problem.get());
                return null;
            }
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (m.get("arguments") instanceof MapNode args) {
            args.entries().forEach((k, v) -> arguments.put(k, YamlTree.toJava(v)));
        }
        for (String v30 : List.of("validValues", "missingValues")) { // v3.0 put these next to the rule
            Node v = m.get(v30);
            if (v != null && !arguments.containsKey(v30)) {
                arguments.put(v30, YamlTree.toJava(v));
            }
        }
        if (metric == QualityMetric.INVALID_VALUES && !(arguments.get("validValues") instanceof List)) {
            warning(metricNode, label + " (invalidValues) lists no arguments.validValues: it cannot be checked");
        }
        Optional<Threshold> threshold = threshold(m, label, type);
        if (threshold == null) {
            return null;
        }
        return new QualityRule(string(m, "name"), string(m, "description"), type, metric, metricName, arguments,
                threshold.orElse(null), string(m, "unit"), query, string(m, "severity"), string(m, "dimension"),
                string(m, "engine"), m.get("implementation") == null ? null : YamlTree.toJava(m.get("implementation")));
    }

    /** The threshold as written (empty when none), or null when the rule cannot be checked (it is dropped). */
    private Optional<Threshold> threshold(MapNode m, String label, QualityRuleType type) {
        List<String> keys = THRESHOLD_KEYS.stream().filter(m.entries()::containsKey).toList();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        boolean checked = type == QualityRuleType.LIBRARY || type == QualityRuleType.SQL;
        if (keys.size() > 1 && isV30()) { // v3.1.0's schema refuses a second threshold itself
            warning(m.get(keys.get(1)), label + " has more than one threshold (" + String.join(", ", keys)
                    + "): only " + keys.get(0) + " counts");
        }
        String key = keys.get(0);
        Node node = m.get(key);
        Threshold.Operator op = operator(key);
        if (op.isRange()) {
            if (!(node instanceof ListNode l) || l.items().size() != 2 || number(l.items().get(0)) == null
                    || number(l.items().get(1)) == null) {
                return checked ? null : Optional.empty();
            }
            BigDecimal lower = number(l.items().get(0));
            BigDecimal upper = number(l.items().get(1));
            if (lower.compareTo(upper) > 0) {
                // the standard says "smallest number first" in prose only: kept in the contract, not checked
                warning(node, key + " of " + label + " has its lower bound " + Threshold.plain(lower)
                        + " above its upper bound " + Threshold.plain(upper) + ": the rule is kept, not checked");
                return null;
            }
            return Optional.of(new Threshold(op, lower, upper));
        }
        BigDecimal value = number(node);
        if (value == null) {
            if (checked) {
                warning(node, key + " of " + label + " is " + node.describe() + ": meshkit compares numbers, so the rule"
                        + " is kept in the contract but not checked");
                return null;
            }
            return Optional.empty();
        }
        return Optional.of(new Threshold(op, value, null));
    }

    private static BigDecimal number(Node node) {
        if (node instanceof ScalarNode s && s.value() instanceof Number n) {
            return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        }
        return null;
    }

    // ---------------------------------------------------------------- custom properties

    /**
     * Reads ODCS customProperties (a list of {property, value}; a plain mapping too). meshkit settings named in
     * {@code known} go to {@code settings} (their value node); other {@code meshkit.*} keys are errors; the rest is
     * returned, the first of each key.
     */
    private Map<String, Object> customProperties(Node node, List<String> known, Map<String, Node> settings) {
        Map<String, Object> custom = new LinkedHashMap<>();
        Map<String, Node> firstAt = new HashMap<>();
        if (node instanceof MapNode m) {
            m.entries().forEach((k, v) -> customProperty(k, m.keys().get(k), v, known, settings, custom, firstAt));
        } else if (node instanceof ListNode l) {
            for (Node item : l.items()) {
                if (item instanceof MapNode m && m.get("property") instanceof ScalarNode p && !p.isNull()) {
                    Node value = m.get("value");
                    customProperty(p.text(), p.location(), value == null ? nullAt(m) : value, known, settings, custom,
                            firstAt);
                }
            }
        }
        return custom;
    }

    private static ScalarNode nullAt(MapNode m) {
        return new ScalarNode(m.pointer() + "/value", m.location(), null, "");
    }

    private void customProperty(String key, SourceLocation keyAt, Node value, List<String> known,
            Map<String, Node> settings, Map<String, Object> custom, Map<String, Node> firstAt) {
        String lower = key.toLowerCase(Locale.ROOT);
        boolean setting = lower.startsWith("meshkit.") && !lower.startsWith(TOOL_SETTINGS_PREFIX);
        Node first = firstAt.putIfAbsent(lower, value);
        if (first != null) {
            if (setting || lower.startsWith(TOOL_SETTINGS_PREFIX)) {
                problemAt(true, keyAt, "duplicate custom property '" + key + "'");
            } else {
                problemAt(false, keyAt, "duplicate custom property '" + key + "': tools read the first one");
            }
            return;
        }
        if (!setting) {
            // meshkit.lint.* belongs to the linter, which checks it; the reader keeps it as written
            custom.put(key, YamlTree.toJava(value));
            return;
        }
        Optional<String> name = known.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst();
        if (name.isEmpty()) {
            problemAt(true, keyAt, "unknown meshkit setting " + Identifiers.describe(key) + (known.isEmpty()
                    ? " (meshkit settings belong to a schema object or a property)"
                    : " (known: " + String.join(", ", known) + ")"));
            return;
        }
        settings.put(name.get(), value);
    }

    private <E extends Enum<E>> E setting(Map<String, Node> settings, String key, Function<String, Optional<E>> parse,
            E[] values) {
        Node node = settings.get(key);
        if (node == null) {
            return null;
        }
        String allowed = Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        if (!(node instanceof ScalarNode s) || s.isNull() || !(s.value() instanceof String)) {
            error(node, key + " must be one of " + allowed + ", not " + node.describe());
            return null;
        }
        Optional<E> value = parse.apply(s.text());
        if (value.isEmpty()) {
            error(node, "unknown " + key + " " + Identifiers.describe(s.text()) + " (known: " + allowed + ")");
            return null;
        }
        return value.get();
    }

    // ---------------------------------------------------------------- node helpers

    /** A scalar's text, or null when absent, null or not a scalar (the schema reports wrong shapes). */
    private static String string(MapNode m, String key) {
        return m.get(key) instanceof ScalarNode s && !s.isNull() ? s.text() : null;
    }

    private static List<String> strings(Node node) {
        if (!(node instanceof ListNode l)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node item : l.items()) {
            if (item instanceof ScalarNode s && !s.isNull()) {
                out.add(s.text());
            }
        }
        return out;
    }

    private static boolean bool(MapNode m, String key) {
        return m.get(key) instanceof ScalarNode s && Boolean.TRUE.equals(s.value());
    }

    private static String orPlaceholder(String value) {
        return value == null ? PLACEHOLDER : value;
    }

    private void error(Node node, String message) {
        problemAt(true, node.location(), message);
    }

    private void warning(Node node, String message) {
        problemAt(false, node.location(), message);
    }

    private void warning(SourceLocation at, String message) {
        problemAt(false, at, message);
    }

    private void problemAt(boolean error, SourceLocation at, String message) {
        if (taken.contains(at)) {
            return; // the schema check has said what is wrong here
        }
        if (error) {
            problems.error(at, message);
        } else {
            problems.warning(at, message);
        }
    }
}
