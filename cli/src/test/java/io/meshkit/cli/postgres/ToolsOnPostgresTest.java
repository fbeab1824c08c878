package io.meshkit.cli.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import io.meshkit.cli.TestingPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tools' commands by hand on a PostgreSQL warehouse, as a new user runs them (the pipeline and the
 * templates have their own ITs): what runs on DuckDB runs here with the same answer, or is refused on one
 * line. Skipped without a server unless {@code -Dmeshkit.requirePostgres=true}.
 */
class ToolsOnPostgresTest {
    private static TestingPostgres.Database db;

    @BeforeAll
    static void database() {
        db = TestingPostgres.createDatabase();
        CliRun made = CliRun.of("query", "--warehouse", db.uri(),
                "CREATE SCHEMA web; CREATE TABLE web.events AS SELECT g AS event_id, g % 10 AS user_id,"
                        + " CASE WHEN g % 3 = 0 THEN 'NL' ELSE 'DE' END AS country FROM generate_series(1, 200) g");
        assertThat(made.exitCode()).as(made.err()).isZero();
        CliRun prepared = CliRun.of("sample", "prepare", "--warehouse", db.uri(), "--from", "web.events", "--key", "user_id",
                "--table", "web_sampled.events");
        assertThat(prepared.exitCode()).as(prepared.err()).isZero();
    }

