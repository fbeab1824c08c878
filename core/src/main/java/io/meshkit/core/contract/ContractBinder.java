package io.meshkit.core.contract;

import io.meshkit.core.contract.YamlTree.ListNode;
import io.meshkit.core.contract.YamlTree.MapNode;
import io.meshkit.core.contract.YamlTree.Node;
import io.meshkit.core.contract.YamlTree.ScalarNode;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Identifiers;
import io.meshkit.core.type.DataType;
import io.meshkit.core.type.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a {@link YamlTree} into a {@link Contract}, reporting every problem at its node. It always builds a
 * contract, with placeholders where the file is wrong; the reader discards it when there are errors.
 */
final class ContractBinder {
    /** The ODCS versions meshkit reads. */
    static final List<String> API_VERSIONS = List.of("v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0");

    static final String KIND = "meshkit.kind";
    static final String TIME_RESOLUTION = "meshkit.timeResolution";
    static final String SAMPLING_KEY = "meshkit.samplingKey";
    static final String DELETES = "meshkit.deletes";
    static final String HISTORY = "meshkit.history";
    /** Settings under this prefix are the linter's ({@code meshkit.lint.suppress}): kept in customProperties. */
    static final String TOOL_SETTINGS_PREFIX = "meshkit.lint.";
    private static final List<String> DATASET_SETTINGS = List.of(KIND, TIME_RESOLUTION, SAMPLING_KEY, DELETES);
    private static final List<String> COLUMN_SETTINGS = List.of(HISTORY);

    private static final String PLACEHOLDER = "?";

    private final Problems problems;

    ContractBinder(Problems problems) {
        this.problems = problems;
    }

    // ---------------------------------------------------------------- contract

    Contract bind(Node root) {
        if (!(root instanceof MapNode m)) {
            error(root, "a contract must be a mapping of ODCS fields, not " + root.describe());
            return null;
        }
        String apiVersion = requiredString(m, "apiVersion");
        if (apiVersion != null && !API_VERSIONS.contains(apiVersion)) {
            error(m.get("apiVersion"), "unsupported apiVersion '" + apiVersion + "' (accepted: "
                    + String.join(", ", API_VERSIONS) + ")");
        }
        String kind = requiredString(m, "kind");
        if (kind != null && !kind.equals(Contract.KIND)) {
            error(m.get("kind"), "kind must be '" + Contract.KIND + "', not " + Identifiers.describe(kind));
        }
        String id = requiredString(m, "id");
        String name = string(m, "name");
        String version = requiredString(m, "version");
        String status = requiredString(m, "status");
        String domain = string(m, "domain");
        String dataProduct = string(m, "dataProduct");
        Description description = description(m.get("description"));
        Team team = team(m.get("team"));
        List<Dataset> datasets = datasets(m);
        Sla sla = sla(m.get("slaProperties"));
        List<Server> servers = servers(m.get("servers"));
        Map<String, Object> custom = customProperties(m.get("customProperties"), List.of(), new HashMap<>());
        return new Contract(orPlaceholder(apiVersion), orPlaceholder(kind), orPlaceholder(id), name,
                orPlaceholder(version), orPlaceholder(status), domain, dataProduct, description, team, datasets, sla,
                servers, custom);
    }

