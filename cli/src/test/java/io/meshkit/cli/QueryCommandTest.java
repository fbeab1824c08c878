package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.core.cli.TextTable;
import io.meshkit.core.warehouse.Warehouses;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void tableHeadersShowPortableTypesAndJsonKeepsTheEnginesOwn() throws Exception {
        String sql = "SELECT CAST(1 AS BIGINT) AS n, TIMESTAMPTZ '2026-12-01 00:00:00+00' AS at, 1.5::DECIMAL(10,2) AS d";
        CliRun table = CliRun.of("query", "--warehouse", "duckdb::memory:", sql);
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().skip(2).findFirst().orElseThrow()).matches("│ BIGINT +│ TIMESTAMPTZ +│ DECIMAL\\(10,2\\) +│");
        JsonNode json = new ObjectMapper().readTree(CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "json", sql).out());
        assertThat(json.at("/columns/1/type").asText()).isEqualTo("TIMESTAMP WITH TIME ZONE");
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

    /** A missing warehouse is refused in one line, creating nothing: a mistyped path is not an empty warehouse. */
    @Test
    void aWarehouseThatDoesNotExistIsRefusedAndNotCreated(@TempDir Path dir) {
        Path file = dir.resolve("wharehouse.duckdb");
        String uri = "duckdb:" + file;
        CliRun run = CliRun.of("query", "--warehouse", uri, "SELECT * FROM music.tracks");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: Cannot open warehouse " + uri + ": it does not exist (this command reads a"
                + " warehouse and does not create one: check the path; meshkit ingest, run and publish stage of a query create it)" + System.lineSeparator());
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileWarehouseKeepsItsTablesBetweenRuns(@TempDir Path dir) {
        String uri = "duckdb:" + dir.resolve("w.duckdb");
        Warehouses.open(uri).close();
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
        assertThat(run.err()).isEqualTo("error: Cannot open warehouse of scheme 'snowflake': no provider on the class path (installed: bigquery, duckdb, jdbc, postgres, postgresql)"
                + System.lineSeparator());
    }

    @Test
    void cjkAndEmojiValuesKeepTheColumnsAligned() {
        CliRun run = CliRun.of("query", "--warehouse", "duckdb::memory:",
                "SELECT * FROM (VALUES (1, '東京'), (2, 'Paris'), (3, '🎵 Ünïcödé')) t(id, city) ORDER BY id");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).contains("│       1 │ 東京       │", "│       2 │ Paris      │", "│       3 │ 🎵 Ünïcödé │");
        // every line of the box, measured as a terminal draws it, is as wide as the first
        int width = TextTable.width(lines.get(0));
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> TextTable.width(l) == width);
    }

    @Test
    void aLineBreakOrTabInAValueStaysOnItsRow() {
        CliRun run = CliRun.of("query", "--warehouse", "duckdb::memory:", "SELECT 'first' || chr(10) || 'second' || chr(9) || 'x' AS s");
        assertThat(run.out().lines().toList()).hasSize(6 + 1).contains("│ first\\nsecond\\tx │");
    }

    @Test
    void nullAndTheStringNullNeverLookAlike() throws Exception {
        String sql = "SELECT NULL::VARCHAR AS a, 'NULL' AS b";
        CliRun table = CliRun.of("query", "--warehouse", "duckdb::memory:", sql);
        assertThat(table.out()).contains("│ NULL    │ 'NULL'  │");
        JsonNode json = new ObjectMapper().readTree(CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "json", sql).out());
        assertThat(json.at("/rows/0/0").isNull()).isTrue();
        assertThat(json.at("/rows/0/1").isTextual()).isTrue();
        assertThat(json.at("/rows/0/1").asText()).isEqualTo("NULL");
        CliRun csv = CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "csv", sql);
        assertThat(csv.out()).isEqualTo("a,b\n,NULL\n");
    }

    @Test
    void timestampsPrintWithSecondsAndFractionsOnlyWhenPresentInEveryFormat() throws Exception {
        String sql = "SELECT TIMESTAMP '2024-01-01 12:30:00' AS t, TIMESTAMP '2024-01-01 12:30:15.25' AS u";
        CliRun csv = CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "csv", sql);
        assertThat(csv.out()).isEqualTo("t,u\n2024-01-01 12:30:00,2024-01-01 12:30:15.250000\n");
        assertThat(CliRun.of("query", "--warehouse", "duckdb::memory:", sql).out())
                .contains("│ 2024-01-01 12:30:00 │ 2024-01-01 12:30:15.250000 │");
        JsonNode json = new ObjectMapper().readTree(CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "json", sql).out());
        assertThat(json.at("/rows/0/0").asText()).isEqualTo("2024-01-01 12:30:00");
    }

    @Test
    void sqlMayStartWithACommentOrComeFromAFileOrStandardInput(@TempDir Path dir) throws Exception {
        CliRun comment = CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "csv", "-- the answer\nSELECT 42 AS answer");
        assertThat(comment.exitCode()).as(comment.err()).isZero();
        assertThat(comment.out()).isEqualTo("answer\n42\n");

        Path file = Files.writeString(dir.resolve("q.sql"), "-- from a file\nSELECT 'f' AS source;\n");
        CliRun fromFile = CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "csv", "--file", file.toString());
        assertThat(fromFile.out()).as(fromFile.err()).isEqualTo("source\nf\n");

        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("SELECT 'stdin' AS source".getBytes(StandardCharsets.UTF_8)));
            CliRun fromStdin = CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "csv", "-");
            assertThat(fromStdin.out()).as(fromStdin.err()).isEqualTo("source\nstdin\n");
        } finally {
            System.setIn(stdin);
        }

        CliRun none = CliRun.of("query", "--warehouse", "duckdb::memory:");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("error: Cannot run a query: give the SQL, --file FILE, or - to read standard input\n");
        CliRun missing = CliRun.of("query", "--warehouse", "duckdb::memory:", "--file", dir.resolve("none.sql").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: Cannot read --file ").endsWith("none.sql: no such file\n");
    }

    @Test
    void csvKeepsADecimalsScale() {
        CliRun csv = CliRun.of("query", "--warehouse", "duckdb::memory:", "--format", "csv", "SELECT 162.00::DECIMAL(10,2) AS revenue");
        assertThat(csv.out()).isEqualTo("revenue\n162.00\n");
    }
}
