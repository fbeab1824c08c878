package io.meshkit.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import io.meshkit.cli.WarehouseQuery;
import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five days of one MariaDB table through ingest, scd apply, lint, diff and publish, as a team runs them from CI
 * (the {@code meshkit} commands in this JVM): day 2 adds a column (1.1.0), day 3 widens a type (1.2.0), day 4
 * removes a column and renames one (2.0.0, the rename declared), day 5 corrects day 4's snapshot. The published
 * dimension then equals a rebuild from the staged snapshots.
 */
@ExtendWith(MySqlExtension.class)
class SchemaEvolutionMySqlIT {
    private static final String D1 = "2026-06-01";
    private static final String D2 = "2026-06-02";
    private static final String D3 = "2026-06-03";
    private static final String D4 = "2026-06-04";

    @TempDir
    Path tmp;

    private String warehouse;
    private String source;

    @Test
    void fiveDaysOfSchemaChangesAndACorrection(MySqlDatabase db) throws Exception {
        warehouse = "duckdb:" + tmp.resolve("w.duckdb");
        source = db.jdbcUrl();
        mysql(db, "CREATE TABLE customers (customer_id BIGINT PRIMARY KEY, name VARCHAR(40) NOT NULL, visits INT,"
                + " territory VARCHAR(2), segment VARCHAR(20), legacy VARCHAR(10))",
                "INSERT INTO customers VALUES (1, 'Ada', 3, 'DE', 'gold', NULL), (2, 'Bo', 5, 'FR', 'silver', NULL), (3, 'Cy', 1, 'DE', 'bronze',"
                        + " NULL)");

        // day 1: version 1.0.0
        Path v1 = contract("1.0.0", """
                      - name: visits
                        logicalType: integer
                        physicalType: INTEGER
                      - name: territory
                        logicalType: string
                        physicalType: VARCHAR
                      - name: segment
                        logicalType: string
                        physicalType: VARCHAR
                      - name: legacy
                        logicalType: string
                        physicalType: VARCHAR
                """);
        assertThat(lint(v1, null).exitCode()).isZero();
        ingest(v1, D1);
        assertThat(scd(v1, "apply", "--date", D1).out()).contains("opened 3, closed 0");
        assertThat(publish(v1).out()).contains("promoted shop.customers: v1 (was none)");

        // day 2: email added (1.1.0), filled for two customers; the first fill opens versions (the default)
        mysql(db, "ALTER TABLE customers ADD COLUMN email VARCHAR(80)",
                "UPDATE customers SET email = CONCAT(LOWER(name), '@example.com') WHERE customer_id IN (1, 2)");
        Path v11 = contract("1.1.0", """
                      - name: visits
                        logicalType: integer
                        physicalType: INTEGER
                      - name: territory
                        logicalType: string
                        physicalType: VARCHAR
                      - name: segment
                        logicalType: string
                        physicalType: VARCHAR
                      - name: email
                        logicalType: string
                        physicalType: VARCHAR
                        classification: pii
                      - name: legacy
                        logicalType: string
                        physicalType: VARCHAR
                """);
        CliRun lint2 = lint(v11, v1);
        assertThat(lint2.exitCode()).as(lint2.out()).isZero();
        assertThat(lint2.out()).contains("column customers.email added (optional)");
        assertThat(ingest(v11, D2).out()).contains("column email VARCHAR added (earlier dates NULL)");
        assertThat(scd(v11, "apply", "--date", D2).out()).contains("  schema: column email added (earlier versions NULL; a first value opens a version unless meshkit.firstFill: fill)",
                "opened 2, closed 2");
        assertThat(schemaLines(diff(v11))).anyMatch(l -> l.contains("email"));
        assertThat(validate(v11).out()).contains("column email VARCHAR added since production (non-breaking)");
        assertThat(publish(v11).out()).contains("promoted shop.customers: v2 (was v1)");

        // day 3: visits widened from INT to BIGINT (1.2.0)
        mysql(db, "ALTER TABLE customers MODIFY visits BIGINT", "UPDATE customers SET visits = 5000000000 WHERE customer_id = 3");
        Path v12 = contract("1.2.0", """
                      - name: visits
                        logicalType: integer
                        physicalType: BIGINT
                      - name: territory
                        logicalType: string
                        physicalType: VARCHAR
                      - name: segment
                        logicalType: string
                        physicalType: VARCHAR
                      - name: email
                        logicalType: string
                        physicalType: VARCHAR
                        classification: pii
                      - name: legacy
                        logicalType: string
                        physicalType: VARCHAR
                """);
        CliRun lint3 = lint(v12, v11);
        assertThat(lint3.exitCode()).isZero();
        assertThat(lint3.out()).contains("column customers.visits widened from INTEGER to BIGINT");
        assertThat(ingest(v12, D3).out()).contains("column visits widened from INTEGER to BIGINT");
        assertThat(scd(v12, "apply", "--date", D3).out()).contains("  schema: column visits widened from INTEGER to BIGINT",
                "opened 1, closed 1");
        assertThat(validate(v12).out()).contains("column visits widened from INTEGER to BIGINT since production (non-breaking)");
        assertThat(publish(v12).out()).contains("promoted shop.customers: v3 (was v2)");

        // day 4: territory removed, segment renamed to tier: breaking (2.0.0), the rename declared
        mysql(db, "ALTER TABLE customers DROP COLUMN territory", "ALTER TABLE customers DROP COLUMN legacy",
                "ALTER TABLE customers CHANGE segment tier VARCHAR(20)",
                "UPDATE customers SET name = 'Bo B.' WHERE customer_id = 2");
        String v2columns = """
                      - name: visits
                        logicalType: integer
                        physicalType: BIGINT
                      - name: tier
                        logicalType: string
                        physicalType: VARCHAR
                        customProperties:
                          - property: meshkit.renamedFrom
                            value: segment
                      - name: email
                        logicalType: string
                        physicalType: VARCHAR
                        classification: pii
                """;
        Path v2minor = contract("1.3.0", v2columns);
        CliRun lint4minor = lint(v2minor, v12);
        assertThat(lint4minor.exitCode()).isEqualTo(1);
        assertThat(lint4minor.out()).contains("column customers.territory was removed: a breaking change",
                "column customers.segment was renamed to tier (declared by meshkit.renamedFrom): a breaking change");
        Path v2 = contract("2.0.0", v2columns);
        CliRun lint4 = lint(v2, v12);
        assertThat(lint4.exitCode()).as(lint4.out()).isZero();
        CliRun refused = run("ingest", "snapshot", "--source", source, "--contract", v2.toString(), "--date", D4, "--landing",
                tmp.resolve("landing").toString(), "--warehouse", warehouse);
        assertThat(refused.exitCode()).isEqualTo(2);
        // legacy held only NULL: its removal is breaking all the same (accepted removals are recorded, not guessed from NULLs)
        assertThat(refused.err()).contains("column territory removed (earlier dates keep it; NULL from now on)",
                "column legacy removed (earlier dates keep it; NULL from now on)", "--allow-breaking");
        CliRun ingest4 = ingest(v2, D4, "--allow-breaking");
        assertThat(ingest4.out()).contains("column segment renamed to tier", "column territory removed");
        CliRun scd4 = scd(v2, "apply", "--date", D4);
        assertThat(scd4.out()).contains("  schema: column segment renamed to tier",
                "  schema: column territory removed from the contract, kept for history (NULL in new versions)", "opened 1, closed 1");
        CliRun validate4 = validate(v2);
        assertThat(validate4.out()).contains("column segment renamed to tier since production (breaking; allowed: the contract's major version"
                + " went up from 1.2.0 to 2.0.0)");
        assertThat(publish(v2).out()).contains("promoted shop.customers: v4 (was v3)");
        // the columns the dimension keeps for history are no drift
        CliRun drift = run("lint", v2.toString(), "--warehouse", warehouse);
        assertThat(drift.exitCode()).as(drift.out()).isZero();
        assertThat(drift.out()).doesNotContain("drift-column-extra");
        assertThat(WarehouseQuery.rows(warehouse, "SELECT customer_id, name, tier, territory FROM shop.customers WHERE is_current"
                + " ORDER BY customer_id")).containsExactly(
                        // territory is kept for history: versions opened from day 4 on hold NULL
                        List.of(1L, "Ada", "gold", "DE"), Arrays.asList(2L, "Bo B.", "silver", null), List.of(3L, "Cy", "bronze", "DE"));

        // day 5: the source says day 4 was wrong: customer 3 had left, and Bo's name was not changed
        mysql(db, "DELETE FROM customers WHERE customer_id = 3", "UPDATE customers SET name = 'Bo' WHERE customer_id = 2");
        ingest(v2, D4, "--allow-breaking", "--force");
        CliRun scd5 = scd(v2, "apply", "--date", D4);
        assertThat(scd5.exitCode()).as(scd5.err()).isZero();
        assertThat(publish(v2).out()).contains("promoted shop.customers: v5 (was v4)");
        List<List<Object>> published = dimension("shop.customers");
        assertThat(published).contains(Arrays.asList(3L, "Cy", 5000000000L, "bronze", null, "DE", "2026-06-03 00:00:00",
                "2026-06-04 00:00:00", false));
        assertThat(published).noneMatch(r -> "Bo B.".equals(r.get(1)));

        // the published dimension equals a rebuild from the staged snapshots
        assertThat(scd(v2, "rebuild").exitCode()).isZero();
        assertThat(dimension("shop_candidates.customers")).isEqualTo(published);
    }

