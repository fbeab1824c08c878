package io.meshkit.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.MeshkitException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The smallest documents behind what {@link OdcsGeneratedContractsTest} found: each is valid under the official
 * schema of its apiVersion, and each test names what meshkit got wrong with it.
 */
class OdcsGeneratedFindingsTest {
    private static final String V31 = """
            apiVersion: v3.1.0
            kind: DataContract
            id: c
            version: 1.0.0
            status: active
            """;
    private static final String V30 = V31.replace("v3.1.0", "v3.0.2");

    private final ContractReader reader = ContractReader.create();

    /** SnakeYAML counts code points where the reader counted chars: "" after an emoji was read as null. */
    @Test
    void anEmptyQuotedStringAfterAnEmojiIsTextNotNull() {
        String yaml = V31 + "name: \"\uD83C\uDFB5 plays\"\ntenant: \"\"\n";
        assertThat(StandardChecks.schemaAccepts(yaml)).isTrue();
        Contract c = StandardChecks.assertAcceptedAndKept("c.odcs.yaml", yaml);
        assertThat(c.document()).containsEntry("tenant", "");
    }

    /** 1e5 was read as 1E+5 and written back as the integer 100000: a float became an integer on round-trip. */
    @Test
    void aFloatWithAnExponentStaysAFloatAndAHugeOneIsWrittenWithoutExpandingIt() {
        String yaml = V31 + "customProperties:\n  - property: a\n    value: 1e5\n  - property: b\n    value: 2.5E+3\n"
                + "  - property: c\n    value: 1e999999999\n";
        Contract c = StandardChecks.assertAcceptedAndKept("c.odcs.yaml", yaml);
        assertThat(c.customProperties()).containsEntry("a", new java.math.BigDecimal("100000.0"))
                .containsEntry("b", new java.math.BigDecimal("2500.0"));
        assertThat(ContractWriter.write(c)).contains("value: 100000.0\n", "value: 2500.0\n", "value: 1.0E+999999999\n");
    }

    /** A nested property with a blank name made a struct field without a name: an internal error for the file. */
    @Test
    void aBlankNestedPropertyNameIsOneErrorNotAnInternalError() {
        ParsedContract parsed = reader.parse("c.odcs.yaml", V31 + """
                schema:
                  - name: plays
                    properties:
                      - name: track
                        logicalType: object
                        properties:
                          - name: ""
                            logicalType: string
                """);
        assertThat(parsed.problems()).extracting(ContractProblem::toString).containsExactly(
                "c.odcs.yaml:12:19: error: property name '' is not a safe name: it is blank");
    }

    /** Any text is a domain in ODCS; only the tables found by convention need it as a namespace. */
    @Test
    void aDomainThatIsNotPortableIsAWarningAndTheConventionalTablesRefuseIt() {
        String yaml = V31 + "domain: Customer Analytics\nschema:\n  - name: plays\n";
        ParsedContract parsed = reader.parse("c.odcs.yaml", yaml);
        assertThat(parsed.problems()).extracting(ContractProblem::toString).containsExactly(
                "c.odcs.yaml:6:9: warning: domain 'Customer Analytics' is not a portable name (letters, digits and"
                        + " underscores, not starting with a digit): tools cannot name the namespaces <domain>,"
                        + " <domain>_staging and <domain>_candidates after it; pass --table, --staging and --candidate");
        Contract c = StandardChecks.assertAcceptedAndKept("c.odcs.yaml", yaml);
        assertThatThrownBy(() -> DatasetTables.of(c, c.datasets().get(0)))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageContaining("Cannot use the domain of contract c as a namespace 'customer analytics'");

        assertThat(reader.parse("h.odcs.yaml", V31 + "domain: \"x'; DROP TABLE t; --\"\n").errors())
                .extracting(ContractProblem::message)
                .containsExactly("domain 'x'; DROP TABLE t; --' is not a safe name: it contains a quote (')");
    }

    /** v3.1.0 deprecates the team as a list (the only form of v3.0.x): valid, read, and a warning says what to write. */
    @Test
    void aTeamListIsAWarningInV31AndTheOnlyFormInV30() {
        String team = "team:\n  - username: ana\n    role: owner\n";
        ParsedContract parsed = reader.parse("c.odcs.yaml", V31 + team);
        assertThat(parsed.problems()).extracting(ContractProblem::toString).containsExactly(
                "c.odcs.yaml:7:3: warning: team as a list of members is deprecated since ODCS v3.1.0 and removed in 4.0:"
                        + " write team: {name: <the team>, members: [...]}");
        Contract c = StandardChecks.assertAcceptedAndKept("c.odcs.yaml", V31 + team);
        assertThat(c.team().members()).extracting(TeamMember::username).containsExactly("ana");
        assertThat(reader.parse("c.odcs.yaml", V30 + team).problems()).isEmpty();
        assertThat(reader.parse("c.odcs.yaml", V31 + "team:\n  name: crm\n  members:\n    - username: ana\n").problems()).isEmpty();
    }

