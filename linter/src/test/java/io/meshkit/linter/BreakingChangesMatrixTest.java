package io.meshkit.linter;

import static io.meshkit.linter.Fixtures.CLEAN;
import static io.meshkit.linter.Fixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.linter.api.Change;
import io.meshkit.linter.api.Finding;
import io.meshkit.linter.api.LintReport;
import io.meshkit.linter.api.Rules;
import io.meshkit.linter.api.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of change against the previous version, with a minor and with a major version bump: breaking changes
 * are errors without a major bump and notes with one; compatible changes are never findings; all are in the changelog.
 */
class BreakingChangesMatrixTest {
    private static final String MS = "      - name: ms_played\n        logicalType: integer\n        physicalType: BIGINT\n"
            + "        description: Milliseconds played.\n";

    record Case(String name, UnaryOperator<String> change, String rule, String changelog) {}

    static List<Case> cases() {
        return List.of(
                new Case("column removed", s -> replace(s, MS, ""), Rules.BREAKING_COLUMN_REMOVED, "plays.ms_played was removed"),
                new Case("column renamed, declared", s -> replace(s, MS, MS.replace("ms_played", "played_ms")
                        + "        customProperties:\n          - property: meshkit.renamedFrom\n            value: ms_played\n"),
                        Rules.BREAKING_COLUMN_RENAMED, "plays.ms_played was renamed to played_ms (declared by meshkit.renamedFrom)"),
                new Case("column renamed, undeclared: a removal", s -> replace(s, "- name: ms_played", "- name: played_ms"),
                        Rules.BREAKING_COLUMN_REMOVED, "plays.ms_played was removed"),
                new Case("optional column removed, required one of the same type added in its place", s -> replace(s, MS,
                        MS.replace("ms_played", "device_ms") + "        required: true\n"), Rules.BREAKING_REQUIRED_ADDED,
                        "required column plays.device_ms was added"),
                new Case("type narrowed", s -> replace(s, "physicalType: BIGINT\n        description: Milliseconds",
                        "physicalType: INTEGER\n        description: Milliseconds"), Rules.BREAKING_TYPE_CHANGED,
                        "plays.ms_played narrowed from BIGINT to INTEGER"),
                new Case("type widened (compatible)", s -> replace(replace(s, "physicalType: BIGINT", "physicalType: HUGEINT"),
                        "", ""), null, "widened from BIGINT to HUGEINT"),
                new Case("type changed incompatibly", s -> replace(s, "logicalType: integer\n        physicalType: BIGINT",
                        "logicalType: string\n        physicalType: VARCHAR"), Rules.BREAKING_TYPE_CHANGED,
                        "changed type from BIGINT to VARCHAR"),
                new Case("required column added", s -> replace(s, MS, MS + "      - name: country\n        logicalType: string\n"
                        + "        physicalType: VARCHAR\n        description: Country.\n        required: true\n"),
                        Rules.BREAKING_REQUIRED_ADDED, "required column plays.country was added"),
                new Case("optional column added (compatible)", s -> replace(s, MS, MS + "      - name: country\n"
                        + "        logicalType: string\n        physicalType: VARCHAR\n        description: Country.\n"),
                        null, "column plays.country added (optional)"),
                new Case("primary key changed", s -> replace(s, "        required: true\n        primaryKey: true\n",
                        "        required: true\n        primaryKey: true\n        primaryKeyPosition: 1\n").replace(
                        "        description: Pseudonymous listener.\n        required: true\n",
                        "        description: Pseudonymous listener.\n        required: true\n        primaryKey: true\n"
                                + "        primaryKeyPosition: 2\n"), Rules.BREAKING_PRIMARY_KEY_CHANGED,
                        "primary key of plays changed from (play_id) to (play_id, listener_id)"),
                new Case("dataset renamed", s -> replace(s, "- name: plays\n", "- name: track_plays\n"),
                        Rules.BREAKING_DATASET_RENAMED, "dataset plays was renamed to track_plays"),
                new Case("table renamed by physicalName", s -> replace(s, "- name: plays\n", "- name: plays\n    physicalName: plays_v2\n"),
                        Rules.BREAKING_DATASET_RENAMED, "renamed from plays to plays_v2"));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases()) {
            out.add(Arguments.of(c.name, "1.1.0", c));
            out.add(Arguments.of(c.name, "2.0.0", c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, version {1}")
    @MethodSource("matrix")
    void breakingChangesAreErrorsUnlessTheMajorVersionWentUp(String name, String version, Case c) {
        String current = replace(c.change.apply(CLEAN), "version: 1.0.0", "version: " + version);
        LintReport r = Fixtures.lint(CLEAN, current);

        assertThat(r.basesCompared()).isEqualTo(1);
        assertThat(r.changelog()).extracting(Change::text).anySatisfy(t -> assertThat(t).contains(c.changelog));
        List<Finding> breaking = r.findings().stream().filter(f -> f.ruleId().startsWith("breaking-")).toList();
        if (c.rule == null) {
            assertThat(breaking).isEmpty();
            assertThat(r.changelog()).noneMatch(Change::breaking);
            assertThat(r.findings()).isEmpty();
            return;
        }
        assertThat(r.changelog()).filteredOn(Change::breaking).extracting(Change::ruleId).contains(c.rule);
        assertThat(breaking).extracting(Finding::ruleId).contains(c.rule);
        Severity expected = version.startsWith("2.") ? Severity.NOTE : Severity.ERROR;
        assertThat(breaking).allSatisfy(f -> assertThat(f.severity()).isEqualTo(expected));
        assertThat(r.failsAt(Severity.ERROR)).isEqualTo(expected == Severity.ERROR);
    }

    @org.junit.jupiter.api.Test
    void aRemovalPlusAnAdditionIsNeverGuessedToBeARename() {
        String current = replace(replace(CLEAN, MS, MS.replace("ms_played", "device_ms") + "        required: true\n"),
                "version: 1.0.0", "version: 2.0.0");
        LintReport r = Fixtures.lint(CLEAN, current);
        assertThat(r.changelog()).extracting(Change::ruleId).contains(Rules.BREAKING_COLUMN_REMOVED, Rules.BREAKING_REQUIRED_ADDED)
                .doesNotContain(Rules.BREAKING_COLUMN_RENAMED);
        assertThat(r.changelog()).extracting(Change::text).containsExactly("column plays.ms_played was removed",
                "required column plays.device_ms was added: rows written for the previous version have no value for it"
                        + " (add it as optional first)");
    }

    @ParameterizedTest(name = "{0} without a version change")
    @MethodSource("cases")
    void anySchemaChangeWithoutAHigherVersionIsFlagged(Case c) {
        LintReport r = Fixtures.lint(CLEAN, c.change.apply(CLEAN));
        assertThat(r.findings()).extracting(Finding::ruleId).contains(Rules.VERSION_BUMP);
        Finding bump = r.findings().stream().filter(f -> f.ruleId().equals(Rules.VERSION_BUMP)).findFirst().orElseThrow();
        assertThat(bump.location().toString()).isEqualTo("c.odcs.yaml:5:10");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void identicalBaseHasNoChanges(Case ignored) {
        LintReport r = Fixtures.lint(CLEAN, CLEAN);
        assertThat(r.changelog()).isEmpty();
        assertThat(r.findings()).isEmpty();
        assertThat(r.basesCompared()).isEqualTo(1);
    }
}
