package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.type.LogicalType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The forms contracts written by others take: unknown and legacy keys, nested data, names that are legal where they
 * live, contracts without a schema, the SLA and quality forms of the standard, and v3.0's logical types.
 */
class ContractFormsTest {
    private static final Path REAL_WORLD = Path.of("src/test/resources/contracts/real-world");

    private final ContractReader reader = ContractReader.create();

    private static String header(String version) {
        return "apiVersion: " + version + "\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: active\n";
    }

    private List<String> problems(String yaml) {
        ParsedContract parsed = reader.parse("c.odcs.yaml", yaml);
        assertThat(parsed.contract().isPresent()).isEqualTo(!parsed.hasErrors());
        return parsed.problems().stream().map(ContractProblem::toString).toList();
    }

    // ---------------------------------------------------------------- unknown keys

    @Test
    void typosAndLegacyKeysSayWhatOdcsWrites() {
        // a property refuses unknown keys in every version: errors, with the key ODCS has
        assertThat(problems(header("v3.1.0") + """
                schema:
                  - name: users
                    properties:
                      - name: email
                        logicalType: string
                        requried: true
                      - name: id
                        logicalType: integer
                        primarykey: true
                      - name: nickname
                        logicalType: string
                        isNullable: false
                      - name: active
                        logicalType: boolean
                        isUnique: true
                """)).containsExactly(
                "c.odcs.yaml:11:9: error: unknown field 'requried' in property 'email' of schema object 'users' (did you"
                        + " mean 'required'?)",
                "c.odcs.yaml:14:9: error: unknown field 'primarykey' in property 'id' of schema object 'users' (did you"
                        + " mean 'primaryKey'? keys are case-sensitive)",
                "c.odcs.yaml:17:9: error: unknown field 'isNullable' in property 'nickname' of schema object 'users':"
                        + " ODCS writes 'required' (the opposite: isNullable: false is required: true)",
                "c.odcs.yaml:20:9: error: unknown field 'isUnique' in property 'active' of schema object 'users': ODCS"
                        + " writes 'unique'");
        // v3.0 lets quality rules, servers and SLA properties carry other keys: warnings, the contract is read
        assertThat(problems(header("v3.0.2") + """
                servers:
                  - {server: files, type: local, path: /data, format: csv, fromat: parquet}
                schema:
                  - name: users
                    properties:
                      - name: email
                        logicalType: string
                        quality:
                          - rule: nullCheck
                            mustBeGreaterThanOrEqualTo: 0
                            toolName: soda
                slaProperties:
                  - {property: latency, value: 1, unit: d, elment: users.email}
                """)).containsExactly(
                "c.odcs.yaml:7:60: warning: unknown field 'fromat' in server 'files' (did you mean 'format'?)",
                "c.odcs.yaml:15:13: warning: unknown field 'mustBeGreaterThanOrEqualTo' in quality rule 1 of property"
                        + " 'email' of schema object 'users': ODCS writes 'mustBeGreaterOrEqualTo'",
                "c.odcs.yaml:16:13: warning: unknown field 'toolName' in quality rule 1 of property 'email' of schema"
                        + " object 'users': ODCS writes the engine of a custom rule as 'engine'",
                "c.odcs.yaml:18:44: warning: unknown field 'elment' in SLA property 'latency' (did you mean 'element'?)");
    }

    // ---------------------------------------------------------------- nested data

