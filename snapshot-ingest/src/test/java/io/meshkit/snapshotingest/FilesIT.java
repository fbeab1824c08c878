package io.meshkit.snapshotingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code meshkit-ingest files} as a user runs it: CSV and Parquet snapshot files into a DuckDB file's staging table,
 * the key checks (a NULL or repeated key refuses the date with nothing staged; {@code --allow-duplicate-keys} lets
 * only repeats through), a column added to the contract and the files, a breaking change refused before a file is
 * read, and the JSON result of {@code ingest snapshot}.
 */
class FilesIT {
    @TempDir
    Path dir;

    private Path contract(String version, String extra) throws Exception {
        return TestContracts.write(dir, "customers", version, """
                - name: name
                  logicalType: string
                  physicalType: VARCHAR
                - name: country
                  logicalType: string
                  physicalType: VARCHAR
                """ + extra);
    }

    private Path day(String date, String csv) throws Exception {
        Path d = Files.createDirectories(dir.resolve("snapshots/snapshot_date=" + date));
        Files.writeString(d.resolve("part-0.csv"), csv);
        return d;
    }

    private IngestRun files(Path contract, String date, String... more) {
        List<String> args = new ArrayList<>(List.of("files", "--snapshots", dir.resolve("snapshots").toString(), "--contract", contract.toString(),
                "--date", date, "--landing", dir.resolve("landing").toString(), "--warehouse", "duckdb:" + dir.resolve("wh.duckdb")));
        args.addAll(List.of(more));
        return IngestRun.of(args.toArray(String[]::new));
    }

    /** Version {@code version} of the contract, with its country property replaced (removed when empty). */
    private Path withCountry(Path v1, String version, String country) throws Exception {
        Path file = dir.resolve("customers-" + version + ".odcs.yaml");
        Files.writeString(file, Files.readString(v1).replace("version: 1.0.0", "version: " + version).replace(country(), country));
        return file;
    }

    private static String country() {
        return """
                      - name: country
                        logicalType: string
                        physicalType: VARCHAR
                """;
    }

    private List<List<Object>> rows(String sql) {
        return StagedRows.query(dir.resolve("wh.duckdb"), sql);
    }

    @Test
    void csvAndParquetStageTheirDateAndAnAddedColumnFollows() throws Exception {
        Path v1 = contract("1.0.0", "");
        day("2024-01-01", """
                id,name,country
                1,Ada King,GB
                2,Grace Hopper,US
                """);
        IngestRun first = files(v1, "2024-01-01", "--format", "json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("\"date\" : \"2024-01-01\"", "\"dataset\" : \"shop.customers\"", "\"staging\" : \"shop_staging.customers\"",
                "\"stagedRows\" : 2", "\"rows\" : 2", "\"chunks\" : 1", "\"duplicateKeys\" : 0", "\"tablesChanged\" : [ \"shop_staging.customers\" ]",
                "_manifest.json", "part-0.csv");
        assertThat(dir.resolve("landing/shop.customers/snapshot_date=2024-01-01/_manifest.json")).exists();

        // the next day as Parquet, written by DuckDB
        Path parquetDay = Files.createDirectories(dir.resolve("snapshots/snapshot_date=2024-01-02"));
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            w.execute(Sql.of("COPY (SELECT * FROM (VALUES (1, 'Ada King', 'IE'), (2, 'Grace Hopper', 'US'), (3, 'Alan Turing', 'GB')) "
                    + "AS t(id, name, country)) TO '" + parquetDay.resolve("part-0.parquet") + "' (FORMAT PARQUET)"));
        }
        IngestRun parquet = files(v1, "2024-01-02");
        assertThat(parquet.exitCode()).as(parquet.err()).isZero();
        assertThat(parquet.out()).contains("shop.customers 2024-01-02: 3 rows in 1 file,", "staged   shop_staging.customers: 3 rows for snapshot_date 2024-01-02");

