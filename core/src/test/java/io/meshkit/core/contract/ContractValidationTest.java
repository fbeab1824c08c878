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

    /**
     * The ODCS standard's own examples that declare v3.0.2 but use v3.1.0 forms (its CI checks them
     * against v3.1.0): each refusal says the v3.0.2 form and that v3.1.0 has theirs.
     */
    @Test
    void v31FormsInAv30ContractSayTheyAreV31() {
        assertThat(problemsOf("""
                apiVersion: v3.0.2
                kind: DataContract
                id: x
                version: 1.0.0
                status: active
                schema:
                  - name: t
                    properties:
                      - name: d
                        logicalType: date
                        logicalTypeOptions: {exclusiveMinimum: "2020-01-01"}
                      - name: n
                        logicalType: integer
                        quality:
                          - {type: library, metric: nullValues, mustBe: 0}
                team: {name: Data Protection Office}
                """)).containsExactly(
                "c.odcs.yaml:11:48: error: exclusiveMinimum of property 'd' of schema object 't' must be true or false, not text"
                        + " '2020-01-01': ODCS v3.0.2 writes exclusiveMinimum: true beside minimum (or declare apiVersion: v3.1.0,"
                        + " where exclusiveMinimum is the bound itself)",
                "c.odcs.yaml:15:13: error: missing required field 'rule' in quality rule 1 of property 'n' of schema object 't':"
                        + " a library quality rule names its check with 'rule' in ODCS v3.0.2 (e.g. rule: nullCheck), or set type:"
                        + " text, sql or custom (or declare apiVersion: v3.1.0, which names it with metric)",
                "c.odcs.yaml:16:7: error: team of the contract must be a list, not a mapping: ODCS v3.0.2 writes team as a list"
                        + " of members (or declare apiVersion: v3.1.0, which writes it as a mapping with name and members)");
    }

    /** The ODCS JSON schema itself, passed as a contract: one line saying what it is, not one per schema keyword. */
    @Test
    void aJsonSchemaIsNotAContract() {
        assertThat(problemsOf("""
                {
                  "$schema": "https://json-schema.org/draft/2019-09/schema",
                  "title": "Open Data Contract Standard (ODCS)",
                  "type": "object",
                  "properties": {"version": {"type": "string"}}
                }
                """)).containsExactly("c.odcs.yaml:1:1: error: Cannot read contract: this file is a JSON Schema (it has $schema),"
                + " not an ODCS contract: pass the contracts it describes (*.odcs.yaml)");
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
                "c.odcs.yaml:1:13: error: apiVersion 'v9' is not one meshkit reads (v3.0.0, v3.0.1, v3.0.2, v3.1.0)");
        assertThat(problemsOf("""
                kind: Contract
                name: x
                """)).containsExactly(
                "c.odcs.yaml:1:1: error: missing required field 'version' in the contract",
                "c.odcs.yaml:1:1: error: missing required field 'apiVersion' in the contract",
                "c.odcs.yaml:1:1: error: missing required field 'id' in the contract",
                "c.odcs.yaml:1:1: error: missing required field 'status' in the contract",
                "c.odcs.yaml:1:7: error: kind 'Contract' of the contract is not one ODCS v3.1.0 allows (DataContract)");
    }

    @Test
    void unknownLogicalType() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: title
                        logicalType: strng
                """)).containsExactly("c.odcs.yaml:10:22: error: logicalType 'strng' of property 'title' of schema object"
                + " 'tracks' is not one ODCS v3.1.0 allows (string, date, timestamp, time, number, integer, object, array,"
                + " boolean) (did you mean 'string'?)");
    }

    @Test
    void unknownPhysicalType() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: title
                        physicalType: varchr(10)
                """)).containsExactly("c.odcs.yaml:10:23: error: physicalType 'varchr(10)' of property 'title' of dataset"
                + " 'tracks': unknown physical type 'varchr': did you mean VARCHAR?");
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
                "c.odcs.yaml:11:23: warning: physicalType 'varchar' of property 'track_id' of dataset 'tracks' is a"
                        + " string type, but its logicalType is integer: tools that create tables use VARCHAR",
                "c.odcs.yaml:12:39: warning: logicalType date of property 'released' of dataset 'tracks' has"
                        + " physicalType 'timestamp', a timestamp: ODCS v3.1.0 writes logicalType: timestamp (date over"
                        + " a point in time is the v3.0 form)");
    }

    @Test
    void neitherLogicalNorPhysicalType() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties:
                      - name: title
                """)).containsExactly("c.odcs.yaml:9:9: warning: property 'title' of dataset 'tracks' has no logicalType or"
                + " physicalType: meshkit reads it as a string");
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
                "c.odcs.yaml:11:15: warning: column name 'Title' differs from 'title' (line 9) only in case: most"
                        + " warehouses cannot hold both",
                "c.odcs.yaml:16:15: error: duplicate column name 'artist' (first at line 14)");
    }

    @Test
    void duplicateDataset() {
        assertThat(problems("""
                schema:
                  - name: tracks
                    properties: [{name: a, logicalType: string}]
                  - name: TRACKS
                    properties: [{name: a, logicalType: string}]
                  - name: tracks
                    properties: [{name: a, logicalType: string}]
                """)).containsExactly(
                "c.odcs.yaml:9:11: warning: dataset name 'TRACKS' differs from 'tracks' (line 7) only in case: most"
                        + " warehouses cannot hold both",
                "c.odcs.yaml:11:11: error: duplicate dataset name 'tracks' (first at line 7)");
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
                """)).containsExactly("c.odcs.yaml:11:29: warning: column 'track_id' has a primaryKeyPosition but is "
                + "not part of the primary key: add 'primaryKey: true' or remove the position (it is ignored)");
    }

    @Test
    void duplicatePrimaryKeyPosition() {
        assertThat(problems("""
                schema:
                  - name: rights
                    properties:
                      - {name: track_id, logicalType: integer, primaryKey: true, primaryKeyPosition: 1}
                      - {name: territory, logicalType: string, primaryKey: true, primaryKeyPosition: 1}
                """)).containsExactly("c.odcs.yaml:10:86: warning: duplicate primaryKeyPosition 1 (first at line 9): the"
                + " key is ordered by position, then as written");
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
                      - name: nested
                        logicalType: object
                        properties:
                          - name: "x`y"
                            logicalType: string
                      - name: typed
                        physicalType: "STRUCT<a INT64, `b'c` STRING>"
                """)).containsExactly(
                "c.odcs.yaml:8:19: error: dataset physicalName 'tracks; DROP' is not a safe name: it contains a"
                        + " semicolon (;)",
                "c.odcs.yaml:10:15: error: property name 'a\"; DROP TABLE x; --' is not a safe name: it contains a"
                        + " quote (\")",
                "c.odcs.yaml:13:23: error: property physicalName 'b\\u0007' is not a safe name: it contains a control"
                        + " character",
                "c.odcs.yaml:20:19: error: property name 'x`y' is not a safe name: it contains a backtick (`)",
                "c.odcs.yaml:23:23: error: field 'b'c' in the physicalType of property 'typed' of dataset 'tracks' is"
                        + " not a safe name: it contains a quote (')");
    }

    @Test
    void schemaEvolutionSettingsAreCheckedAndKept() {
        String ok = """
                schema:
                  - name: customers
                    properties:
                      - name: tier
                        logicalType: string
                        customProperties:
                          - property: meshkit.renamedFrom
                            value: segment
                          - property: meshkit.firstFill
                            value: fill
                    customProperties:
                      - property: meshkit.removedColumns
                        value: drop
                """;
        assertThat(problems(ok)).isEmpty();
        Dataset ds = reader.parse("c.odcs.yaml", HEADER + ok).orThrow().datasets().get(0);
        assertThat(ds.columns().get(0).renamedFrom()).contains("segment");
        assertThat(ds.columns().get(0).firstFill()).isEqualTo(FirstFill.FILL);
        assertThat(ds.removedColumns()).isEqualTo(RemovedColumns.DROP);

        assertThat(problems("""
                schema:
                  - name: customers
                    properties:
                      - name: segment
                        logicalType: string
                      - name: tier
                        logicalType: string
                        customProperties:
                          - property: meshkit.renamedFrom
                            value: segment
                          - property: meshkit.firstFill
                            value: later
                """)).containsExactly(
                "c.odcs.yaml:11:9: error: meshkit.renamedFrom of property 'tier' of dataset 'customers' names 'segment', which is"
                        + " still a property of it: a renamed property is no longer there",
                "c.odcs.yaml:17:20: error: unknown meshkit.firstFill 'later' (known: version, fill)");
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
                  - property: meshkit.kind
                    value: fact
                """)).containsExactly(
                "c.odcs.yaml:12:23: error: unknown meshkit setting 'meshkit.histroy' (known: meshkit.history, "
                        + "meshkit.renamedFrom, meshkit.firstFill)",
                "c.odcs.yaml:15:19: error: unknown meshkit setting 'meshkit.foo' (known: meshkit.kind, "
                        + "meshkit.timeResolution, meshkit.samplingKey, meshkit.deletes, meshkit.removedColumns)",
                "c.odcs.yaml:20:15: error: unknown meshkit setting 'meshkit.kind' (meshkit settings belong to a "
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
                "c.odcs.yaml:8:17: error: properties of schema object 'tracks' must be a list, not text 'title, artist'",
                "c.odcs.yaml:11:15: error: name of property 1 of schema object 'plays' must be text, not a list",
                "c.odcs.yaml:12:22: error: logicalType of property 1 of schema object 'plays' must be text, not a mapping",
                "c.odcs.yaml:13:19: error: required of property 1 of schema object 'plays' must be true or false, not"
                        + " text 'yes'",
                "c.odcs.yaml:14:29: error: primaryKeyPosition of property 1 of schema object 'plays' must be a whole"
                        + " number, not text 'first'",
                "c.odcs.yaml:15:5: error: item 3 of schema of the contract must be a mapping, not text 'just a string'",
                "c.odcs.yaml:16:7: error: team of the contract must be a mapping or a list, not text 'music-catalog'");
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
                "c.odcs.yaml:11:18: error: quality of property 'title' of schema object 'tracks' must be a list, not"
                        + " text 'nullValues'",
                "c.odcs.yaml:15:13: error: quality rule 1 of property 'genre' of schema object 'tracks' needs a"
                        + " threshold: one of mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo,"
                        + " mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween",
                "c.odcs.yaml:15:21: warning: quality rule of property 'genre' of dataset 'tracks' (invalidValues) lists"
                        + " no arguments.validValues: it cannot be checked",
                "c.odcs.yaml:18:21: warning: mustBe of quality rule of property 'genre' of dataset 'tracks' is a"
                        + " string: meshkit compares numbers, so the rule is kept in the contract but not checked",
                "c.odcs.yaml:20:28: warning: mustBeBetween of quality rule of property 'genre' of dataset 'tracks' has"
                        + " its lower bound 5 above its upper bound 1: the rule is kept, not checked",
                "c.odcs.yaml:21:13: error: quality rule 4 of property 'genre' of schema object 'tracks' has more than"
                        + " one threshold (mustBe, mustBeLessThan): keep one",
                "c.odcs.yaml:24:13: error: quality rule 5 of property 'genre' of schema object 'tracks' needs a"
                        + " threshold: one of mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo,"
                        + " mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween",
                "c.odcs.yaml:24:21: error: metric 'nullCount' of quality rule 5 of property 'genre' of schema object"
                        + " 'tracks' is not one ODCS v3.1.0 allows (nullValues, missingValues, invalidValues,"
                        + " duplicateValues, rowCount)",
                "c.odcs.yaml:25:13: error: quality rule 6 of property 'genre' of schema object 'tracks' needs a"
                        + " threshold: one of mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo,"
                        + " mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween",
                "c.odcs.yaml:25:13: error: missing required field 'query' in quality rule 6 of property 'genre' of"
                        + " schema object 'tracks': an sql quality rule needs its SQL",
                "c.odcs.yaml:26:23: error: customProperties of schema object 'tracks' must be a list, not text 'gold':"
                        + " write a list of {property, value}",
                "c.odcs.yaml:30:9: error: missing required field 'property' in custom property 1 of schema object"
                        + " 'plays'");
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
                "c.odcs.yaml:10:34: warning: SLA property 'freshness' is not a duration meshkit can check: unknown unit"
                        + " 'fortnight' (ms, s, m, h, d, w, month, y (or their words), or an ISO-8601 duration such as"
                        + " P1D)",
                "c.odcs.yaml:11:32: warning: SLA property 'latency' is not a duration meshkit can check: 'soon' is not a"
                        + " duration (ms, s, m, h, d, w, month, y (or their words), or an ISO-8601 duration such as P1D)",
                "c.odcs.yaml:12:34: warning: SLA property 'frequency' is not a duration meshkit can check: the value 1"
                        + " has no unit (ms, s, m, h, d, w, month, y (or their words), or an ISO-8601 duration such as"
                        + " P1D)",
                "c.odcs.yaml:13:16: warning: SLA property 'Freshness' is given twice for the same element and driver"
                        + " (first at line 10): the shorter duration counts");
    }

    @Test
    void reportsEveryProblemOfAFile() {
        ParsedContract parsed = reader.parse(ContractReaderTest.FIXTURES.resolve("many-problems.odcs.yaml"));
        String path = ContractReaderTest.FIXTURES.resolve("many-problems.odcs.yaml").toString();
        assertThat(parsed.contract()).isEmpty();
        assertThat(parsed.problems()).extracting(ContractProblem::toString).containsExactly(
                path + ":1:13: error: apiVersion 'v2.2.2' is not one meshkit reads (v3.0.0, v3.0.1, v3.0.2, v3.1.0):"
                        + " ODCS v2 contracts describe tables under 'dataset'; convert them to v3 (schema, properties)",
                path + ":11:23: error: physicalType 'varchr(10)' of property 'title' of dataset 'tracks': unknown"
                        + " physical type 'varchr': did you mean VARCHAR?",
                path + ":12:15: warning: column name 'Track_ID' differs from 'track_id' (line 8) only in case: most"
                        + " warehouses cannot hold both",
                path + ":16:16: error: dataset 'tracks' is a dimension but has no primary key: mark its key columns "
                        + "with 'primaryKey: true'");
    }
}
