package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import io.meshkit.cli.VersionCommand;
import io.meshkit.cli.WarehouseQuery;
import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five days of a MariaDB table through {@code meshkit run} on a project made by {@code meshkit init --template
 * snapshot-dimension}, as a team runs it from cron: day 2 adds a nullable column (1.1.0), day 3 widens two types
 * (1.2.0), day 4 renames a column, declared in the contract (2.0.0), day 5 removes one and the contract drops it
 * (3.0.0, refused until the ingest step allows breaking changes); then day 5 is corrected and day 4 run again. After each run: the exit code, the report's summary lines
 * and the published dimension.
 */
@ExtendWith(MySqlExtension.class)
class TemplateSchemaEvolutionMySqlIT {
    private static final String D1 = "2026-07-01";
    private static final String D2 = "2026-07-02";
    private static final String D3 = "2026-07-03";
    private static final String D4 = "2026-07-04";
    private static final String D5 = "2026-07-05";
    private static final String OPEN = "9999-12-31 00:00:00";

    @TempDir
    Path tmp;

    private Path project;
    private String warehouse;

    @Test
    void fiveDaysOfSchemaChangesThroughMeshkitRun(MySqlDatabase db) throws Exception {
        project = tmp.resolve("shop");
        CliRun init = CliRun.of("init", project.toString(), "--template", "snapshot-dimension", "--dataset", "shop.customers",
                "--maven-repository", "file:///opt/meshkit-" + VersionCommand.version() + "/maven");
        assertThat(init.exitCode()).as(init.err()).isZero();
        warehouse = "duckdb:" + tmp.resolve("w.duckdb");
        // pointed at the MariaDB table: the ingest step reads it (the test JVM cannot set MESHKIT_MYSQL_URL for the
        // in-process command, so the URL is written into the step), the sample files' load step goes. The server is
        // shared with other tests, whose locks must not fail this one: without the short read lock, the four rows
        // are read on one connection in one transaction, the same snapshot
        Path pipeline = project.resolve("pipeline.yaml");
        String steps = Files.readString(pipeline);
        String ingestStep = """
                  - id: ingest
                    kind: ingest
                    when: env.MESHKIT_MYSQL_URL
                    source: ${MESHKIT_MYSQL_URL}
                    contract: contracts/customers.odcs.yaml
                """;
        assertThat(steps).contains(ingestStep);
        steps = steps.replace(ingestStep, """
                  - id: ingest
                    kind: ingest
                    source: %s
                    contract: contracts/customers.odcs.yaml
                    args: [--landing, %s, --on-lock-timeout, single]
                """.formatted(db.jdbcUrl(), tmp.resolve("landing")));
        steps = steps.replaceAll("(?s)  - id: load\n.*?(?=  - id: ingest)", "").replace("needs: [load, ingest]", "needs: [ingest]");
        Files.writeString(pipeline, steps);

        // day 1 (1.0.0): the template's columns, name a VARCHAR(20), and the table's visits
        mysql(db, "CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL, segment VARCHAR(20),"
                + " country VARCHAR(2), created_date DATE, visits INT)",
                "INSERT INTO customers VALUES (1, 'Ada Lovelace', 'retail', 'GB', '2023-11-02', 3),"
                        + " (2, 'Grace Hopper', 'retail', 'US', '2023-12-14', 5), (3, 'Alan Turing', 'business', 'GB', '2023-12-20', 1),"
                        + " (4, 'Edsger Dijkstra', 'retail', 'NL', '2024-01-02', 2)");
        Path contract = project.resolve("contracts/customers.odcs.yaml");
        String template = Files.readString(contract);
        String v1 = edit(template, """
                        physicalType: VARCHAR
                        description: The display name; a new name opens a new version.
                """, """
                        physicalType: VARCHAR(20)
                        description: The display name; a new name opens a new version.
                """);
        v1 = edit(v1, """
                        description: When the row was created in the source.
                """, """
                        description: When the row was created in the source.
                      - name: visits
                        logicalType: integer
                        physicalType: INTEGER
                        description: Visits so far; a change opens a new version.
                """);
        Files.writeString(contract, v1);
        CliRun day1 = run(D1, 0);
        assertThat(summary(day1)).contains("pipeline customers finished", "shop.customers v1 (was none) 4 rows",
                "shop.customers new dataset (no production yet)");
        assertThat(published("id, name, segment, country, visits")).containsExactly(
                row(1L, "Ada Lovelace", "retail", "GB", 3L, D1, OPEN, true),
                row(2L, "Grace Hopper", "retail", "US", 5L, D1, OPEN, true),
                row(3L, "Alan Turing", "business", "GB", 1L, D1, OPEN, true),
                row(4L, "Edsger Dijkstra", "retail", "NL", 2L, D1, OPEN, true));

        // day 2 (1.1.0): email added, filled for 1 and 2: their versions close (email NULL) and new ones open
        mysql(db, "ALTER TABLE customers ADD COLUMN email VARCHAR(80)",
                "UPDATE customers SET email = CONCAT('c', id, '@example.com') WHERE id IN (1, 2)");
        String v11 = edit(v1.replace("version: 1.0.0", "version: 1.1.0"), """
                        description: Visits so far; a change opens a new version.
                """, """
                        description: Visits so far; a change opens a new version.
                      - name: email
                        logicalType: string
                        physicalType: VARCHAR
                        description: Where we write to; NULL before the column existed.
                """);
        Files.writeString(contract, v11);
        CliRun day2 = run(D2, 0);
        assertThat(summary(day2)).contains("pipeline customers finished", "shop.customers v2 (was v1) 6 rows",
                "shop.customers added 0, removed 0, changed 2, unchanged 2; history: 2 keys changed (versions 2 added, 0 removed, 2 changed)", "schema: + email (added)",
                "shop.customers column email added (earlier versions NULL; a first value opens a version unless meshkit.firstFill: fill)"
                        + " (scd@2026-07-02)");
        assertThat(published("id, email")).containsExactly(
                row(1L, null, D1, D2, false), row(1L, "c1@example.com", D2, OPEN, true),
                row(2L, null, D1, D2, false), row(2L, "c2@example.com", D2, OPEN, true),
                row(3L, null, D1, OPEN, true), row(4L, null, D1, OPEN, true));

        // day 3 (1.2.0): visits INT -> BIGINT, name VARCHAR(20) -> VARCHAR(50), and values that need them
        mysql(db, "ALTER TABLE customers MODIFY visits BIGINT", "ALTER TABLE customers MODIFY name VARCHAR(50) NOT NULL",
                "UPDATE customers SET visits = 5000000000 WHERE id = 3",
                "UPDATE customers SET name = 'Edsger Wybe Dijkstra of Nuenen' WHERE id = 4");
        String v12 = v11.replace("version: 1.1.0", "version: 1.2.0").replace("physicalType: VARCHAR(20)\n", "physicalType: VARCHAR(50)\n");
        v12 = edit(v12, """
                      - name: visits
                        logicalType: integer
                        physicalType: INTEGER
                """, """
                      - name: visits
                        logicalType: integer
                        physicalType: BIGINT
                """);
        Files.writeString(contract, v12);
        CliRun day3 = run(D3, 0);
        assertThat(summary(day3)).contains("pipeline customers finished", "shop.customers v3 (was v2) 8 rows",
                "shop.customers added 0, removed 0, changed 2, unchanged 2; history: 2 keys changed (versions 2 added, 0 removed, 2 changed)");
        assertThat(published("id, name, visits")).contains(
                row(3L, "Alan Turing", 1L, D1, D3, false), row(3L, "Alan Turing", 5000000000L, D3, OPEN, true),
                row(4L, "Edsger Dijkstra", 2L, D1, D3, false), row(4L, "Edsger Wybe Dijkstra of Nuenen", 2L, D3, OPEN, true));
        assertThat(WarehouseQuery.rows(warehouse, "SELECT data_type FROM information_schema.columns WHERE table_schema = 'shop'"
                + " AND table_name = 'customers' AND column_name = 'visits'")).containsExactly(List.of("BIGINT"));

        // day 4 (2.0.0): segment renamed to tier, declared; 2 moves to business. Staging follows a declared rename
        // without --allow-breaking
        mysql(db, "ALTER TABLE customers CHANGE segment tier VARCHAR(20)", "UPDATE customers SET tier = 'business' WHERE id = 2");
        String v2 = edit(v12.replace("version: 1.2.0", "version: 2.0.0"), """
                      - name: segment
                        logicalType: string
                        physicalType: VARCHAR
                        description: The business segment; a move to another segment opens a new version.
                        customProperties:
                          - property: meshkit.history
                            value: type2
                """, """
                      - name: tier
                        logicalType: string
                        physicalType: VARCHAR
                        description: The business segment (segment until 2.0.0); a move opens a new version.
                        customProperties:
                          - property: meshkit.history
                            value: type2
                          - property: meshkit.renamedFrom
                            value: segment
                """);
        Files.writeString(contract, v2);
        CliRun day4 = run(D4, 0);
        // the diff pairs the declared rename: production's segment is compared with the candidate's tier, so the
        // rename alone changes no version; 2's move to business changes its current state, and in its history closes its open
        // version (changed) and opens one (added)
        assertThat(summary(day4)).contains("pipeline customers finished", "shop.customers v4 (was v3) 9 rows",
                "shop.customers added 0, removed 0, changed 1, unchanged 3; history: 1 key changed (versions 1 added, 0 removed, 1 changed)", "schema: renamed segment -> tier");
        assertThat(columns()).contains("tier").doesNotContain("segment");
        assertThat(published("id, tier")).containsExactly(
                row(1L, "retail", D1, D2, false), row(1L, "retail", D2, OPEN, true),
                row(2L, "retail", D1, D2, false), row(2L, "retail", D2, D4, false), row(2L, "business", D4, OPEN, true),
                row(3L, "business", D1, D3, false), row(3L, "business", D3, OPEN, true),
                row(4L, "retail", D1, D3, false), row(4L, "retail", D3, OPEN, true));

        // day 5 (3.0.0): country removed from the table, and the contract drops it with its history; 1 visits again
        mysql(db, "ALTER TABLE customers DROP COLUMN country", "UPDATE customers SET visits = 4 WHERE id = 1");
        String v3 = edit(v2.replace("version: 2.0.0", "version: 3.0.0"), """
                      - name: country
                        logicalType: string
                        physicalType: VARCHAR(2)
                        description: ISO 3166-1 alpha-2 country code; a change is a correction and overwrites every version.
                        customProperties:
                          - property: meshkit.history
                            value: type1
                """, "");
        v3 = edit(v3, """
                    customProperties:
                      - property: meshkit.kind
                        value: dimension
                """, """
                    customProperties:
                      - property: meshkit.kind
                        value: dimension
                      - property: meshkit.removedColumns
                        value: drop
                """);
        Files.writeString(contract, v3);
        // a removal is breaking: the first run after it needs --allow-breaking on the ingest step
        CliRun refused = run(D5, 2);
        assertThat(summary(refused)).contains("pipeline customers FAILED");
        assertThat(refused.out()).contains("column country removed", "--allow-breaking");
        Files.writeString(pipeline, Files.readString(pipeline).replace("args: [--landing,", "args: [--allow-breaking, --landing,"));
        CliRun day5 = run(D5, 0);
        // the diff compares the rows on the columns both sides have: dropping country changes no row
        assertThat(summary(day5)).contains("pipeline customers finished", "shop.customers v5 (was v4) 10 rows",
                "shop.customers added 0, removed 0, changed 1, unchanged 3; history: 1 key changed (versions 1 added, 0 removed, 1 changed)");
        assertThat(columns()).doesNotContain("country", "segment").contains("tier", "email", "visits");
        List<List<Object>> afterDay5 = published("id, name, tier, email, visits");
        assertThat(afterDay5).contains(row(1L, "Ada Lovelace", "retail", "c1@example.com", 3L, D2, D5, false),
                row(1L, "Ada Lovelace", "retail", "c1@example.com", 4L, D5, OPEN, true));

        // a correction: day 5's snapshot caught 1's visit twice (4 is right, but 2 must not have been renamed);
        // the source is fixed and day 5 landed again (--force), then run: the last day is applied again
        mysql(db, "UPDATE customers SET name = 'Grace B. Hopper' WHERE id = 2");
        // first, the day as it was wrongly landed a second time, with the bad rename
        Files.writeString(pipeline, Files.readString(pipeline).replace("args: [--allow-breaking,", "args: [--force, --allow-breaking,"));
        CliRun wrong = run(D5, 0);
        assertThat(summary(wrong)).contains("pipeline customers finished", "shop.customers v6 (was v5) 11 rows");
        mysql(db, "UPDATE customers SET name = 'Grace Hopper' WHERE id = 2");
        CliRun corrected = run(D5, 0);
        assertThat(summary(corrected)).contains("pipeline customers finished", "shop.customers v7 (was v6) 10 rows",
                "shop.customers added 0, removed 0, changed 1, unchanged 3; history: 1 key changed (versions 0 added, 1 removed, 1 changed)");
        assertThat(published("id, name, tier, email, visits")).isEqualTo(afterDay5);

        // an earlier date run again: its landed snapshot is staged again and history restated from it, to the same table
        Files.writeString(pipeline, Files.readString(pipeline).replace("args: [--force, --allow-breaking,", "args: [--allow-breaking,"));
        CliRun rerun = run(D4, 0);
        assertThat(rerun.out()).contains("restate 2026-07-04,2026-07-05 -> shop_candidates.customers: opened 2, closed 2");
        assertThat(summary(rerun)).contains("pipeline customers finished", "shop.customers v7 (unchanged) 10 rows",
                "shop.customers added 0, removed 0, changed 0, unchanged 4; history unchanged");
        assertThat(published("id, name, tier, email, visits")).isEqualTo(afterDay5);

        // and a rebuild from every staged snapshot gives the published table
        CliRun rebuild = CliRun.of("scd", "rebuild", "--contract", contract.toString(), "--warehouse", warehouse);
        assertThat(rebuild.exitCode()).as(rebuild.out() + rebuild.err()).isZero();
        assertThat(WarehouseQuery.rows(warehouse, "SELECT id, name, tier, email, visits, CAST(valid_from AS VARCHAR),"
                + " CAST(valid_to AS VARCHAR), is_current FROM shop_candidates.customers ORDER BY id, valid_from")).isEqualTo(afterDay5);
    }

