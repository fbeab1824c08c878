package io.meshkit.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.contract.ContractException;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.warehouse.TestingDialect;
import org.junit.jupiter.api.Test;

class ReadOnlyQueryTest {
    @Test
    void acceptsOneQuery() {
        assertThat(ReadOnlyQuery.problem("SELECT COUNT(*) FROM {object} WHERE amount < 0")).isEmpty();
        assertThat(ReadOnlyQuery.problem("  with x as (select 1 as a) select count(*) from x;  ")).isEmpty();
        assertThat(ReadOnlyQuery.problem("SELECT COUNT(*) FROM t WHERE note = 'DROP TABLE x; --' AND t.update > 0 -- ; drop")).isEmpty();
        assertThat(ReadOnlyQuery.problem("SELECT COUNT(*) FROM t WHERE \"delete\" IS NULL")).isEmpty();
    }

    /** A rule as people write it: a final semicolon, a comment after it; what is in a comment or a string stays there. */
    @Test
    void runsAsASubqueryWithoutItsTerminatorOrTrailingComments() {
        var dialect = new TestingDialect();
        assertThat(ReadOnlyQuery.parse("SELECT 1;").asSubquery(dialect).text()).isEqualTo("SELECT * FROM (SELECT 1) meshkit_rule");
        assertThat(ReadOnlyQuery.parse("SELECT 1; -- no rows;)").asSubquery(dialect).text())
                .isEqualTo("SELECT * FROM (SELECT 1) meshkit_rule");
        assertThat(ReadOnlyQuery.parse("SELECT '--' AS a -- a\n/* b; ) */ ;\n").asSubquery(dialect).text())
                .isEqualTo("SELECT * FROM (SELECT '--' AS a) meshkit_rule");
    }

    @Test
    void refusesEverythingElse() {
        assertThat(ReadOnlyQuery.problem("DROP TABLE IF EXISTS accd.victim; SELECT 0")).hasValueSatisfying(p -> assertThat(p).contains("2 statements"));
        assertThat(ReadOnlyQuery.problem("SELECT 0; DROP TABLE accd.victim")).hasValueSatisfying(p -> assertThat(p).contains("2 statements"));
        assertThat(ReadOnlyQuery.problem("DELETE FROM t")).hasValueSatisfying(p -> assertThat(p).contains("starts with DELETE"));
        assertThat(ReadOnlyQuery.problem("WITH d AS (DELETE FROM t RETURNING *) SELECT COUNT(*) FROM d"))
                .hasValueSatisfying(p -> assertThat(p).contains("DELETE"));
        assertThat(ReadOnlyQuery.problem("SELECT * INTO copy FROM t")).hasValueSatisfying(p -> assertThat(p).contains("INTO"));
        assertThat(ReadOnlyQuery.problem("SELECT 1 /* unterminated")).isPresent();
        assertThat(ReadOnlyQuery.problem("SELECT 'unterminated")).isPresent();
        assertThat(ReadOnlyQuery.problem("  -- nothing\n")).hasValue("the query is empty");
        assertThat(ReadOnlyQuery.problem("ATTACH 'x.db'")).isPresent();
    }

    /** A contract's rule as written: placeholders named in its code only, its final ";" and comment gone. */
    @Test
    void aContractRuleNamesItsPlaceholdersInCodeOnly() {
        String yaml = String.join("\n",
                "apiVersion: v3.1.0", "kind: DataContract", "id: urn:test:t", "version: 1.0.0", "status: active", "schema:",
                "  - name: t",
                "    properties:",
                "      - name: id",
                "        logicalType: integer",
                "        quality:",
                "          - type: sql",
                "            query: |",
                "              SELECT COUNT(*) FROM {object} -- of {object}",
                "              WHERE {column} < 0 AND note <> '{column} --'; -- none below zero",
                "            mustBe: 0",
                "");
        var dataset = ContractReader.create().parse("t.odcs.yaml", yaml).orThrow().datasets().get(0);
        var checks = QualityChecks.forDataset(dataset, io.meshkit.core.identifier.TableId.of("s", "t"), new TestingDialect());
        assertThat(checks).filteredOn(c -> c.id().equals("sql")).singleElement()
                .satisfies(c -> assertThat(((QualityCheck.Query) c.measure()).query().text()).isEqualTo(
                        "SELECT * FROM (SELECT COUNT(*) FROM \"s\".\"t\" -- of {object}\n"
                                + "WHERE \"id\" < 0 AND note <> '{column} --') meshkit_rule"));
    }

    @Test
    void aContractWithAWritingRuleIsRefusedAtItsLine() {
        String yaml = String.join("\n",
                "apiVersion: v3.1.0",
                "kind: DataContract",
                "id: urn:test:t",
                "version: 1.0.0",
                "status: active",
                "schema:",
                "  - name: t",
                "    properties:",
                "      - {name: id, logicalType: integer, primaryKey: true}",
                "    quality:",
                "      - type: sql",
                "        query: \"DROP TABLE IF EXISTS accd.victim; SELECT 0\"",
                "        mustBe: 0",
                "");
        var parsed = ContractReader.create().parse("t.odcs.yaml", yaml);
        try {
            parsed.orThrow();
            throw new AssertionError("accepted");
        } catch (ContractException e) {
            assertThat(e.problems()).anySatisfy(p -> assertThat(p.toString()).startsWith("t.odcs.yaml:12:16: error:")
                    .contains("cannot run: it holds 2 statements"));
        }
    }
}
