package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each bad input gives a problem at the right {@code line:column}, and never an exception. */
class ContractValidationTest {
    private static final String HEADER = """
            apiVersion: v3.1.0
            kind: DataContract
            id: c
            version: 1.0.0
            status: active
            """;

    private final ContractReader reader = ContractReader.create();

    /** The problems of a contract with the standard header (5 lines) and the given body. */
    private List<String> problems(String body) {
        return problemsOf(HEADER + body);
    }

    private List<String> problemsOf(String yaml) {
        ParsedContract parsed = reader.parse("c.odcs.yaml", yaml);
        assertThat(parsed.contract().isPresent()).isEqualTo(!parsed.hasErrors());
        return parsed.problems().stream().map(ContractProblem::toString).toList();
    }

    @Test
    void malformedYaml() {
        assertThat(problemsOf("""
                apiVersion: v3.1.0
                kind: DataContract
                id: tracks: v2
                """)).containsExactly("c.odcs.yaml:3:11: error: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void badIndentation() {
        assertThat(problemsOf("""
                apiVersion: v3.1.0
                kind: DataContract
                schema:
                  - name: tracks
                   properties: [
                """)).containsExactly("c.odcs.yaml:5:4: error: invalid YAML: expected <block end>, but found "
                + "'<block mapping start>' (while parsing a block collection)");
    }

    @Test
    void unclosedFlowSequence() {
        assertThat(problemsOf("""
                apiVersion: v3.1.0
                schema: [a, b
                """)).singleElement().asString().startsWith("c.odcs.yaml:3:1: error: invalid YAML: ")
                .doesNotContain("Source").doesNotContain("\n");
    }

    @Test
    void emptyFile() {
        assertThat(problemsOf("")).containsExactly("c.odcs.yaml:1:1: error: the file is empty: expected an ODCS contract");
    }

    @Test
    void notAMapping() {
        assertThat(problemsOf("- a\n- b\n"))
                .containsExactly("c.odcs.yaml:1:1: error: a contract must be a mapping of ODCS fields, not a list");
    }

    @Test
    void missingRequiredFields() {
        assertThat(problemsOf("""
                apiVersion: v9
                kind: Contract
                name: x
                """)).containsExactly(
                "c.odcs.yaml:1:1: error: missing required field 'id'",
                "c.odcs.yaml:1:1: error: missing required field 'version'",
                "c.odcs.yaml:1:1: error: missing required field 'status'",
                "c.odcs.yaml:1:1: error: missing required field 'schema': a contract needs at least one schema object",
                "c.odcs.yaml:1:13: error: unsupported apiVersion 'v9' (accepted: v3.0.0, v3.0.1, v3.0.2, v3.1.0)",
                "c.odcs.yaml:2:7: error: kind must be 'DataContract', not 'Contract'");
    }

    @Test
    void unknownLogicalType() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: title
                        logicalType: strng
                """)).containsExactly("c.odcs.yaml:10:22: error: unknown logicalType 'strng' (known: string, date, "
                + "timestamp, time, number, integer, object, array, boolean)");
    }

    @Test
    void unknownPhysicalType() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: title
                        physicalType: varchr(10)
                """)).containsExactly("c.odcs.yaml:10:23: error: unknown physical type 'varchr(10)'");
    }

    @Test
    void contradictingTypes() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: track_id
                        logicalType: integer
                        physicalType: varchar
                      - {name: released, logicalType: date, physicalType: timestamp}
                      - {name: ok1, logicalType: number, physicalType: bigint}
                      - {name: ok2, logicalType: string, physicalType: uuid}
                      - {name: ok3, logicalType: array, physicalType: json}
                      - {name: ok4, logicalType: timestamp, physicalType: timestamptz}
                """)).containsExactly(
                "c.odcs.yaml:11:23: error: physicalType 'varchar' of column 'track_id' contradicts logicalType "
                        + "integer (VARCHAR is a string type)",
                "c.odcs.yaml:12:59: error: physicalType 'timestamp' of column 'released' contradicts logicalType "
                        + "date (TIMESTAMP is a timestamp type)");
    }

    @Test
    void neitherLogicalNorPhysicalType() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: title
                """)).containsExactly("c.odcs.yaml:9:9: error: column 'title' needs a logicalType or a physicalType");
    }

    @Test
    void duplicateColumn() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: title
                        logicalType: string
                      - name: Title
                        logicalType: string
                      - name: artist_name
                        physicalName: artist
                        logicalType: string
                      - name: artist
                        logicalType: string
                """)).containsExactly(
                "c.odcs.yaml:11:15: error: duplicate column 'Title' (first at line 9; column names are compared "
                        + "ignoring case, physical names included)",
                "c.odcs.yaml:16:15: error: duplicate column 'artist' (first at line 14; column names are compared "
                        + "ignoring case, physical names included)");
    }

    @Test
    void duplicateDataset() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties: [{name: a, logicalType: string}]
                  - name: TRACKS
                    properties: [{name: a, logicalType: string}]
                """)).containsExactly("c.odcs.yaml:9:11: error: duplicate dataset name 'TRACKS' (first at line 7)");
    }

    @Test
    void primaryKeyPositionWithoutPrimaryKey() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: track_id
                        logicalType: integer
                        primaryKeyPosition: 1
                """)).containsExactly("c.odcs.yaml:11:29: error: column 'track_id' has a primaryKeyPosition but is "
                + "not part of the primary key: add 'primaryKey: true' or remove the position");
    }

    @Test
    void duplicatePrimaryKeyPosition() {
        assertThat(problems("""
                schema:
                  - name: rights
                    properties:
                      - {name: track_id, logicalType: integer, primaryKey: true, primaryKeyPosition: 1}
                      - {name: territory, logicalType: string, primaryKey: true, primaryKeyPosition: 1}
                """)).containsExactly("c.odcs.yaml:10:86: error: duplicate primaryKeyPosition 1 (first at line 9)");
    }

    @Test
    void hostileIdentifiers() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    physicalName: "tracks; DROP"
                    properties:
                      - name: 'a"; DROP TABLE x; --'
                        logicalType: string
                      - name: b
                        physicalName: "b\\u0007"
                        logicalType: string
                      - name: 1st
                        logicalType: string
                """)).containsExactly(
                "c.odcs.yaml:8:19: error: dataset physicalName 'tracks; DROP' is not a safe identifier: use letters, "
                        + "digits and underscores, not starting with a digit",
                "c.odcs.yaml:10:15: error: column name 'a\"; DROP TABLE x; --' is not a safe identifier: use "
                        + "letters, digits and underscores, not starting with a digit",
                "c.odcs.yaml:13:23: error: column physicalName 'b\\u0007' is not a safe identifier: use letters, "
                        + "digits and underscores, not starting with a digit",
                "c.odcs.yaml:15:15: error: column name '1st' is not a safe identifier: use letters, digits and "
                        + "underscores, not starting with a digit");
    }

    @Test
    void unknownMeshkitSetting() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: title
                        logicalType: string
                        customProperties:
                          - property: meshkit.histroy
                            value: type1
                    customProperties:
                      - property: meshkit.foo
                        value: 1
                      - property: team.slack
                        value: "#music"
                customProperties:
                  meshkit.kind: fact
                """)).containsExactly(
                "c.odcs.yaml:12:23: error: unknown meshkit setting 'meshkit.histroy' (known: meshkit.history)",
                "c.odcs.yaml:15:19: error: unknown meshkit setting 'meshkit.foo' (known: meshkit.kind, "
                        + "meshkit.timeResolution, meshkit.samplingKey, meshkit.deletes)",
                "c.odcs.yaml:20:3: error: unknown meshkit setting 'meshkit.kind' (meshkit settings belong to a "
                        + "schema object or a property)");
    }

    @Test
    void badMeshkitValues() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - {name: title, logicalType: string, customProperties: [{property: meshkit.history, value: scd9}]}
                    customProperties:
                      - {property: meshkit.kind, value: Dimensional}
                      - {property: meshkit.timeResolution, value: [hour]}
                """)).containsExactly(
                "c.odcs.yaml:9:98: error: unknown meshkit.history 'scd9' (known: type2, type1, ignore)",
                "c.odcs.yaml:11:41: error: unknown meshkit.kind 'Dimensional' (known: dimension, fact, snapshot)",
                "c.odcs.yaml:12:51: error: meshkit.timeResolution must be one of hour, day, not a list");
    }

    @Test
    void meshkitValuesIgnoreCase() {
        ParsedContract parsed = reader.parse("c.odcs.yaml", HEADER + """
                schema:
                  - name: tracks
                    properties:
                      - {name: track_id, logicalType: integer, primaryKey: true}
                    customProperties:
                      - {property: meshkit.kind, value: DIMENSION}
                      - {property: meshkit.timeResolution, value: Hour}
                """);
        Dataset tracks = parsed.orThrow().datasets().get(0);
        assertThat(tracks.kind()).isEqualTo(DatasetKind.DIMENSION);
        assertThat(tracks.timeResolution()).isEqualTo(TimeResolution.HOUR);
    }

    @Test
    void samplingKeyNamingMissingColumn() {
        assertThat(problems("""
                schema:
                  - name: plays
                    properties:
                      - {name: play_id, logicalType: integer}
                      - {name: listener_id, logicalType: string}
                    customProperties:
                      - property: meshkit.samplingKey
                        value: user_id
                """)).containsExactly("c.odcs.yaml:13:16: error: meshkit.samplingKey 'user_id' is not a column of "
                + "dataset 'plays' (columns: play_id, listener_id)");
    }

    @Test
    void dimensionWithoutPrimaryKey() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - {name: title, logicalType: string}
                    customProperties:
                      - property: meshkit.kind
                        value: dimension
                """)).containsExactly("c.odcs.yaml:12:16: error: dataset 'tracks' is a dimension but has no primary "
                + "key: mark its key columns with 'primaryKey: true'");
    }

    @Test
    void wrongNodeTypes() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties: title, artist
                  - name: plays
                    properties:
                      - name: [a]
                        logicalType: {type: string}
                        required: "yes"
                        primaryKeyPosition: first
                  - just a string
                team: music-catalog
                """)).containsExactly(
                "c.odcs.yaml:8:17: error: properties must be a list, not a string",
                "c.odcs.yaml:11:15: error: name must be a string, not a list",
                "c.odcs.yaml:12:22: error: logicalType must be a string, not a mapping",
                "c.odcs.yaml:13:19: error: required must be true or false, not a string",
                "c.odcs.yaml:14:29: error: primaryKeyPosition must be an integer, not a string",
                "c.odcs.yaml:15:5: error: schema object must be a mapping, not a string",
                "c.odcs.yaml:16:7: error: team must be a mapping with name and members (or, in v3.0, a list of "
                        + "members), not a string");
    }

    @Test
    void wrongShapesOfCustomPropertiesQualityAndThresholds() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: title
                        logicalType: string
                        quality: nullValues
                      - name: genre
                        logicalType: string
                        quality:
                          - metric: invalidValues
                            arguments: {validValues: pop}
                          - metric: nullValues
                            mustBe: zero
                          - metric: nullValues
                            mustBeBetween: [5, 1]
                          - metric: nullValues
                            mustBe: 0
                            mustBeLessThan: 3
                          - metric: nullCount
                          - type: sql
                    customProperties: gold
                  - name: plays
                    properties: [{name: a, logicalType: string}]
                    customProperties:
                      - value: 1
                """)).containsExactly(
                "c.odcs.yaml:11:18: error: quality must be a list, not a string",
                "c.odcs.yaml:16:24: error: validValues must be a list of values",
                "c.odcs.yaml:18:21: error: mustBe must be a number, not a string",
                "c.odcs.yaml:20:28: error: mustBeBetween lower bound 5 is above the upper bound 1",
                "c.odcs.yaml:23:29: error: quality rule has more than one threshold (mustBe, mustBeLessThan): keep one",
                "c.odcs.yaml:24:21: error: unknown quality metric 'nullCount' (known: nullValues, missingValues, "
                        + "invalidValues, duplicateValues, rowCount; v3.0 rules nullCheck, validValues, "
                        + "duplicateCount, rowCount)",
                "c.odcs.yaml:25:13: error: sql quality rule needs a query",
                "c.odcs.yaml:26:23: error: customProperties must be a list of {property, value} (or a mapping), not a "
                        + "string",
                "c.odcs.yaml:30:9: error: missing required field 'property'");
    }

    @Test
    void duplicateYamlKey() {
        assertThat(problemsOf(HEADER + """
                status: draft
                schema:
                  - name: tracks
                    properties:
                      - name: title
                        logicalType: string
                        logicalType: integer
                """)).containsExactly(
                "c.odcs.yaml:6:1: error: duplicate key 'status' (first at line 5)",
                "c.odcs.yaml:12:9: error: duplicate key 'logicalType' (first at line 11)");
    }

    @Test
    void badSla() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties: [{name: a, logicalType: string}]
                slaProperties:
                  - {property: freshness, value: 1, unit: fortnight}
                  - {property: latency, value: soon, unit: d}
                  - {property: frequency, value: 1}
                  - {property: Freshness, value: 2, unit: d}
                """)).containsExactly(
                "c.odcs.yaml:10:43: error: unknown unit 'fortnight' of SLA property 'freshness' (known: d, day, days, "
                        + "h, hour, hours, m, min, minute, minutes, s, second, seconds, y, yr, year, years, month, "
                        + "months)",
                "c.odcs.yaml:11:32: error: the value of SLA property 'latency' must be a number, not a string",
                "c.odcs.yaml:12:5: error: SLA property 'frequency' needs a unit (d, h, m, y or month)",
                "c.odcs.yaml:13:16: error: duplicate SLA property 'Freshness' (first at line 10)");
    }

    @Test
    void reportsEveryProblemOfAFile() {
        ParsedContract parsed = reader.parse(ContractReaderTest.FIXTURES.resolve("many-problems.odcs.yaml"));
        String path = ContractReaderTest.FIXTURES.resolve("many-problems.odcs.yaml").toString();
        assertThat(parsed.contract()).isEmpty();
        assertThat(parsed.problems()).extracting(ContractProblem::toString).containsExactly(
                path + ":1:1: error: missing required field 'version'",
                path + ":1:13: error: unsupported apiVersion 'v2.2.2' (accepted: v3.0.0, v3.0.1, v3.0.2, v3.1.0)",
                path + ":9:22: error: unknown logicalType 'strng' (known: string, date, timestamp, time, number, "
                        + "integer, object, array, boolean)",
                path + ":11:23: error: unknown physical type 'varchr(10)'",
                path + ":12:15: error: duplicate column 'Track_ID' (first at line 8; column names are compared "
                        + "ignoring case, physical names included)",
                path + ":16:16: error: dataset 'tracks' is a dimension but has no primary key: mark its key columns "
                        + "with 'primaryKey: true'");
    }
}
