package io.meshkit.linter;

import static io.meshkit.linter.Fixtures.CLEAN;
import static io.meshkit.linter.Fixtures.lint;
import static io.meshkit.linter.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.contract.ContractException;
import io.meshkit.core.contract.ContractProblem;
import io.meshkit.linter.api.Finding;
import io.meshkit.linter.api.LintReport;
import io.meshkit.linter.api.Rules;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule with a fixture that must trigger it (at the offending node) while the clean fixture does not. */
class ContractRulesTest {
    @Test
    void cleanContractHasNoFindings() {
        LintReport r = lint(CLEAN);
        assertThat(r.findings()).isEmpty();
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(Rules.NAMING_CASE, with("- name: plays\n", "- name: Plays\n"), "c.odcs.yaml:11:11"),
                Arguments.of(Rules.NAMING_CASE, with("- name: ms_played", "- name: msPlayed"), "c.odcs.yaml:30:15"),
                Arguments.of(Rules.NAMING_RESERVED, with("- name: ms_played", "- name: order"), "c.odcs.yaml:30:15"),
                Arguments.of(Rules.NAMING_LENGTH, with("- name: ms_played", "- name: " + "x".repeat(64)), "c.odcs.yaml:30:15"),
                Arguments.of(Rules.TYPE_BY_NAME, with("""
                        logicalType: timestamp
                                physicalType: TIMESTAMP""", """
                        logicalType: date
                                physicalType: DATE"""), "c.odcs.yaml:26:22"),
                Arguments.of(Rules.TYPE_BY_NAME, with("- name: ms_played\n        logicalType: integer\n        physicalType: BIGINT",
                        "- name: is_skip\n        logicalType: integer\n        physicalType: BIGINT"), "c.odcs.yaml:31:22"),
                Arguments.of(Rules.GLOSSARY_ALIAS, with("- name: ms_played", "- name: user_logged_in_id"), "c.odcs.yaml:30:15"),
                Arguments.of(Rules.GLOSSARY_NEAR_MISS, with("- name: ms_played", "- name: usre_id"), "c.odcs.yaml:30:15"),
                Arguments.of(Rules.META_DATASET_DESCRIPTION, with("    description: One row per play.\n", ""), "c.odcs.yaml:11:11"),
                Arguments.of(Rules.META_OWNER, Fixtures.replace(with("team:\n  name: music-listening\n  members:\n"
                        + "    - username: oncall\n      role: owner\n", ""), "", ""), "c.odcs.yaml:3:5"),
                Arguments.of(Rules.META_COLUMN_DESCRIPTION, with("        description: Milliseconds played.\n", ""), "c.odcs.yaml:30:15"),
                Arguments.of(Rules.META_PRIMARY_KEY, with("        primaryKey: true\n", "        unique: true\n"), "c.odcs.yaml:11:11"),
                Arguments.of(Rules.META_FRESHNESS_SLA, with("slaProperties:\n  - property: freshness\n    value: 2\n    unit: h\n",
                        ""), "c.odcs.yaml:6:9"),
                Arguments.of(Rules.META_PERSONAL_DATA, with("        classification: pii\n", ""), "c.odcs.yaml:34:15"),
                Arguments.of(Rules.SAMPLING_KEY_MISSING, with("      - property: meshkit.samplingKey\n        value: listener_id\n",
                        ""), "c.odcs.yaml:11:11"),
                Arguments.of(Rules.SAMPLING_KEY_SHAPE, with("value: listener_id", "value: ms_played"), "c.odcs.yaml:43:16"),
                Arguments.of(Rules.SAMPLING_KEY_SHAPE, with("value: listener_id", "value: played_at"), "c.odcs.yaml:43:16"),
                Arguments.of(Rules.SUPPRESSION_INVALID, with("        classification: pii\n", """
                                classification: pii
                                customProperties:
                                  - property: meshkit.lint.suppress
                                    value:
                                      - rule: naming-case
                        """), "c.odcs.yaml:42:17"));
    }

    @ParameterizedTest(name = "{0} at {2}")
    @MethodSource("violations")
    void ruleTriggersAtTheOffendingNode(String rule, String yaml, String at) {
        LintReport r = lint(yaml);
        assertThat(r.findings()).extracting(Finding::ruleId).contains(rule);
        Finding f = r.findings().stream().filter(x -> x.ruleId().equals(rule)).findFirst().orElseThrow();
        assertThat(f.location().toString()).isEqualTo(at);
        // only this rule fires (the fixture is otherwise clean), except for what an invalid contract implies
        assertThat(r.findings()).extracting(Finding::ruleId).containsOnly(rule);
    }

    @Test
    void aNameIsCheckedOnceWhereItGoesToSql() {
        // physicalName equal to a bad name: one finding, at the physicalName (the name the table gets)
        LintReport same = lint(with("- name: ms_played\n", "- name: msPlayed\n        physicalName: msPlayed\n"));
        assertThat(same.findings()).extracting(Finding::ruleId, f -> f.location().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rules.NAMING_CASE, "c.odcs.yaml:31:23"));
        // a business name with a snake_case physicalName is fine: name is the logical name
        assertThat(lint(with("- name: ms_played\n", "- name: Milliseconds played\n        physicalName: ms_played\n"))
                .findings()).isEmpty();
    }

    @Test
    void nestedPropertiesAreLintedAtTheirOwnLines() {
        LintReport r = lint(with("- name: ip_address", "- name: device\n"
                + "        logicalType: object\n"
                + "        description: The player device.\n"
                + "        properties:\n"
                + "          - name: osName\n"
                + "            logicalType: string\n"
                + "            description: Operating system.\n"
                + "          - name: seen_at\n"
                + "            logicalType: string\n"
                + "            description: First seen.\n"
                + "      - name: ip_address"));
        assertThat(r.findings()).extracting(Finding::ruleId, f -> f.location().toString()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Rules.NAMING_CASE, "c.odcs.yaml:38:19"),
                org.assertj.core.groups.Tuple.tuple(Rules.TYPE_BY_NAME, "c.odcs.yaml:42:26"));
        assertThat(r.findings().get(1).message()).contains("plays.device.seen_at is a string");
    }

    @Test
    void anInvalidContractIsBadInputNotAFinding() {
        // refused by the ODCS schema: every error at its line and column, as contract validate says it, no report
        assertThatThrownBy(() -> lint(with("logicalType: integer", "logicalType: intgr")))
                .isInstanceOfSatisfying(ContractException.class, e -> {
                    assertThat(e.code().exitCode()).isEqualTo(2);
                    assertThat(e.problems()).allMatch(ContractProblem::isError);
                    assertThat(e.getMessage()).startsWith("c.odcs.yaml:31:22: error: ");
                });
        // meshkit's own checks too, even when another rule would also fire (msPlayed): the rules are for valid contracts
        assertThatThrownBy(() -> lint(with("- name: ms_played\n        logicalType: integer\n        physicalType: BIGINT",
                "- name: msPlayed\n        physicalType: BIGINTT"))).isInstanceOf(ContractException.class);
    }

    @Test
    void latencyCountsAsFreshness() {
        assertThat(lint(with("  - property: freshness\n", "  - property: latency\n")).findings()).isEmpty();
        assertThat(lint(with("  - property: freshness\n    value: 2\n    unit: h\n",
                "  - property: latency\n    value: PT2H\n")).findings()).isEmpty();
    }

    @Test
    void eventTimestampStoredAsDateIsTheDuolingoExample() {
        LintReport r = lint(with("- name: played_at\n        logicalType: timestamp\n        physicalType: TIMESTAMP",
                "- name: event_timestamp\n        logicalType: date\n        physicalType: DATE"));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(Rules.TYPE_BY_NAME);
            assertThat(f.message()).contains("event_timestamp is a date", "*_timestamp are timestamp");
        });
    }

    @Test
    void nearMissSuggestsTheGlossaryNameButNotForADifferentSuffix() {
        assertThat(lint(with("- name: ms_played", "- name: useri_d")).findings())
                .singleElement().satisfies(f -> assertThat(f.message()).endsWith("did you mean user_id?"));
        // user_ip is one letter from user_id but is not an id: no suggestion (it is personal data though)
        assertThat(lint(with("- name: ms_played\n        logicalType: integer\n        physicalType: BIGINT",
                "- name: user_ip\n        logicalType: string\n        physicalType: VARCHAR\n        classification: pii"))
                .findings()).isEmpty();
    }

    @Test
    void dimensionScd2ColumnsMustHaveTheirTypes() {
        String dim = with("value: fact", "value: dimension")
                .replace("      - property: meshkit.samplingKey\n        value: listener_id\n", "");
        assertThat(lint(dim).findings()).isEmpty();
        String bad = Fixtures.replace(dim, "  - name: ms_played\n        logicalType: integer\n        physicalType: BIGINT",
                "  - name: valid_from\n        logicalType: date\n        physicalType: DATE");
        assertThat(lint(bad).findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(Rules.SHAPE_SCD2);
            assertThat(f.location().toString()).isEqualTo("c.odcs.yaml:31:22");
        });
        String deleted = Fixtures.replace(dim, "  - name: ms_played\n        logicalType: integer\n        physicalType: BIGINT",
                "  - name: is_deleted\n        logicalType: boolean\n        physicalType: BOOLEAN");
        assertThat(lint(deleted).findings()).extracting(Finding::message)
                .singleElement().asString().contains("not meshkit.deletes: tombstone");
    }

    @Test
    void inlineSuppressionWithReasonHidesTheFindingAndIsCounted() {
        String yaml = with("        classification: pii\n", """
                        customProperties:
                          - property: meshkit.lint.suppress
                            value:
                              - rule: meta-personal-data
                                reason: hashed upstream, reviewed by privacy
                """);
        LintReport r = lint(yaml);
        assertThat(r.findings()).isEmpty();
        assertThat(r.suppressed()).isEqualTo(1);
        // the same suppression on another column does not hide it
        String elsewhere = with("        classification: pii\n", "").replace("        description: Milliseconds played.\n", """
                        description: Milliseconds played.
                        customProperties:
                          - property: meshkit.lint.suppress
                            value:
                              - rule: meta-personal-data
                                reason: wrong column
                """);
        assertThat(lint(elsewhere).findings()).extracting(Finding::ruleId).containsExactly(Rules.META_PERSONAL_DATA);
    }

    /**
     * A column that names personal data is flagged; the key of a table named after it (AdventureWorks'
     * {@code emailaddress.emailaddressid}) is an identifier, not personal data, unless a pattern needs the
     * suffix to match ({@code national_id}).
     */
    @ParameterizedTest(name = "{0} flagged: {1}")
    @org.junit.jupiter.params.provider.CsvSource({
            "email, true", "email_address, true", "user_email, true", "work_phone, true", "national_id, true",
            "passport_id, true", "tax_id, true", "driver_license, true",
            "emailaddressid, false", "email_address_id, false", "emailAddressId, false", "phone_key, false",
            "email_uuid, false", "ms_played, false"})
    void idAndKeyColumnsAreNotPersonalDataByTheirNameAlone(String column, boolean flagged) {
        LintReport r = lint(with("- name: ms_played\n        logicalType: integer\n        physicalType: BIGINT",
                "- name: " + column + "\n        logicalType: string\n        physicalType: VARCHAR"));
        assertThat(r.findings().stream().filter(f -> f.ruleId().equals(Rules.META_PERSONAL_DATA)).map(Finding::message))
                .as(column).hasSize(flagged ? 1 : 0)
                .allSatisfy(m -> assertThat(m).contains("column plays." + column + " looks like personal data"));
    }
}