    @Test
    void nestedPropertiesAndItemsAreModelledAndChecked() {
        Contract c = reader.read(REAL_WORLD.resolve("bigquery-sessions.odcs.yaml"));
        Dataset sessions = c.datasets().get(0);
        Column device = sessions.column("device").orElseThrow();
        assertThat(device.logicalType()).isEqualTo(LogicalType.OBJECT);
        assertThat(device.physicalType()).hasToString("STRUCT<category VARCHAR, os VARCHAR, screen STRUCT<width BIGINT,"
                + " height BIGINT>>");
        assertThat(device.properties()).extracting(Column::name).containsExactly("category", "os", "screen");
        assertThat(device.properties().get(2).properties()).extracting(Column::name).containsExactly("width", "height");
        assertThat(device.required()).isTrue();
        Column hits = sessions.column("hits").orElseThrow();
        assertThat(hits.physicalType()).hasToString("ARRAY<STRUCT<hit_number BIGINT, page_path VARCHAR>>");
        assertThat(hits.items().properties()).extracting(Column::name).containsExactly("hit_number", "page_path");
        assertThat(sessions.column("utm").orElseThrow().physicalType())
                .hasToString("STRUCT<source VARCHAR, medium VARCHAR, campaign VARCHAR>");
        assertThat(sessions.column("experiments").orElseThrow().physicalType())
                .hasToString("ARRAY<STRUCT<id BIGINT, variant VARCHAR>>");

        Dataset clicks = reader.read(REAL_WORLD.resolve("databricks-clicks.odcs.yaml")).datasets().get(0);
        assertThat(clicks.column("counters").orElseThrow().physicalType())
                .isEqualTo(DataType.map(DataType.VARCHAR, DataType.BIGINT));

        // a hostile name or an unknown type inside nested data is an error at its own line
        assertThat(problems(header("v3.1.0") + """
                schema:
                  - name: t
                    properties:
                      - name: device
                        logicalType: object
                        properties:
                          - name: os
                            logicalType: string
                          - name: "x; DROP TABLE t"
                            logicalType: string
                          - name: screen
                            logicalType: object
                            properties:
                              - name: width
                                physicalType: integr
                      - name: tags
                        logicalType: array
                        items:
                          logicalType: string
                          physicalType: VARCHR
                      - name: ctx
                        physicalType: "STRUCT<page STRING, depth INTT>"
                """)).containsExactly(
                "c.odcs.yaml:14:19: error: property name 'x; DROP TABLE t' is not a safe name: it contains a semicolon (;)",
                "c.odcs.yaml:20:31: error: physicalType 'integr' of property 'width' of property 'screen' of property"
                        + " 'device' of dataset 't': unknown physical type 'integr': did you mean INTEGER?",
                "c.odcs.yaml:25:25: warning: physicalType 'VARCHR' of items of property 'tags' of dataset 't': unknown"
                        + " physical type 'varchr': did you mean VARCHAR?; it is read by its logicalType string as VARCHAR",
                "c.odcs.yaml:27:23: error: physicalType 'STRUCT<page STRING, depth INTT>' of property 'ctx' of dataset"
                        + " 't': unknown physical type 'intt': did you mean INT?");
    }

    // ---------------------------------------------------------------- names

    @Test
    void namesLegalWhereTheyLiveAreValid() {
        ParsedContract parsed = reader.parse(REAL_WORLD.resolve("kafka-orders-avro.odcs.yaml"));
        assertThat(parsed.errors()).isEmpty();
        Contract c = parsed.orThrow();
        Dataset topic = c.dataset("orders.avro.v1").orElseThrow();
        assertThat(topic.tableName()).isEqualTo("orders.avro.v1");
        assertThat(topic.physicalType()).isEqualTo("topic");
        assertThat(topic.columns()).extracting(Column::columnName).contains(ColumnName.of("order-id"),
                ColumnName.of("total price"));
        assertThat(c.dataset("inventory-events")).isPresent();
        assertThat(DatasetTables.of(c, topic).production().name()).isEqualTo("orders.avro.v1");
    }

    // ---------------------------------------------------------------- no schema

    @Test
    void contractsWithoutASchemaAreValid() {
        for (String file : List.of("sla-only.odcs.yaml", "roles-servers-only.odcs.yaml")) {
            ParsedContract parsed = reader.parse(REAL_WORLD.resolve(file));
            assertThat(parsed.problems()).as(file).isEmpty();
            assertThat(parsed.orThrow().datasets()).isEmpty();
        }
        assertThat(problems(header("v3.1.0"))).isEmpty();
    }

    // ---------------------------------------------------------------- SLA