        // email added: contract 1.1.0 and the files; earlier dates read NULL
        Path v11 = contract("1.1.0", """
                - name: email
                  logicalType: string
                  physicalType: VARCHAR
                """);
        day("2024-01-03", """
                id,name,country,email
                1,Ada King,IE,ada@example.com
                2,Grace Hopper,US,
                """);
        IngestRun added = files(v11, "2024-01-03");
        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).contains("warning: staging shop_staging.customers: column email VARCHAR added (earlier dates NULL)");
        assertThat(rows("SELECT CAST(snapshot_date AS VARCHAR), COUNT(*), COUNT(email) FROM shop_staging.customers GROUP BY 1 ORDER BY 1"))
                .containsExactly(List.of("2024-01-01", 2L, 0L), List.of("2024-01-02", 3L, 0L), List.of("2024-01-03", 2L, 1L));

        // loading a date again replaces it
        IngestRun again = files(v11, "2024-01-03");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(rows("SELECT COUNT(*) FROM shop_staging.customers WHERE snapshot_date = DATE '2024-01-03'")).containsExactly(List.of(2L));

        // every run is in the run log, as ingest's
        assertThat(rows("SELECT tool, status, COUNT(*) FROM meshkit_meta.runs WHERE dataset = 'shop.customers' GROUP BY 1, 2"))
                .containsExactly(List.of("ingest", "SUCCEEDED", 4L));
    }

    @Test
    void aNullOrRepeatedKeyIsRefusedWithNothingStaged() throws Exception {
        Path v1 = contract("1.0.0", "");
        day("2024-01-05", """
                id,name,country
                1,Ada King,GB
                1,Ada King,GB
                ,Nobody,GB
                """);
        IngestRun bad = files(v1, "2024-01-05");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("error: Cannot stage snapshot 2024-01-05 into shop_staging.customers: 1 key value of (id) occurs more than"
                + " once and 1 row has a NULL in the key (id) (" + dir.resolve("snapshots/snapshot_date=2024-01-05") + "); nothing was staged"
                + System.lineSeparator());
        assertThat(dir.resolve("landing/shop.customers/snapshot_date=2024-01-05/_manifest.json")).doesNotExist();

        IngestRun nullKey = files(v1, "2024-01-05", "--allow-duplicate-keys");
        assertThat(nullKey.exitCode()).isEqualTo(2);
        assertThat(nullKey.err()).contains("1 row has a NULL in the key (id)").doesNotContain("more than once");

        day("2024-01-05", """
                id,name,country
                1,Ada King,GB
                1,Ada King,GB
                """);
        IngestRun repeated = files(v1, "2024-01-05", "--allow-duplicate-keys", "--format", "json");
        assertThat(repeated.exitCode()).as(repeated.err()).isZero();
        assertThat(repeated.out()).contains("\"stagedRows\" : 2", "\"duplicateKeys\" : 1");
        assertThat(rows("SELECT status, COUNT(*) FROM meshkit_meta.runs WHERE dataset = 'shop.customers' GROUP BY 1 ORDER BY 1"))
                .containsExactly(List.of("FAILED", 2L), List.of("SUCCEEDED", 1L));
    }

    @Test
    void aBreakingChangeIsRefusedBeforeAFileIsRead() throws Exception {
        Path v1 = contract("1.0.0", "");
        day("2024-01-01", """
                id,name,country
                1,Ada King,GB
                """);
        assertThat(files(v1, "2024-01-01").exitCode()).isZero();
        Path v2 = withCountry(v1, "2.0.0", "");
        day("2024-01-02", """
                id,name
                1,Ada King
                """);
        IngestRun breaking = files(v2, "2024-01-02");
        assertThat(breaking.exitCode()).isEqualTo(2);
        assertThat(breaking.err()).startsWith("error: Cannot stage snapshot 2024-01-02 into shop_staging.customers: its columns changed in a"
                + " breaking way since earlier dates were staged (--allow-breaking goes on:").contains("column country removed");
        IngestRun allowed = files(v2, "2024-01-02", "--allow-breaking");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(rows("SELECT id, country FROM shop_staging.customers WHERE snapshot_date = DATE '2024-01-02'"))
                .containsExactly(java.util.Arrays.asList(1L, null));

        // the removal was accepted once: the next day is no breaking change, and needs no --allow-breaking
        day("2024-01-03", """
                id,name
                1,Ada King
                2,Grace Hopper
                """);
        IngestRun nextDay = files(v2, "2024-01-03", "--format", "json");
        assertThat(nextDay.exitCode()).as(nextDay.err()).isZero();
        assertThat(nextDay.out() + nextDay.err()).doesNotContain("country");
        assertThat(rows("SELECT snapshot_date, COUNT(*), COUNT(country) FROM shop_staging.customers GROUP BY 1 ORDER BY 1"))
                .containsExactly(List.of(java.time.LocalDate.parse("2024-01-01"), 1L, 1L),
                        List.of(java.time.LocalDate.parse("2024-01-02"), 1L, 0L), List.of(java.time.LocalDate.parse("2024-01-03"), 2L, 0L));
    }

    /**
     * Whether a removal was accepted is recorded ({@code meshkit_meta.retained_columns}), not read from the data: a
     * column that held only NULL on its last day is still a breaking removal, and one that comes back and goes again
     * is a new one.
     */
    @Test
    void anAllNullColumnRemovedIsStillBreakingAndAnAcceptedRemovalIsRecorded() throws Exception {
        Path v1 = contract("1.0.0", "");
        day("2024-01-01", "id,name,country\n1,Ada King,\n2,Grace Hopper,\n");
        assertThat(files(v1, "2024-01-01").exitCode()).isZero();
        assertThat(rows("SELECT COUNT(country) FROM shop_staging.customers")).containsExactly(List.of(0L));
        Path v2 = withCountry(v1, "2.0.0", "");
        day("2024-01-02", "id,name\n1,Ada King\n");
        IngestRun refused = files(v2, "2024-01-02");
        assertThat(refused.exitCode()).as(refused.out()).isEqualTo(2);
        assertThat(refused.err()).contains("column country removed", "--allow-breaking");
        assertThat(rows("SELECT COUNT(*) FROM shop_staging.customers WHERE snapshot_date = DATE '2024-01-02'")).containsExactly(List.of(0L));

        assertThat(files(v2, "2024-01-02", "--allow-breaking").exitCode()).isZero();
        assertThat(rows("SELECT table_name, column_name, retained_by FROM meshkit_meta.retained_columns"))
                .containsExactly(List.of("shop_staging.customers", "country", "ingest"));
        day("2024-01-03", "id,name\n1,Ada King\n");
        IngestRun nextDay = files(v2, "2024-01-03");
        assertThat(nextDay.exitCode()).as(nextDay.err()).isZero();
        assertThat(nextDay.out() + nextDay.err()).doesNotContain("country");

        // the column comes back (3.0.0): the record is forgotten, and removing it again needs --allow-breaking again
        day("2024-01-04", "id,name,country\n1,Ada King,GB\n");
        assertThat(files(withCountry(v1, "3.0.0", country()), "2024-01-04").exitCode()).isZero();
        assertThat(rows("SELECT COUNT(*) FROM meshkit_meta.retained_columns")).containsExactly(List.of(0L));
        day("2024-01-05", "id,name\n1,Ada King\n");
        IngestRun again = files(withCountry(v1, "4.0.0", ""), "2024-01-05");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("column country removed");
    }

    /** Another type that earlier dates' values do not convert to: exit 2, one line saying what to do, nothing staged. */
    @Test
    void anotherTypeThatEarlierDatesDoNotFitSaysWhatToDo() throws Exception {
        Path v1 = contract("1.0.0", "");
        day("2024-01-01", "id,name,country\n1,Ada King,GB\n");
        assertThat(files(v1, "2024-01-01").exitCode()).isZero();
        Path v2 = withCountry(v1, "2.0.0", """
                      - name: country
                        logicalType: integer
                        physicalType: INTEGER
                """);
        day("2024-01-02", "id,name,country\n1,Ada King,44\n");
        IngestRun run = files(v2, "2024-01-02", "--allow-breaking");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("error: Cannot stage snapshot 2024-01-02 into shop_staging.customers: column country changed"
                + " type from VARCHAR to INTEGER, and values of earlier dates do not convert; keep the old type in the contract, or give"
                + " the new type a new column name (the old column is then a removed one)");
        assertThat(rows("SELECT COUNT(*) FROM shop_staging.customers WHERE snapshot_date = DATE '2024-01-02'")).containsExactly(List.of(0L));
    }

    /** A column the source added before the contract declares it: landed, not staged, and said so. */
    @Test
    void aColumnTheContractDoesNotDeclareIsNamedInAWarning() throws Exception {
        Path v1 = contract("1.0.0", "");
        day("2024-01-01", "id,name,country,email,tier\n1,Ann,SE,ann@example.com,gold\n");
        IngestRun run = files(v1, "2024-01-01");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("warning: the files have columns the contract does not declare, not staged: email, tier"
                + " (declare them in the contract to stage them)");
        assertThat(rows("SELECT id, name, country FROM shop_staging.customers")).containsExactly(List.of(1L, "Ann", "SE"));
    }

    @Test
    void aMissingDateNamesTheDatesThere() throws Exception {
        Path v1 = contract("1.0.0", "");
        for (int d = 1; d <= 7; d++) {
            day("2024-01-0" + d, "id,name,country\n1,Ann,SE\n");
        }
        IngestRun missing = files(v1, "2024-02-01");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).startsWith("error: Cannot load snapshot 2024-02-01: no directory ")
                .endsWith("; dates there: …, 2024-01-03, 2024-01-04, 2024-01-05, 2024-01-06, 2024-01-07 (7 in all)")
                .doesNotContain("\n");

        IngestRun nowhere = IngestRun.of("files", "--snapshots", dir.resolve("nowhere").toString(), "--contract", v1.toString(),
                "--date", "2024-01-01", "--warehouse", "duckdb:" + dir.resolve("wh.duckdb"));
        assertThat(nowhere.exitCode()).isEqualTo(2);
        assertThat(nowhere.err()).contains("nowhere does not exist");
    }

    @Test
    void helpShowsARealExample() {
        IngestRun help = IngestRun.of("files", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--snapshots=DIR", "--allow-duplicate-keys", "Example:",
                "files --snapshots examples/music/snapshots/tracks --contract examples/music/contracts/tracks.odcs.yaml --date 2019-04-28");
    }
}