    /** {@code meshkit run} for one date, with the exit code it must give. */
    private CliRun run(String date, int exitCode) {
        CliRun r = CliRun.of("run", project.resolve("pipeline.yaml").toString(), "--warehouse", warehouse, "--date", date);
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(exitCode);
        return r;
    }

    /** The report at the end of a run, each line with its runs of spaces made one. */
    private static List<String> summary(CliRun r) {
        String out = r.out();
        int at = out.lastIndexOf("\npipeline ");
        List<String> lines = out.substring(Math.max(at, 0)).lines().map(l -> l.trim().replaceAll(" +", " "))
                .map(l -> l.replaceAll(" in [0-9.]+ s \\(run .*", "")).toList();
        // the diff's line, then its schema part on a line of its own: the counts are asserted apart from the schema
        List<String> split = new java.util.ArrayList<>();
        for (String l : lines) {
            int schema = l.indexOf("; schema: ");
            split.add(schema < 0 ? l : l.substring(0, schema));
            if (schema >= 0) {
                split.add(l.substring(schema + 2));
            }
        }
        return split;
    }

    /** The published dimension: the given columns, then valid_from, valid_to and is_current, by key and valid_from. */
    private List<List<Object>> published(String columns) {
        return WarehouseQuery.rows(warehouse, "SELECT " + columns + ", CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR), is_current"
                + " FROM shop.customers ORDER BY id, valid_from");
    }

    private List<String> columns() {
        return WarehouseQuery.rows(warehouse, "SELECT column_name FROM information_schema.columns WHERE table_schema = 'shop'"
                + " AND table_name = 'customers' ORDER BY ordinal_position").stream().map(r -> (String) r.get(0)).toList();
    }

    private static List<Object> row(Object... values) {
        Object[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            if (v[i] instanceof String s && s.length() == 10 && s.startsWith("2026-")) {
                v[i] = s + " 00:00:00";
            }
        }
        return Arrays.asList(v);
    }

    private static String edit(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    private static void mysql(MySqlDatabase db, String... statements) throws Exception {
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