    private Description description(Node node) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return Description.of(s.text());
        }
        MapNode m = map(node, "description");
        if (m == null) {
            return null;
        }
        return new Description(string(m, "purpose"), string(m, "usage"), string(m, "limitations"));
    }

    private Team team(Node node) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ListNode l) {
            return new Team(null, members(l));
        }
        if (node instanceof MapNode m) {
            ListNode members = list(m, "members");
            return new Team(string(m, "name"), members == null ? List.of() : members(members));
        }
        error(node, "team must be a mapping with name and members (or, in v3.0, a list of members), not "
                + node.describe());
        return null;
    }

    private List<TeamMember> members(ListNode list) {
        List<TeamMember> members = new ArrayList<>();
        for (Node item : list.items()) {
            MapNode m = map(item, "team member");
            if (m != null) {
                members.add(new TeamMember(string(m, "username"), string(m, "name"), string(m, "role")));
            }
        }
        return members;
    }

    private List<Server> servers(Node node) {
        ListNode list = list(node, "servers");
        if (list == null) {
            return List.of();
        }
        List<Server> servers = new ArrayList<>();
        for (Node item : list.items()) {
            MapNode m = map(item, "server");
            if (m == null) {
                continue;
            }
            String server = requiredString(m, "server");
            String type = requiredString(m, "type");
            Map<String, Object> properties = new LinkedHashMap<>();
            m.entries().forEach((k, v) -> {
                if (!k.equals("server") && !k.equals("type")) {
                    properties.put(k, YamlTree.toJava(v));
                }
            });
            servers.add(new Server(orPlaceholder(server), orPlaceholder(type), properties));
        }
        return servers;
    }

    // ---------------------------------------------------------------- SLA

    private enum SlaDuration { FRESHNESS, LATENCY, FREQUENCY, RETENTION }

    private static final Map<String, Duration> UNITS = units();

    private static Map<String, Duration> units() {
        Map<String, Duration> u = new LinkedHashMap<>();
        for (String s : List.of("y", "yr", "yrs", "year", "years")) {
            u.put(s, Duration.ofDays(365));
        }
        for (String s : List.of("month", "months")) {
            u.put(s, Duration.ofDays(30));
        }
        for (String s : List.of("d", "day", "days")) {
            u.put(s, Duration.ofDays(1));
        }
        for (String s : List.of("h", "hr", "hrs", "hour", "hours")) {
            u.put(s, Duration.ofHours(1));
        }
        for (String s : List.of("m", "min", "mins", "minute", "minutes")) {
            u.put(s, Duration.ofMinutes(1));
        }
        for (String s : List.of("s", "sec", "secs", "second", "seconds")) {
            u.put(s, Duration.ofSeconds(1));
        }
        return u;
    }

    private Sla sla(Node node) {
        ListNode list = list(node, "slaProperties");
        if (list == null) {
            return Sla.NONE;
        }
        Map<SlaDuration, Duration> durations = new HashMap<>();
        Map<String, String> elements = new HashMap<>();
        Map<String, Node> seen = new HashMap<>();
        List<SlaProperty> others = new ArrayList<>();
        for (Node item : list.items()) {
            MapNode m = map(item, "SLA property");
            if (m == null) {
                continue;
            }
            String property = requiredString(m, "property");
            if (property == null) {
                continue;
            }
            String unit = string(m, "unit");
            String element = string(m, "element");
            Node first = seen.putIfAbsent(property.toLowerCase(Locale.ROOT), m);
            if (first != null) {
                error(m.get("property"), "duplicate SLA property '" + property + "' (first at line "
                        + first.location().line() + ")");
                continue;
            }
            Optional<SlaDuration> known = Arrays.stream(SlaDuration.values())
                    .filter(d -> d.name().equalsIgnoreCase(property)).findFirst();
            if (known.isEmpty()) {
                Node value = m.get("value");
                others.add(new SlaProperty(property, value == null ? null : YamlTree.toJava(value), unit, element));
                continue;
            }
            Duration d = slaDuration(m, property, unit);
            if (d != null) {
                durations.put(known.get(), d);
                if (element != null) {
                    elements.put(known.get().name().toLowerCase(Locale.ROOT), element);
                }
            }
        }
        return new Sla(Optional.ofNullable(durations.get(SlaDuration.FRESHNESS)),
                Optional.ofNullable(durations.get(SlaDuration.LATENCY)),
                Optional.ofNullable(durations.get(SlaDuration.FREQUENCY)),
                Optional.ofNullable(durations.get(SlaDuration.RETENTION)), others, elements);
    }

    private Duration slaDuration(MapNode m, String property, String unit) {
        Node valueNode = m.get("value");
        if (valueNode == null || isNull(valueNode)) {
            error(m, "SLA property '" + property + "' needs a value");
            return null;
        }
        if (!(valueNode instanceof ScalarNode s) || !(s.value() instanceof Number n)) {
            error(valueNode, "the value of SLA property '" + property + "' must be a number, not " + valueNode.describe());
            return null;
        }
        BigDecimal amount = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        if (amount.signum() < 0) {
            error(valueNode, "the value of SLA property '" + property + "' must not be negative");
            return null;
        }
        if (unit == null) {
            error(m, "SLA property '" + property + "' needs a unit (d, h, m, y or month)");
            return null;
        }
        Duration per = UNITS.get(unit.trim().toLowerCase(Locale.ROOT));
        if (per == null) {
            error(m.get("unit"), "unknown unit '" + unit + "' of SLA property '" + property
                    + "' (known: d, day, days, h, hour, hours, m, min, minute, minutes, s, second, seconds, "
                    + "y, yr, year, years, month, months)");
            return null;
        }
        BigDecimal seconds = amount.multiply(BigDecimal.valueOf(per.getSeconds()));
        try {
            return Duration.ofSeconds(seconds.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            error(valueNode, "the value of SLA property '" + property + "' is too large");
            return null;
        }
    }

    // ---------------------------------------------------------------- datasets

    private List<Dataset> datasets(MapNode root) {
        Node node = root.get("schema");
        if (node == null || isNull(node)) {
            error(root, "missing required field 'schema': a contract needs at least one schema object");
            return List.of();
        }
        ListNode list = list(node, "schema");
        if (list == null) {
            return List.of();
        }
        if (list.items().isEmpty()) {
            error(list, "schema is empty: a contract needs at least one schema object");
        }
        List<Dataset> datasets = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        for (Node item : list.items()) {
            MapNode m = map(item, "schema object");
            if (m == null) {
                continue;
            }
            Dataset d = dataset(m);
            datasets.add(d);
            if (!d.name().equals(PLACEHOLDER)) {
                Node at = m.get("name");
                checkUnique(names, d.name(), at, "dataset");
                if (d.physicalName() != null && !d.physicalName().equalsIgnoreCase(d.name())) {
                    checkUnique(names, d.physicalName(), m.get("physicalName"), "dataset");
                }
            }
        }
        return datasets;
    }

    private void checkUnique(Map<String, Node> seen, String name, Node at, String what) {
        Node first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), at);
        if (first != null) {
            error(at, "duplicate " + what + " name " + Identifiers.describe(name) + " (first at line "
                    + first.location().line() + ")");
        }
    }

    private Dataset dataset(MapNode m) {
        String name = requiredString(m, "name");
        checkIdentifier(m, "name", "dataset name");
        String physicalName = string(m, "physicalName");
        checkIdentifier(m, "physicalName", "dataset physicalName");
        String description = string(m, "description");
        String label = name == null ? "schema object" : "dataset " + Identifiers.describe(name);

        List<Column> columns = new ArrayList<>();
        Map<String, Node> columnNames = new HashMap<>();
        List<MapNode> columnNodes = new ArrayList<>();
        Node props = m.get("properties");
        ListNode propList = list(props, "properties");
        if (props == null || isNull(props)) {
            error(m, label + " has no properties: list its columns under 'properties'");
        } else if (propList != null) {
            if (propList.items().isEmpty()) {
                error(propList, label + " has no properties: list its columns under 'properties'");
            }
            for (Node item : propList.items()) {
                MapNode pm = map(item, "property");
                if (pm == null) {
                    continue;
                }
                Column c = column(pm);
                columns.add(c);
                columnNodes.add(pm);
                if (!c.name().equals(PLACEHOLDER)) {
                    checkUniqueColumn(columnNames, c.name(), pm.get("name"));
                    if (c.physicalName() != null && !c.physicalName().equalsIgnoreCase(c.name())) {
                        checkUniqueColumn(columnNames, c.physicalName(), pm.get("physicalName"));
                    }
                }
            }
        }
        checkPrimaryKeyPositions(columns, columnNodes);

        List<QualityRule> quality = quality(m.get("quality"));
        Map<String, Node> settings = new HashMap<>();
        Map<String, Object> custom = customProperties(m.get("customProperties"), DATASET_SETTINGS, settings);

        DatasetKind kind = setting(settings, KIND, DatasetKind::fromOdcs, DatasetKind.values());
        TimeResolution resolution = setting(settings, TIME_RESOLUTION, TimeResolution::fromOdcs, TimeResolution.values());
        DeletesMode deletes = setting(settings, DELETES, DeletesMode::fromOdcs, DeletesMode.values());
        Optional<ColumnName> samplingKey = samplingKey(settings.get(SAMPLING_KEY), columns, label);

        if (kind == DatasetKind.DIMENSION && columns.stream().noneMatch(Column::primaryKey) && !columns.isEmpty()) {
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
        return new Dataset(orPlaceholder(name), physicalName, description, kind, resolution, samplingKey, deletes,
                columns, quality, custom);
    }

    private void checkUniqueColumn(Map<String, Node> seen, String name, Node at) {
        Node first = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), at);
        if (first != null) {
            error(at, "duplicate column " + Identifiers.describe(name) + " (first at line " + first.location().line()
                    + "; column names are compared ignoring case, physical names included)");
        }
    }

    private void checkPrimaryKeyPositions(List<Column> columns, List<MapNode> nodes) {
        Map<Integer, Node> positions = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            MapNode pm = nodes.get(i);
            Node at = pm.get("primaryKeyPosition");
            if (c.primaryKeyPosition() == -1 || at == null) {
                continue;
            }
            if (!c.primaryKey()) {
                error(at, "column " + Identifiers.describe(c.name()) + " has a primaryKeyPosition but is not "
                        + "part of the primary key: add 'primaryKey: true' or remove the position");
                continue;
            }
            Node first = positions.putIfAbsent(c.primaryKeyPosition(), at);
            if (first != null) {
                error(at, "duplicate primaryKeyPosition " + c.primaryKeyPosition() + " (first at line "
                        + first.location().line() + ")");
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
                .filter(c -> c.name().equalsIgnoreCase(name) || name.equalsIgnoreCase(c.physicalName()))
                .findFirst();
        if (column.isEmpty()) {
            error(node, SAMPLING_KEY + " " + Identifiers.describe(name) + " is not a column of " + label
                    + " (columns: " + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ")");
            return Optional.empty();
        }
        Column c = column.get();
        String effective = c.physicalName() != null ? c.physicalName() : c.name();
        return Identifiers.isPortable(effective) ? Optional.of(c.columnName()) : Optional.empty();
    }

    // ---------------------------------------------------------------- columns

    private Column column(MapNode m) {
        String name = requiredString(m, "name");
        checkIdentifier(m, "name", "column name");
        String physicalName = string(m, "physicalName");
        checkIdentifier(m, "physicalName", "column physicalName");
        String label = name == null ? "property" : "column " + Identifiers.describe(name);

        String logicalName = string(m, "logicalType");
        LogicalType logical = null;
        if (logicalName != null) {
            logical = LogicalType.fromOdcs(logicalName).orElse(null);
            if (logical == null) {
                error(m.get("logicalType"), "unknown logicalType " + Identifiers.describe(logicalName) + " (known: "
                        + Arrays.stream(LogicalType.values()).map(LogicalType::odcsName).collect(Collectors.joining(", "))
                        + ")");
            }
        }
        String physicalName0 = string(m, "physicalType");
        DataType physical = null;
        if (physicalName0 != null) {
            physical = DataType.parse(physicalName0).orElse(null);
            if (physical == null) {
                error(m.get("physicalType"), "unknown physical type " + Identifiers.describe(physicalName0));
            }
        }
        if (absent(m.get("logicalType")) && absent(m.get("physicalType"))) {
            error(m, label + " needs a logicalType or a physicalType");
        }
        if (logical != null && physical != null && !compatible(logical, physical)) {
            error(m.get("physicalType"), "physicalType " + Identifiers.describe(physicalName0) + " of " + label
                    + " contradicts logicalType " + logical.odcsName() + " (" + physical + " is a "
                    + physical.logicalType().odcsName() + " type)");
        }
        if (logical == null && physical != null) {
            logical = physical.logicalType();
        }
        if (physical == null && logical != null) {
            physical = defaultType(logical);
        }

        boolean primaryKey = bool(m, "primaryKey");
        int position = -1;
        Node posNode = m.get("primaryKeyPosition");
        if (posNode != null && !isNull(posNode)) {
            if (posNode instanceof ScalarNode s && (s.value() instanceof Long || s.value() instanceof BigInteger)) {
                long p = ((Number) s.value()).longValue();
                if (s.value() instanceof Long && (p >= 1 && p <= Integer.MAX_VALUE)) {
                    position = (int) p;
                } else if (p != -1 || !(s.value() instanceof Long)) {
                    error(posNode, "primaryKeyPosition must be a positive integer (or -1 for none), not " + s.text());
                }
            } else {
                error(posNode, "primaryKeyPosition must be an integer, not " + posNode.describe());
            }
        }
        Map<String, Node> settings = new HashMap<>();
        Map<String, Object> custom = customProperties(m.get("customProperties"), COLUMN_SETTINGS, settings);
        HistoryMode history = setting(settings, HISTORY, HistoryMode::fromOdcs, HistoryMode.values());
        return new Column(orPlaceholder(name), physicalName,
                logical == null ? LogicalType.STRING : logical,
                physical == null ? DataType.VARCHAR : physical,
                bool(m, "required"), bool(m, "unique"), primaryKey, position,
                string(m, "classification"), string(m, "description"), bool(m, "partitioned"),
                history, quality(m.get("quality")), custom);
    }

    static boolean compatible(LogicalType logical, DataType physical) {
        return physical.logicalType() == logical
                || (logical == LogicalType.NUMBER && physical.isInteger())
                || (logical == LogicalType.ARRAY && physical.kind() == DataType.Kind.JSON);
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
            case OBJECT, ARRAY -> DataType.of(DataType.Kind.JSON);
        };
    }

    private void checkIdentifier(MapNode m, String key, String what) {
        Node node = m.get(key);
        if (node instanceof ScalarNode s && !s.isNull() && !Identifiers.isPortable(s.text())) {
            String problem = s.text().length() > Identifiers.MAX_LENGTH
                    ? "it is longer than " + Identifiers.MAX_LENGTH + " characters"
                    : "use letters, digits and underscores, not starting with a digit";
            error(node, what + " " + Identifiers.describe(s.text()) + " is not a safe identifier: " + problem);
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

    private List<QualityRule> quality(Node node) {
        ListNode list = list(node, "quality");
        if (list == null) {
            return List.of();
        }
        List<QualityRule> rules = new ArrayList<>();
        for (Node item : list.items()) {
            MapNode m = map(item, "quality rule");
            if (m != null) {
                QualityRule rule = qualityRule(m);
                if (rule != null) {
                    rules.add(rule);
                }
            }
        }
        return rules;
    }

    private QualityRule qualityRule(MapNode m) {
        String metricName = string(m, "metric");
        String ruleName = string(m, "rule");
        Node metricNode = m.get(metricName != null ? "metric" : "rule");
        if (metricName == null) {
            metricName = ruleName;
        }
        String typeName = string(m, "type");
        QualityRuleType type = null;
        if (typeName != null) {
            type = QualityRuleType.fromOdcs(typeName).orElse(null);
            if (type == null) {
                error(m.get("type"), "unknown quality rule type " + Identifiers.describe(typeName)
                        + " (known: library, sql, text, custom)");
                return null;
            }
        } else if (metricName != null) {
            type = QualityRuleType.LIBRARY;
        } else if (m.get("query") != null) {
            type = QualityRuleType.SQL;
        } else {
            error(m, "quality rule needs a type (library, sql, text or custom) or a metric");
            return null;
        }
        QualityMetric metric = null;
        if (type == QualityRuleType.LIBRARY) {
            if (metricName == null) {
                error(m, "library quality rule needs a metric (nullValues, missingValues, invalidValues, "
                        + "duplicateValues or rowCount)");
                return null;
            }
            metric = QualityMetric.fromOdcs(metricName).orElse(null);
            if (metric == null) {
                error(metricNode, "unknown quality metric " + Identifiers.describe(metricName)
                        + " (known: nullValues, missingValues, invalidValues, duplicateValues, rowCount; "
                        + "v3.0 rules nullCheck, validValues, duplicateCount, rowCount)");
                return null;
            }
        }
        String query = string(m, "query");
        if (type == QualityRuleType.SQL && query == null) {
            error(m, "sql quality rule needs a query");
            return null;
        }
        Map<String, Object> arguments = new LinkedHashMap<>();
        Node argNode = m.get("arguments");
        if (argNode != null && !isNull(argNode)) {
            MapNode args = map(argNode, "arguments");
            if (args != null) {
                args.entries().forEach((k, v) -> arguments.put(k, YamlTree.toJava(v)));
            }
        }
        for (String v30 : List.of("validValues", "missingValues")) { // v3.0 put these next to the rule
            Node v = m.get(v30);
            if (v != null && !arguments.containsKey(v30)) {
                arguments.put(v30, YamlTree.toJava(v));
            }
        }
        for (String listArg : List.of("validValues", "missingValues")) {
            if (arguments.containsKey(listArg) && !(arguments.get(listArg) instanceof List)) {
                Node at = m.get(listArg) != null ? m.get(listArg) : argNode;
                error(at, listArg + " must be a list of values");
                return null;
            }
        }
        if (metric == QualityMetric.INVALID_VALUES && !arguments.containsKey("validValues")) {
            error(m, "invalidValues rule needs arguments.validValues, the list of valid values");
        }

        Threshold threshold = threshold(m);
        String unit = string(m, "unit");
        if (unit != null && !QualityRule.UNITS.contains(unit.toLowerCase(Locale.ROOT))) {
            error(m.get("unit"), "unknown quality unit " + Identifiers.describe(unit) + " (known: rows, percent)");
            unit = null;
        }
        String severity = string(m, "severity");
        if (severity != null && !QualityRule.SEVERITIES.contains(severity.toLowerCase(Locale.ROOT))) {
            error(m.get("severity"), "unknown severity " + Identifiers.describe(severity) + " (known: error, warning)");
            severity = null;
        }
        return new QualityRule(string(m, "name"), string(m, "description"), type, metric, arguments, threshold,
                unit == null ? null : unit.toLowerCase(Locale.ROOT), query,
                severity == null ? null : severity.toLowerCase(Locale.ROOT));
    }

    private Threshold threshold(MapNode m) {
        List<String> keys = THRESHOLD_KEYS.stream().filter(m.entries()::containsKey).toList();
        if (keys.isEmpty()) {
            return null;
        }
        if (keys.size() > 1) {
            error(m.get(keys.get(1)), "quality rule has more than one threshold (" + String.join(", ", keys)
                    + "): keep one");
            return null;
        }
        String key = keys.get(0);
        Node node = m.get(key);
        Threshold.Operator op = operator(key);
        if (op.isRange()) {
            if (!(node instanceof ListNode l) || l.items().size() != 2) {
                error(node, key + " must be a list of two numbers [lower, upper], not " + node.describe());
                return null;
            }
            BigDecimal lower = number(l.items().get(0), key);
            BigDecimal upper = number(l.items().get(1), key);
            if (lower == null || upper == null) {
                return null;
            }
            if (lower.compareTo(upper) > 0) {
                error(node, key + " lower bound " + lower.toPlainString() + " is above the upper bound "
                        + upper.toPlainString());
                return null;
            }
            return new Threshold(op, lower, upper);
        }
        BigDecimal value = number(node, key);
        return value == null ? null : new Threshold(op, value, null);
    }

    private BigDecimal number(Node node, String key) {
        if (node instanceof ScalarNode s && s.value() instanceof Number n) {
            return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
        }
        error(node, key + " must be a number, not " + node.describe());
        return null;
    }

    // ---------------------------------------------------------------- custom properties

    /**
     * Reads ODCS customProperties (a list of {property, value}, or a plain map). meshkit settings named in
     * {@code known} go to {@code settings} (their value node); other {@code meshkit.*} keys are errors; the rest is
     * returned.
     */
    private Map<String, Object> customProperties(Node node, List<String> known, Map<String, Node> settings) {
        Map<String, Object> custom = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return custom;
        }
        Map<String, Node> firstAt = new HashMap<>();
        if (node instanceof MapNode m) {
            m.entries().forEach((k, v) -> customProperty(k, m.keys().get(k), v, known, settings, custom, firstAt));
        } else if (node instanceof ListNode l) {
            for (Node item : l.items()) {
                MapNode m = map(item, "custom property");
                if (m == null) {
                    continue;
                }
                String property = requiredString(m, "property");
                if (property != null) {
                    Node value = m.get("value");
                    customProperty(property, m.get("property").location(), value == null ? nullAt(m) : value, known,
                            settings, custom, firstAt);
                }
            }
        } else {
            error(node, "customProperties must be a list of {property, value} (or a mapping), not " + node.describe());
        }
        return custom;
    }

    private static ScalarNode nullAt(MapNode m) {
        return new ScalarNode(m.pointer() + "/value", m.location(), null, "");
    }

    private void customProperty(String key, SourceLocation keyAt, Node value, List<String> known,
            Map<String, Node> settings, Map<String, Object> custom, Map<String, Node> firstAt) {
        Node first = firstAt.putIfAbsent(key.toLowerCase(Locale.ROOT), value);
        if (first != null) {
            problems.error(keyAt, "duplicate custom property '" + key + "'");
            return;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("meshkit.") || lower.startsWith(TOOL_SETTINGS_PREFIX)) {
            // meshkit.lint.* belongs to the linter, which checks it; the reader keeps it as written
            custom.put(key, YamlTree.toJava(value));
            return;
        }
        Optional<String> setting = known.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst();
        if (setting.isEmpty()) {
            problems.error(keyAt, "unknown meshkit setting " + Identifiers.describe(key) + (known.isEmpty()
                    ? " (meshkit settings belong to a schema object or a property)"
                    : " (known: " + String.join(", ", known) + ")"));
            return;
        }
        settings.put(setting.get(), value);
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

    private static boolean absent(Node node) {
        return node == null || isNull(node);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.isNull();
    }

    private MapNode map(Node node, String what) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof MapNode m) {
            return m;
        }
        error(node, what + " must be a mapping, not " + node.describe());
        return null;
    }

    private ListNode list(Node node, String what) {
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ListNode l) {
            return l;
        }
        error(node, what + " must be a list, not " + node.describe());
        return null;
    }

    private ListNode list(MapNode m, String key) {
        return list(m.get(key), key);
    }

    /** A string-like scalar's text, or null when absent or null; an error when it is a mapping or list. */
    private String string(MapNode m, String key) {
        Node node = m.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            return s.text();
        }
        error(node, key + " must be a string, not " + node.describe());
        return null;
    }

    private String requiredString(MapNode m, String key) {
        Node node = m.get(key);
        if (node == null || isNull(node) || (node instanceof ScalarNode s && s.text().isBlank())) {
            error(node == null ? m : node, "missing required field '" + key + "'");
            return null;
        }
        return string(m, key);
    }

    private boolean bool(MapNode m, String key) {
        Node node = m.get(key);
        if (node == null || isNull(node)) {
            return false;
        }
        if (node instanceof ScalarNode s && s.value() instanceof Boolean b) {
            return b;
        }
        error(node, key + " must be true or false, not " + node.describe());
        return false;
    }

    private static String orPlaceholder(String value) {
        return value == null ? PLACEHOLDER : value;
    }

    private void error(Node node, String message) {
        problems.error(node.location(), message);
    }

    private void warning(Node node, String message) {
        problems.warning(node.location(), message);
    }
}
