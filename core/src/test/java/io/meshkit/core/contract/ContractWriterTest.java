package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.type.DataType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContractWriterTest {
    private final ContractReader reader = ContractReader.create();

    @ParameterizedTest
    @ValueSource(strings = {"tracks-v31.odcs.yaml", "tracks-v30.odcs.yaml"})
    void writesBackWhatItRead(String fixture) {
        Contract original = reader.read(ContractReaderTest.FIXTURES.resolve(fixture));
        String yaml = ContractWriter.write(original);

        ParsedContract again = reader.parse("written.odcs.yaml", yaml);
        assertThat(again.problems()).as(yaml).isEmpty();
        assertThat(again.contract()).contains(original);
        assertThat(ContractWriter.write(again.orThrow())).isEqualTo(yaml);
    }

    @Test
    void writesTheMusicExamplesBackUnchanged() {
        for (Path file : reader.findContracts(Path.of("../examples/music/contracts"))) {
            Contract original = reader.read(file);
            assertThat(reader.parse("written.odcs.yaml", ContractWriter.write(original)).orThrow())
                    .as(file.toString()).isEqualTo(original);
        }
    }

    @Test
    void keepsWhatMeshkitDoesNotModelAndInventsNothing() {
        String yaml = """
                apiVersion: v3.1.0
                kind: DataContract
                id: keep
                version: 1.0.0
                status: active
                tenant: ClimateQuantumInc
                tags: [finance]
                schema:
                  - name: payments
                    businessName: Core Payment Metrics
                    tags: [payments]
                    authoritativeDefinitions:
                      - {type: businessDefinition, url: "https://example.com/def"}
                    properties:
                      - name: amount
                        logicalType: number
                        logicalTypeOptions: {minimum: 0}
                        required: false
                        primaryKeyPosition: -1
                        criticalDataElement: true
                        examples: [1.5, "2.0"]
                        quality:
                          - type: custom
                            engine: soda
                            implementation: {checks: [row_count > 0]}
                            dimension: accuracy
                            severity: critical
                          - type: text
                            description: Amounts are in cents.
                      - name: tags
                        logicalType: array
                        items: {logicalType: string, physicalType: varchar(10)}
                price: {priceAmount: 9.95, priceCurrency: USD, priceUnit: megabyte}
                roles:
                  - {role: reader, access: read}
                contractCreatedTs: "2022-11-15T02:59:43+00:00"
                """;
        Contract c = reader.parse("keep.odcs.yaml", yaml).orThrow();
        String written = ContractWriter.write(c);
        assertThat(written).contains("tenant: ClimateQuantumInc", "businessName: Core Payment Metrics",
                "criticalDataElement: true", "engine: soda", "dimension: accuracy", "severity: critical",
                "priceAmount: 9.95", "required: false", "primaryKeyPosition: -1", "minimum: 0",
                "contractCreatedTs: \"2022-11-15T02:59:43+00:00\"", "- \"2.0\"");
        assertThat(written).doesNotContain("mustBe", "physicalType: VARCHAR", "metric:");
        assertThat(reader.parse("again.odcs.yaml", written).orThrow()).isEqualTo(c);
        Column tags = c.datasets().get(0).column("tags").orElseThrow();
        assertThat(tags.physicalType()).isEqualTo(DataType.array(DataType.varchar(10)));
        assertThat(tags.items().name()).isNull();
    }

    @Test
    void quotesWhatAYaml11ReaderWouldReadAsSomethingElse() {
        String yaml = """
                apiVersion: v3.1.0
                kind: DataContract
                id: quotes
                version: "1.0"
                status: "yes"
                customProperties:
                  - {property: a, value: "2024-01-31"}
                  - {property: b, value: "on"}
                  - {property: c, value: "1:30"}
                  - {property: d, value: "0x1F"}
                  - {property: e, value: "~"}
                  - {property: f, value: "1e5"}
                  - {property: g, value: 1.50}
                  - {property: h, value: 0.0000001}
                  - {property: i, value: "line one\\nline two\\n"}
                """;
        Contract c = reader.parse("q.odcs.yaml", yaml).orThrow();
        String written = ContractWriter.write(c);
        assertThat(written).contains("version: \"1.0\"", "status: \"yes\"", "value: \"2024-01-31\"", "value: \"on\"",
                "value: \"1:30\"", "value: \"0x1F\"", "value: \"~\"", "value: \"1e5\"", "value: 1.50",
                "value: 0.0000001");
        assertThat(reader.parse("again.odcs.yaml", written).orThrow()).isEqualTo(c);
    }

    @Test
    void convertsV30FormsToV31() {
        Contract v30 = reader.read(ContractReaderTest.FIXTURES.resolve("tracks-v30.odcs.yaml"));
        ContractWriter.Conversion conversion = ContractWriter.convert(v30, "v3.1.0");
        assertThat(conversion.yaml()).isEqualTo("""
                apiVersion: v3.1.0
                kind: DataContract
                id: tracks-v30
                version: 0.9.0
                status: draft
                description:
                  purpose: "Tracks, the old way."
                team:
                  members:
                    - username: ada
                      role: owner
                    - username: bob
                      role: steward
                schema:
                  - name: tracks
                    properties:
                      - name: track_id
                        physicalType: bigint
                        primaryKey: true
                        quality:
                          - metric: nullValues
                            mustBe: 0
                      - name: released
                        logicalType: timestamp
                        physicalType: timestamp
                        logicalTypeOptions:
                          exclusiveMaximum: "2100-01-01"
                      - name: genre
                        logicalType: string
                        quality:
                          - metric: invalidValues
                            mustBeLessOrEqualTo: 10
                            arguments:
                              validValues:
                                - pop
                                - rock
                      - name: isrc
                        logicalType: string
                        quality:
                          - metric: duplicateValues
                            mustBeLessOrEqualTo: 0
                    quality:
                      - metric: rowCount
                        mustBeGreaterThan: 0
                    customProperties:
                      - property: meshkit.kind
                        value: dimension
                slaProperties:
                  - property: Latency
                    value: 4
                    unit: h
                """);
        assertThat(conversion.notes()).containsExactly(
                "quality rule 1 of property track_id: v3.1.0 names a threshold: the implied mustBe: 0 is written",
                "quality rule 1 of schema object tracks: v3.1.0 names a threshold: the implied mustBeGreaterThan: 0"
                        + " is written");
        ParsedContract converted = reader.parse("converted.odcs.yaml", conversion.yaml());
        assertThat(converted.problems()).isEmpty();
        Contract v31 = converted.orThrow();
        assertThat(v31.datasets().get(0).columns()).extracting(Column::logicalType)
                .isEqualTo(v30.datasets().get(0).columns().stream().map(Column::logicalType).toList());
        assertThat(v31.datasets().get(0).columns()).extracting(Column::physicalType)
                .isEqualTo(v30.datasets().get(0).columns().stream().map(Column::physicalType).toList());
        assertThat(v31.team()).isEqualTo(v30.team());
        assertThat(v31.sla()).isEqualTo(v30.sla());
    }

    @Test
    void convertingToItsOwnVersionChangesNothing() {
        Contract v31 = reader.read(ContractReaderTest.FIXTURES.resolve("tracks-v31.odcs.yaml"));
        assertThat(ContractWriter.convert(v31, "v3.1.0").yaml()).isEqualTo(ContractWriter.write(v31));
        assertThat(ContractWriter.convert(v31, "v3.1.0").notes()).isEmpty();
    }

    @Test
    void refusesWhatItCannotWrite() {
        Contract v31 = reader.read(ContractReaderTest.FIXTURES.resolve("tracks-v31.odcs.yaml"));
        assertThatThrownBy(() -> ContractWriter.convert(v31, "v3.0.2"))
                .isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot convert contract urn:meshkit:music:tracks from v3.1.0 to v3.0.2: meshkit converts"
                        + " v3.0.x contracts to v3.1.0");
        Contract inCode = new Contract("v3.1.0", "DataContract", "code", null, "1", "draft", null, null, null, null,
                List.of(), null, null, null, null, null);
        assertThatThrownBy(() -> ContractWriter.write(inCode)).isInstanceOf(IllegalArgumentException.class);
    }
}
