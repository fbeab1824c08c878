package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest {
    @Test
    void printsATable() {
        CliRun run = CliRun.of("query", "--warehouse", "duckdb::memory:", "SELECT 42 AS answer, 'forty-two' AS words");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(String.join(System.lineSeparator(),
                "┌─────────┬───────────┐",
                "│ answer  │ words     │",
                "│ INTEGER │ VARCHAR   │",
                "├─────────┼───────────┤",
                "│      42 │ forty-two │",
                "└─────────┴───────────┘",
                "1 row", ""));
    }

    @Test
    void printsCsvAndJsonWithNulls() throws Exception {
        String sql = "SELECT * FROM (VALUES (1, 'a,b', NULL), (2, 'say \"hi\"', 2.5)) t(id, s, x) ORDER BY id";
        CliRun csv = CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "csv", sql);
        assertThat(csv.out()).isEqualTo(String.join(System.lineSeparator(), "id,s,x", "1,\"a,b\",", "2,\"say \"\"hi\"\"\",2.5", ""));
        CliRun json = CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "json", sql);
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("rowCount").asInt()).isEqualTo(2);
        assertThat(root.at("/rows/0/2").isNull()).isTrue();
        assertThat(root.at("/rows/1/1").asText()).isEqualTo("say \"hi\"");
        assertThat(root.at("/columns/0/name").asText()).isEqualTo("id");
    }

    @Test
    void tableFormatShowsAtMostMaxRows() {
        CliRun run = CliRun.of("query", "--warehouse", "duckdb::memory:", "--max-rows", "3", "SELECT * FROM range(10)");
        assertThat(run.out()).endsWith("10 rows (3 shown; use --format csv or json for all)" + System.lineSeparator());
    }

    @Test
    void aFileWarehouseKeepsItsTablesBetweenRuns(@TempDir Path dir) {
        String uri = "duckdb:" + dir.resolve("w.duckdb");
        CliRun create = CliRun.of("query", "--warehouse", uri, "CREATE TABLE t AS SELECT 7 AS x");
        assertThat(create.exitCode()).isZero();
        assertThat(create.out()).startsWith("OK");
        CliRun run = CliRun.of("query", "--warehouse", uri, "--format", "csv", "SELECT x FROM t");
        assertThat(run.out()).isEqualTo("x" + System.lineSeparator() + "7" + System.lineSeparator());
    }

    @Test
    void badSqlIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("query", "--warehouse", "duckdb::memory:", "SELEC 1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("error: Cannot run query: ").doesNotContain("Exception");
    }

    @Test
    void unknownWarehouseSchemeIsBadInput() {
        CliRun run = CliRun.of("query", "--warehouse", "snowflake:acme", "SELECT 1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: Cannot open warehouse of scheme 'snowflake': no provider on the class path (installed: bigquery, duckdb, jdbc, postgres)"
                + System.lineSeparator());
    }
}