    private List<List<Object>> dimension(String table) {
        return WarehouseQuery.rows(warehouse, "SELECT customer_id, name, visits, tier, email, territory, CAST(valid_from AS VARCHAR),"
                + " CAST(valid_to AS VARCHAR), is_current FROM " + table + " ORDER BY customer_id, valid_from");
    }

    private static void mysql(MySqlDatabase db, String... statements) throws Exception {
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private Path contract(String version, String columns) throws Exception {
        Path dir = tmp.resolve("contracts-" + version);
        Files.createDirectories(dir);
        Path file = dir.resolve("customers.odcs.yaml");
        Files.writeString(file, """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:meshkit:shop:customers
                name: Customers
                version: %s
                status: active
                domain: shop
                description:
                  purpose: The shop's customers, one version per change.
                team:
                  name: shop
                  members:
                    - username: shop-oncall
                      role: owner
                schema:
                  - name: customers
                    description: Customers.
                    properties:
                      - name: customer_id
                        logicalType: integer
                        physicalType: BIGINT
                        required: true
                        primaryKey: true
                      - name: name
                        logicalType: string
                        physicalType: VARCHAR
                        required: true
                %s
                    customProperties:
                      - property: meshkit.kind
                        value: dimension
                slaProperties:
                  - property: freshness
                    value: 1
                    unit: d
                """.formatted(version, columns.stripTrailing()));
        return file;
    }

    private CliRun lint(Path contract, Path base) {
        List<String> args = new ArrayList<>(List.of("lint", contract.toString(), "--fail-on", "error", "--format", "markdown"));
        if (base != null) {
            args.addAll(List.of("--base-dir", base.getParent().toString()));
        }
        return run(args.toArray(String[]::new));
    }

    private CliRun ingest(Path contract, String date, String... extra) {
        List<String> args = new ArrayList<>(List.of("ingest", "snapshot", "--source", source, "--contract", contract.toString(), "--date",
                date, "--landing", tmp.resolve("landing").toString(), "--warehouse", warehouse));
        args.addAll(List.of(extra));
        CliRun r = run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }

    private CliRun scd(Path contract, String... args) {
        List<String> all = new ArrayList<>(List.of("scd", args[0], "--contract", contract.toString(), "--warehouse", warehouse));
        all.addAll(List.of(args).subList(1, args.length));
        CliRun r = run(all.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }

    private CliRun diff(Path contract) {
        return run("diff", "--contract", contract.toString(), "--warehouse", warehouse);
    }

    private static List<String> schemaLines(CliRun r) {
        return r.out().lines().filter(l -> l.startsWith("schema:")).toList();
    }

    private CliRun validate(Path contract) {
        CliRun r = run("publish", "validate", "--contract", contract.toString(), "--warehouse", warehouse);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }

    private CliRun publish(Path contract) {
        CliRun r = run("publish", "promote", "--contract", contract.toString(), "--warehouse", warehouse);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }
}