    /** ODCS allows any physical type (GEOGRAPHY, an Avro record): without a logicalType it was refused. */
    @Test
    void anUnknownPhysicalTypeWithoutALogicalTypeIsAWarningAndReadAsAString() {
        String yaml = V31 + "schema:\n  - name: places\n    properties:\n      - name: area\n        physicalType: h3cell\n";
        ParsedContract parsed = reader.parse("c.odcs.yaml", yaml);
        assertThat(parsed.problems()).extracting(ContractProblem::toString).singleElement().asString()
                .startsWith("c.odcs.yaml:10:23: warning: physicalType 'h3cell' of property 'area' of dataset 'places' is"
                        + " not a type meshkit knows, and the property has no logicalType to go by")
                .endsWith(": it is read as a string (VARCHAR); add a logicalType");
        Contract c = StandardChecks.assertAcceptedAndKept("c.odcs.yaml", yaml);
        assertThat(c.datasets().get(0).columns().get(0).physicalType()).hasToString("VARCHAR");
    }

    /** A misspelt or malformed physicalType was an error even where the logicalType says the column's type. */
    @Test
    void aMalformedPhysicalTypeBesideALogicalTypeIsAWarningAndReadByIt() {
        String yaml = V31 + """
                schema:
                  - name: clicks
                    properties:
                      - name: ctx
                        logicalType: object
                        physicalType: STRUCT<>
                      - name: title
                        logicalType: string
                        physicalType: varchr(10)
                      - name: n
                        physicalType: MAP<STRING>
                """;
        assertThat(reader.parse("c.odcs.yaml", yaml).problems()).extracting(ContractProblem::toString).containsExactly(
                "c.odcs.yaml:11:23: warning: physicalType 'STRUCT<>' of property 'ctx' of dataset 'clicks': STRUCT needs"
                        + " at least one field; it is read by its logicalType object as JSON",
                "c.odcs.yaml:14:23: warning: physicalType 'varchr(10)' of property 'title' of dataset 'clicks': unknown"
                        + " physical type 'varchr': did you mean VARCHAR?; it is read by its logicalType string as VARCHAR",
                "c.odcs.yaml:16:23: error: physicalType 'MAP<STRING>' of property 'n' of dataset 'clicks': MAP takes a"
                        + " key type and a value type, not 1 type");
        String readable = yaml.substring(0, yaml.indexOf("      - name: n\n"));
        assertThat(StandardChecks.assertAcceptedAndKept("c.odcs.yaml", readable).datasets().get(0).columns())
                .extracting(c -> c.physicalType().toString()).containsExactly("JSON", "VARCHAR");
    }

    /** "Smallest number first" is prose in the standard, not schema: the rule is kept, not checked. */
    @Test
    void betweenBoundsInTheWrongOrderAreAWarning() {
        String yaml = V31 + """
                schema:
                  - name: plays
                    quality:
                      - metric: rowCount
                        mustBeBetween: [10, 1]
                """;
        assertThat(reader.parse("c.odcs.yaml", yaml).problems()).extracting(ContractProblem::toString).containsExactly(
                "c.odcs.yaml:10:24: warning: mustBeBetween of quality rule of dataset 'plays' has its lower bound 10"
                        + " above its upper bound 1: the rule is kept, not checked");
        assertThat(StandardChecks.assertAcceptedAndKept("c.odcs.yaml", yaml).datasets().get(0).quality()).isEmpty();
    }

    // ---------------------------------------------------------------- v3.0 to v3.1 conversion

    private ContractWriter.Conversion convertValid(String yaml) {
        Contract c = StandardChecks.assertAcceptedAndKept("c.odcs.yaml", yaml);
        ContractWriter.Conversion conversion = ContractWriter.convert(c, "v3.1.0");
        assertThat(StandardChecks.schema("v3.1.0").validate(StandardChecks.tree(conversion.yaml())))
                .as(conversion.yaml()).isEmpty();
        return conversion;
    }

    /** v3.1.0 requires a custom property's name and value; v3.0 did not. */
    @Test
    void customPropertiesWithoutANameAreDroppedAndWithoutAValueGetNull() {
        ContractWriter.Conversion c = convertValid(V30 + "customProperties:\n  - value: 1\n  - property: owner\n");
        assertThat(StandardChecks.tree(c.yaml()).get("customProperties")).hasToString(
                "[{\"property\":\"owner\",\"value\":null}]");
        assertThat(c.notes()).containsExactly(
                "custom property 1 has no property name, which v3.1.0 requires: dropped",
                "custom property owner has no value, which v3.1.0 requires: value: null is written");
    }

