package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.type.DataType;
import io.meshkit.core.type.LogicalType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractWriterTest {
    private final ContractReader reader = ContractReader.create();

    @ParameterizedTest
    @ValueSource(strings = {"tracks-v31.odcs.yaml", "tracks-v30.odcs.yaml"})
    void roundTripsFixtures(String fixture) {
        Contract original = reader.read(ContractReaderTest.FIXTURES.resolve(fixture));
        String yaml = ContractWriter.write(original);

        ParsedContract again = reader.parse("written.odcs.yaml", yaml);
        assertThat(again.problems()).as(yaml).isEmpty();
        assertThat(again.contract()).contains(withApiVersion(original, "v3.1.0"));
        assertThat(ContractWriter.write(again.contract().orElseThrow())).isEqualTo(yaml);
    }

    @Test
    void roundTripsExamples() {
        for (Path file : reader.findContracts(Path.of("../examples/music/contracts"))) {
            Contract original = reader.read(file);
            Contract again = reader.parse("written.odcs.yaml", ContractWriter.write(original)).orThrow();
            assertThat(again).as(file.toString()).isEqualTo(withApiVersion(original, "v3.1.0"));
        }
    }

    @Test
    void roundTripsAContractBuiltInCode() {
        Column key = new Column("track_id", null, LogicalType.INTEGER, DataType.BIGINT, true, true, true, 1, null,
                "The key.", false, HistoryMode.TYPE2, List.of(), Map.of());
        Column email = new Column("email", "email_address", LogicalType.STRING, DataType.varchar(320), false, false,
                false, -1, "pii", null, false, HistoryMode.IGNORE, List.of(new QualityRule("few_missing", null,
                        QualityRuleType.LIBRARY, QualityMetric.MISSING_VALUES, Map.of("missingValues", List.of("", "n/a")),
                        new Threshold(Threshold.Operator.NOT_BETWEEN, new BigDecimal("1.5"), BigDecimal.TEN),
                        "percent", null, "warning")), Map.of("note", "yes"));
        Column day = new Column("day", null, LogicalType.DATE, DataType.DATE, true, false, false, -1, null, null, true,
                HistoryMode.TYPE1, List.of(), Map.of());
        Column amount = new Column("amount", null, LogicalType.NUMBER, DataType.decimal(10, 2), false, false, false,
                -1, null, "multi\nline", false, HistoryMode.TYPE2, List.of(), Map.of());
        Dataset users = new Dataset("users", "dim_users", "People.", DatasetKind.DIMENSION, TimeResolution.HOUR,
                Optional.of(ColumnName.of("email_address")), DeletesMode.TOMBSTONE, List.of(key, email, day, amount),
                List.of(new QualityRule(null, "no test accounts", QualityRuleType.SQL, null, Map.of(), null, null,
                        "SELECT COUNT(*) FROM dim_users WHERE email LIKE '%@test'", null)),
                Map.of("tier", 1L, "flags", List.of(true, "1.0")));
        Contract c = new Contract("v3.0.0", "DataContract", "users", "Users", "1.0", "active", "people", null,
                new Description(null, "Join on track_id", null), new Team("people-team", List.of()), List.of(users),
                new Sla(Optional.of(Duration.ofHours(36)), Optional.of(Duration.ofMinutes(90)), Optional.empty(),
                        Optional.of(Duration.ofSeconds(45)), List.of(new SlaProperty("support", "24/7", null, "users")),
                        Map.of("freshness", "dim_users.updated_at")),
                List.of(new Server("prod", "bigquery", Map.of("project", "p1", "dataset", "d1"))),
                Map.of("yes", "no", "version", "2.0"));

        String yaml = ContractWriter.write(c);
        assertThat(reader.parse("written.odcs.yaml", yaml).orThrow()).isEqualTo(withApiVersion(c, "v3.1.0"));
    }

    @Test
    void writesV31InDocumentedOrder() {
        String yaml = ContractWriter.write(reader.read(ContractReaderTest.FIXTURES.resolve("tracks-v30.odcs.yaml")));
        assertThat(yaml).isEqualTo("""
                apiVersion: v3.1.0
                kind: DataContract
                id: tracks-v30
                version: 0.9.0
                status: draft
                description:
                  purpose: "Tracks, the old way."
                schema:
                  - name: tracks
                    logicalType: object
                    properties:
                      - name: track_id
                        logicalType: integer
                        physicalType: BIGINT
                        primaryKey: true
                        quality:
                          - type: library
                            metric: nullValues
                            mustBe: 0
                      - name: genre
                        logicalType: string
                        physicalType: VARCHAR
                        quality:
                          - type: library
                            metric: invalidValues
                            arguments:
                              validValues:
                                - pop
                                - rock
                            mustBeLessOrEqualTo: 10
                      - name: isrc
                        logicalType: string
                        physicalType: VARCHAR
                        quality:
                          - type: library
                            metric: duplicateValues
                            mustBeLessOrEqualTo: 0
                    quality:
                      - type: library
                        metric: rowCount
                        mustBeGreaterThan: 0
                    customProperties:
                      - property: meshkit.kind
                        value: dimension
                team:
                  members:
                    - username: ada
                      role: owner
                    - username: bob
                      role: steward
                slaProperties:
                  - property: latency
                    value: 4
                    unit: h
                """);
    }

    private static Contract withApiVersion(Contract c, String apiVersion) {
        return new Contract(apiVersion, c.kind(), c.id(), c.name(), c.version(), c.status(), c.domain(),
                c.dataProduct(), c.description(), c.team(), c.datasets(), c.sla(), c.servers(), c.customProperties());
    }
}