    @AfterAll
    static void drop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void queryTableHeadersShowPortableTypesAsOnDuckDbAndJsonKeepsTheDriversNames() throws Exception {
        String sql = "SELECT 1::int8 AS n, 'x'::text AS s, true AS b, 1.5::numeric(10,2) AS d";
        CliRun table = CliRun.of("query", "--warehouse", db.uri(), sql);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().skip(2).findFirst().orElseThrow()).matches("│ BIGINT +│ VARCHAR +│ BOOLEAN +│ DECIMAL\\(10,2\\) +│");
        CliRun json = CliRun.of("query", "--warehouse", db.uri(), "--format", "json", sql);
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).get("columns").findValuesAsText("type"))
                .containsExactly("int8", "text", "bool", "numeric");
    }

    @Test
    void sampledSqlWithoutAnAliasRuns() {
        CliRun run = CliRun.of("sample", "sql", "--warehouse", db.uri(), "--table", "web_sampled.events", "--rate", "100%",
                "--format", "csv", "SELECT country, count(*) AS n FROM {sample} GROUP BY country ORDER BY country");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("DE,134", "NL,66");
    }

    @Test
    void sampledSqlKeepsTheUsersAliasesAndNamesTheOthersAfterTheirTable() {
        CliRun run = CliRun.of("sample", "sql", "--warehouse", db.uri(), "--table", "web_sampled.events", "--rate", "100%",
                "--format", "csv", "SELECT count(*) AS n FROM {sample} a JOIN {sample:web_sampled.events} AS b ON a.event_id = b.event_id"
                        + " WHERE a.user_id IN (SELECT events.user_id FROM {sample})");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("n" + System.lineSeparator() + "200");
    }

    @Test
    void diffExamplesShowATimestampKeyAsOnDuckDb() {
        CliRun made = CliRun.of("query", "--warehouse", db.uri(), "CREATE SCHEMA dim; CREATE SCHEMA dim_candidates;"
                + " CREATE TABLE dim.c AS SELECT 1 AS id, TIMESTAMP '2026-12-01 00:00:00' AS valid_from, 'GB' AS country"
                + " UNION ALL SELECT 2, TIMESTAMP '2026-12-01 00:00:00', 'US';"
                + " CREATE TABLE dim_candidates.c AS SELECT 1 AS id, TIMESTAMP '2026-12-01 00:00:00' AS valid_from, 'IE' AS country"
                + " UNION ALL SELECT 3, TIMESTAMP '2026-12-02 00:00:00', 'NL'");
        assertThat(made.exitCode()).as(made.err()).isZero();
        CliRun run = CliRun.of("diff", "--warehouse", db.uri(), "--production", "dim.c", "--candidate", "dim_candidates.c",
                "--key", "id,valid_from", "--progress", "off");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("  country at (id=1, valid_from=2026-12-01 00:00:00): GB -> IE",
                "  added (id=3, valid_from=2026-12-02 00:00:00)", "  removed (id=2, valid_from=2026-12-01 00:00:00)");
    }

    private static Path totalsContract(Path dir) throws Exception {
        Path contract = dir.resolve("totals.odcs.yaml");
        Files.writeString(contract, String.join("\n",
                "apiVersion: v3.1.0", "kind: DataContract", "id: urn:test:web:totals", "name: totals", "version: 1.0.0",
                "status: active", "domain: web", "schema:", "  - name: totals", "    properties:",
                "      - {name: user_id, physicalType: INTEGER, required: true, primaryKey: true, primaryKeyPosition: 1}",
                "      - {name: total, physicalType: 'DECIMAL(12,2)'}", ""));
        return contract;
    }

    @Test
    void stagePlanShowsTheStatementsThatRunHere(@TempDir Path dir) throws Exception {
        Path contract = totalsContract(dir);
        String query = "SELECT user_id, CAST(sum(event_id) AS numeric(12,2)) AS total FROM web.events GROUP BY user_id";
        CliRun plan = CliRun.of("publish", "stage", "--warehouse", db.uri(), "--contract", contract.toString(), "--query", query, "--dry-run");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).doesNotContain("CREATE OR REPLACE")
                .containsPattern("\\n  DROP TABLE IF EXISTS \"web_candidates\"\\.\"meshkit_tmp_[0-9a-f]{32}\"\\n"
                        + "  CREATE TABLE \"web_candidates\"\\.\"meshkit_tmp_[0-9a-f]{32}\" AS SELECT \\* FROM \\(" + java.util.regex.Pattern.quote(query)
                        + "\\) AS meshkit_source\\n  DROP TABLE IF EXISTS \"web_candidates\"\\.\"totals\"\\n  ALTER TABLE \"web_candidates\"\\.\"meshkit_tmp_[0-9a-f]{32}\""
                        + " RENAME TO \"totals\"\\n");
        for (int i = 0; i < 2; i++) {  // creates the candidate, then replaces it
            CliRun staged = CliRun.of("publish", "stage", "--warehouse", db.uri(), "--contract", contract.toString(), "--query", query);
            assertThat(staged.exitCode()).as(staged.err()).isZero();
            assertThat(staged.out()).contains("web_candidates.totals, 10 rows");
        }
        // the run reports the statements it ran, the temporary table's name included: those of the dry run
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        CliRun planJson = CliRun.of("publish", "stage", "--warehouse", db.uri(), "--contract", contract.toString(), "--query", query,
                "--dry-run", "--format", "json");
        CliRun ranJson = CliRun.of("publish", "stage", "--warehouse", db.uri(), "--contract", contract.toString(), "--query", query,
                "--format", "json");
        assertThat(ranJson.exitCode()).as(ranJson.err()).isZero();
        assertThat(json.readTree(ranJson.out()).get("plan")).isEqualTo(json.readTree(planJson.out()).get("plan"));
        assertThat(json.readTree(ranJson.out()).get("plan").get(1).asText()).contains("meshkit_tmp_");
    }

    @Test
    void promotePlanOpensOneTransaction(@TempDir Path dir) throws Exception {
        Path contract = totalsContract(dir);
        CliRun plan = CliRun.of("publish", "backfill", "--warehouse", db.uri(), "--contract", contract.toString(), "--candidate",
                "web_candidates.planned_totals", "--query", "SELECT user_id, CAST(sum(event_id) AS numeric(12,2)) AS total FROM web.events GROUP BY user_id",
                "--dry-run");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out().lines().filter(l -> l.strip().startsWith("BEGIN"))).containsExactly("  BEGIN TRANSACTION");
        assertThat(plan.out().lines().filter(l -> l.strip().startsWith("COMMIT"))).containsExactly("  COMMIT");
    }

    @Test
    void validationNamesTypesAsTheContractDoes(@TempDir Path dir) throws Exception {
        Path contract = totalsContract(dir);
        // sum of a numeric is a numeric without precision: not the contract's DECIMAL(12,2)
        CliRun staged = CliRun.of("publish", "stage", "--warehouse", db.uri(), "--contract", contract.toString(), "--candidate",
                "web_candidates.untyped_totals", "--query", "SELECT user_id, sum(CAST(event_id AS numeric)) AS total FROM web.events GROUP BY user_id");
        assertThat(staged.exitCode()).as(staged.err()).isZero();
        CliRun validated = CliRun.of("publish", "validate", "--warehouse", db.uri(), "--contract", contract.toString(), "--candidate",
                "web_candidates.untyped_totals", "--progress", "off");
        assertThat(validated.exitCode()).as(validated.err()).isEqualTo(1);
        assertThat(validated.out()).contains("column total is DECIMAL(76,38), the contract says DECIMAL(12,2)").doesNotContain("numeric");
        CliRun plan = CliRun.of("publish", "validate", "--warehouse", db.uri(), "--contract", contract.toString(), "--dry-run");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("has exactly the columns user_id INTEGER, total DECIMAL(12,2)");
    }

    @Test
    void eventsWithAnUnconstrainedNumericBuildTheContractsDecimalTwice(@TempDir Path dir) throws Exception {
        Path contract = dir.resolve("accounts.odcs.yaml");
        Files.writeString(contract, String.join("\n",
                "apiVersion: v3.1.0", "kind: DataContract", "id: urn:test:bank:accounts", "name: accounts", "version: 1.0.0",
                "status: active", "domain: bank", "schema:", "  - name: accounts", "    properties:",
                "      - {name: id, physicalType: BIGINT, required: true, primaryKey: true, primaryKeyPosition: 1}",
                "      - name: balance", "        physicalType: DECIMAL(12,2)",
                "        customProperties: [{property: meshkit.history, value: type2}]",
                "    customProperties: [{property: meshkit.kind, value: dimension}]", ""));
        // numeric without (p,s), as PostgreSQL gives it for VALUES mixing a NULL or for arithmetic
        CliRun made = CliRun.of("query", "--warehouse", db.uri(), "CREATE SCHEMA bank_events; CREATE TABLE bank_events.accounts AS"
                + " SELECT * FROM (VALUES (1, 'create', TIMESTAMP '2026-12-01 10:00:00', 10.5),"
                + " (1, 'update', TIMESTAMP '2026-12-02 10:00:00', 12.25), (1, 'delete', TIMESTAMP '2026-12-03 10:00:00', NULL))"
                + " AS e(id, op, event_time, balance)");
        assertThat(made.exitCode()).as(made.err()).isZero();
        for (int i = 0; i < 2; i++) {
            CliRun built = CliRun.of("scd", "from-events", "--warehouse", db.uri(), "--contract", contract.toString(),
                    "--events", "bank_events.accounts", "--progress", "off");
            assertThat(built.exitCode()).as(built.err()).isZero();
            assertThat(built.out()).contains("rows 2");
        }
        CliRun validated = CliRun.of("publish", "validate", "--warehouse", db.uri(), "--contract", contract.toString(), "--progress", "off");
        assertThat(validated.exitCode()).as(validated.out() + validated.err()).isZero();
        CliRun rows = CliRun.of("query", "--warehouse", db.uri(), "--format", "csv",
                "SELECT id, balance, valid_from, valid_to, format_type(atttypid, atttypmod) AS type FROM bank_candidates.accounts,"
                        + " pg_attribute WHERE attrelid = 'bank_candidates.accounts'::regclass AND attname = 'balance' ORDER BY valid_from");
        assertThat(rows.out()).isEqualTo(String.join(System.lineSeparator(), "id,balance,valid_from,valid_to,type",
                "1,10.50,2026-12-01 00:00:00,2026-12-02 00:00:00,\"numeric(12,2)\"",
                "1,12.25,2026-12-02 00:00:00,2026-12-03 00:00:00,\"numeric(12,2)\"", ""));
    }
}