    /** v3.1.0 requires a member's username; a v3.0 member may have neither username nor name. */
    @Test
    void aTeamMemberWithNeitherUsernameNorNameMovesUnderTheTeamsCustomProperties() {
        ContractWriter.Conversion c = convertValid(V30 + "team:\n  - role: owner\n  - username: ann\n");
        assertThat(StandardChecks.tree(c.yaml()).get("team")).hasToString("{\"members\":[{\"username\":\"ann\"}],"
                + "\"customProperties\":[{\"property\":\"teamMember\",\"value\":{\"role\":\"owner\"}}]}");
    }

    /** v3.0.0 requires an athena server's staging_dir (naming the field stagingDir); v3.1.0 requires stagingDir. */
    @Test
    void anAthenaServersStagingDirTakesItsV31Name() {
        ContractWriter.Conversion c = convertValid(V31.replace("v3.1.0", "v3.0.0")
                + "servers:\n  - server: lake\n    type: athena\n    schema: sales\n    staging_dir: s3://b/q\n");
        assertThat(StandardChecks.tree(c.yaml()).at("/servers/0")).hasToString("{\"server\":\"lake\",\"type\":"
                + "\"athena\",\"schema\":\"sales\",\"stagingDir\":\"s3://b/q\"}");
        assertThat(c.notes()).containsExactly("server lake: staging_dir is written stagingDir, as v3.1.0 names it");

        // v3.0.0 does not type staging_dir: one that is not text is no location, and none is invented
        Contract untyped = StandardChecks.assertAcceptedAndKept("c.odcs.yaml", V31.replace("v3.1.0", "v3.0.0")
                + "servers:\n  - server: lake\n    type: athena\n    schema: sales\n    staging_dir: true\n");
        assertThatThrownBy(() -> ContractWriter.convert(untyped, "v3.1.0"))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("Cannot convert contract c to v3.1.0: its athena server lake has no stagingDir, which"
                        + " v3.1.0 requires: add it first");
    }

    /** v3.0.x typed a duckdb server's schema as a number, v3.1.0 as text. */
    @Test
    void aDuckdbServersNumericSchemaIsWrittenAsText() {
        ContractWriter.Conversion c = convertValid(V30
                + "servers:\n  - server: local\n    type: duckdb\n    database: a.duckdb\n    schema: 7\n");
        assertThat(StandardChecks.tree(c.yaml()).at("/servers/0/schema").asText()).isEqualTo("7");
        assertThat(StandardChecks.tree(c.yaml()).at("/servers/0/schema").isTextual()).isTrue();
    }

    /** Fields a rule's v3.1.0 form does not allow were left in place: the converted contract was invalid. */
    @Test
    void qualityRulesTakeTheirV31FormAndKeepTheRestUnderCustomProperties() {
        ContractWriter.Conversion c = convertValid(V30 + """
                schema:
                  - name: plays
                    quality:
                      - rule: freshnessCheck
                        mustBeLessThan: 3
                      - type: text
                        description: counted by hand
                        mustBe: 1
                """);
        Map<String, Object> doc = map(StandardChecks.YAML.convertValue(StandardChecks.tree(c.yaml()), Map.class));
        List<?> rules = (List<?>) ((Map<?, ?>) ((List<?>) doc.get("schema")).get(0)).get("quality");
        assertThat(rules.get(0)).hasToString("{customProperties=[{property=rule, value=freshnessCheck},"
                + " {property=mustBeLessThan, value=3}]}");
        assertThat(rules.get(1)).hasToString("{type=text, description=counted by hand,"
                + " customProperties=[{property=mustBe, value=1}]}");
        assertThat(c.notes()).contains("quality rule 1 of schema object plays: a library rule needs a metric v3.1.0"
                + " names (freshnessCheck is none) in v3.1.0: it is written as a text rule");
    }

    /** v3.1.0 allows nested properties only under an object, items only under an array. */
    @Test
    void nestedPropertiesUnderANonObjectMoveUnderCustomProperties() {
        ContractWriter.Conversion c = convertValid(V30 + """
                schema:
                  - name: plays
                    properties:
                      - name: flags
                        logicalType: array
                        items:
                          logicalType: boolean
                          properties:
                            - name: id
                """);
        assertThat(StandardChecks.tree(c.yaml()).at("/schema/0/properties/0/items/customProperties/0/property")
                .asText()).isEqualTo("properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