    @Test
    void slaDurationsInEveryFormTheStandardWrites() {
        Sla sla = reader.read(REAL_WORLD.resolve("sla-only.odcs.yaml")).sla();
        assertThat(sla.latency()).contains(Duration.ofMillis(500)); // 500 ms (operational) and "2s" (analytics)
        assertThat(sla.all("latency")).extracting(SlaProperty::driver).containsExactly("operational", "analytics");
        assertThat(sla.freshness()).contains(Duration.ofMinutes(15)); // PT15M
        assertThat(sla.maxDataAge()).contains(Duration.ofMillis(500)); // the stricter of freshness and latency
        assertThat(sla.frequency()).contains(Duration.ofHours(1));
        assertThat(sla.retention()).contains(Duration.ofDays(365));
        assertThat(sla.all("timeOfAvailability")).extracting(SlaProperty::value).containsExactly("09:00-08:00", "08:00-08:00");
        assertThat(sla.elementOf("freshness")).contains("events.received_at"); // slaDefaultElement
        assertThat(sla.elementOf("availability")).contains("events.received_at");
        assertThat(sla.elementOf("nothing")).isEmpty();

        assertThat(SlaDurations.duration("P1D", null)).contains(Duration.ofDays(1));
        assertThat(SlaDurations.duration("P1Y2M3DT4H5M6.5S", null))
                .contains(Duration.ofDays(365 + 60 + 3).plusHours(4).plusMinutes(5).plusMillis(6500));
        assertThat(SlaDurations.duration("500ms", null)).contains(Duration.ofMillis(500));
        assertThat(SlaDurations.duration("2 hours", null)).contains(Duration.ofHours(2));
        assertThat(SlaDurations.duration("1.5", "h")).contains(Duration.ofMinutes(90));
        assertThat(SlaDurations.duration(3L, "weeks")).contains(Duration.ofDays(21));
        assertThat(SlaDurations.duration(4L, "d")).contains(Duration.ofDays(4));
        assertThat(SlaDurations.duration(4L, null)).isEmpty();
        assertThat(SlaDurations.duration("daily", null)).isEmpty();
    }

    // ---------------------------------------------------------------- v3.0 forms

    @Test
    void v30DateOverAPointInTimeIsATimestampOrTime() {
        String props = """
                schema:
                  - name: t
                    properties:
                      - {name: created, logicalType: date, physicalType: timestamp}
                      - {name: created_tz, logicalType: date, physicalType: TIMESTAMP_TZ}
                      - {name: at, logicalType: date, physicalType: time}
                      - {name: day, logicalType: date, physicalType: date}
                """;
        ParsedContract v30 = reader.parse("c.odcs.yaml", header("v3.0.1") + props);
        assertThat(v30.problems()).isEmpty();
        assertThat(v30.orThrow().datasets().get(0).columns()).extracting(Column::logicalType)
                .containsExactly(LogicalType.TIMESTAMP, LogicalType.TIMESTAMP, LogicalType.TIME, LogicalType.DATE);
        // in v3.1.0 the same reads the same way, with a warning: v3.1.0 has timestamp and time
        ParsedContract v31 = reader.parse("c.odcs.yaml", header("v3.1.0") + props);
        assertThat(v31.hasErrors()).isFalse();
        assertThat(v31.warnings()).hasSize(3).allSatisfy(w -> assertThat(w.message()).contains("v3.0 form"));
    }

    // ---------------------------------------------------------------- quality

    @Test
    void qualitySeverityAndUnitAreOpenAndCustomRulesKeepTheirEngine() {
        Contract c = reader.parse("c.odcs.yaml", header("v3.1.0") + """
                schema:
                  - name: t
                    properties:
                      - name: email
                        logicalType: string
                        quality:
                          - metric: nullValues
                            mustBeLessThan: 2
                            unit: percent
                            severity: critical
                            dimension: completeness
                          - metric: missingValues
                            arguments: {missingValues: ["", "n/a"]}
                            mustBe: 0
                            unit: records
                            severity: info
                    quality:
                      - type: custom
                        engine: soda
                        implementation: "checks for t:\\n  - row_count > 10\\n"
                """).orThrow();
        List<QualityRule> rules = c.datasets().get(0).column("email").orElseThrow().quality();
        assertThat(rules.get(0).severity()).isEqualTo("critical");
        assertThat(rules.get(0).isWarning()).isFalse();
        assertThat(rules.get(0).isPercent()).isTrue();
        assertThat(rules.get(0).dimension()).isEqualTo("completeness");
        assertThat(rules.get(1).unit()).isEqualTo("records");
        assertThat(rules.get(1).isWarning()).isTrue();
        QualityRule soda = c.datasets().get(0).quality().get(0);
        assertThat(soda.type()).isEqualTo(QualityRuleType.CUSTOM);
        assertThat(soda.engine()).isEqualTo("soda");
        assertThat(soda.implementation()).isEqualTo("checks for t:\n  - row_count > 10\n");
    }
}
