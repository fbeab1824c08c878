package io.meshkit.cli.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import io.meshkit.cli.TestingPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
