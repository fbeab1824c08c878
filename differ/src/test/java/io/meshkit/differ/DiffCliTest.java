package io.meshkit.differ;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.differ.cli.DiffCli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.meshkit.testing.CliRun;

class DiffCliTest {
    @TempDir
    static Path dir;
    private static String uri;

    @BeforeAll
    static void setUp() throws Exception {
        uri = "duckdb:" + dir.resolve("w.duckdb");
        try (Warehouse w = Warehouses.open(uri)) {
            Fixtures.create(w, "s");
            // the contract's conventional tables: production in the domain's namespace, the candidate in <domain>_candidates
            w.execute(Sql.of("CREATE SCHEMA shop_candidates"));
            w.execute(Sql.of("CREATE SCHEMA shop"));
            w.execute(Sql.of("CREATE TABLE shop.customers AS SELECT id, name, email FROM s.prod"));
            w.execute(Sql.of("CREATE TABLE shop_candidates.customers AS SELECT id, name, email FROM s.cand"));
        }
        Files.writeString(dir.resolve("customers.odcs.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:test:customers
                version: 1.0.0
                status: active
                domain: shop
                schema:
                  - name: customers
                    properties:
                      - name: id
                        physicalType: BIGINT
                        primaryKey: true
                      - name: name
                        physicalType: VARCHAR
                      - name: email
                        physicalType: VARCHAR
                        classification: pii
                """);
    }

    private static CliRun run(String... args) {
        return CliRun.of(DiffCli.commandLine(), args);
    }

    private static String[] diffArgs(String... more) {
        String[] base = {"--warehouse", uri, "--production", "s.prod", "--candidate", "s.cand", "--key", "id"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void jsonNamesEveryCountAndExitsZeroWithoutExpectation() throws Exception {
        CliRun r = run(diffArgs("--format", "json"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("keys").path("added").asLong()).isEqualTo(2);
        assertThat(json.path("keys").path("removed").asLong()).isEqualTo(1);
        assertThat(json.path("keys").path("changed").asLong()).isEqualTo(6);
        assertThat(json.path("rows").path("production").asLong()).isEqualTo(8);
        assertThat(json.path("tablesCreated")).isEmpty();
        assertThat(json.path("expectation").path("met").asBoolean()).isTrue();
    }

    @Test
    void expectationsDecideTheExitCode() {
        assertThat(run(diffArgs("--expect", "no-change")).exitCode()).isEqualTo(1);
        assertThat(run(diffArgs("--max-changed-pct", "200")).exitCode()).isZero();
        CliRun tight = run(diffArgs("--max-changed-pct", "10"));
        assertThat(tight.exitCode()).isEqualTo(1);
        assertThat(tight.out()).contains("expectation: NOT met: 112.50% of keys added, removed or changed, more than the 10.00% allowed");
        // a refactor that changes nothing: the table against itself
        CliRun same = run("--warehouse", uri, "--production", "s.prod", "--candidate", "s.prod", "--key", "id", "--expect", "no-change");
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).contains("keys: 0 added, 0 removed, 0 changed, 8 unchanged").contains("expectation: met");
    }

    @Test
    void contractGivesTablesKeyAndMaskedColumns() {
        CliRun r = run("--warehouse", uri, "--contract", dir.resolve("customers.odcs.yaml").toString(), "--format", "markdown");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("<!-- meshkit-diff shop_candidates.customers vs shop.customers -->")
                .contains("| `email` 🔒 | 1 |").contains("| `2` | `***` | `***` |")
                .doesNotContain("robert@example.com").doesNotContain("bob@example.com");
    }

    /** The contract's {@code meshkit.renamedFrom} pairs production's old column with the candidate's new one. */
    @Test
    void aRenameTheContractDeclaresIsComparedUnderTheNewName() throws Exception {
        try (Warehouse w = Warehouses.open(uri)) {
            w.execute(Sql.of("CREATE OR REPLACE TABLE shop.accounts AS SELECT range AS id, CASE WHEN range % 2 = 0 THEN 'gold' ELSE 'basic' END"
                    + " AS segment FROM range(1, 21)"));
            w.execute(Sql.of("CREATE OR REPLACE TABLE shop_candidates.accounts AS SELECT range AS id,"
                    + " CASE WHEN range % 2 = 0 OR range = 5 THEN 'gold' ELSE 'basic' END AS tier FROM range(1, 21)"));
        }
        String contract = """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:test:accounts
                version: 2.0.0
                status: active
                domain: shop
                schema:
                  - name: accounts
                    properties:
                      - name: id
                        physicalType: BIGINT
                        primaryKey: true
                      - name: tier
                        physicalType: VARCHAR
                        customProperties:
                          - property: meshkit.renamedFrom
                            value: %s
                """;
        Files.writeString(dir.resolve("accounts.odcs.yaml"), contract.formatted("segment"));
        CliRun r = run("--warehouse", uri, "--contract", dir.resolve("accounts.odcs.yaml").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("keys: 0 added, 0 removed, 1 changed, 19 unchanged\nschema: renamed segment -> tier\n")
                .contains("tier at id=5: basic -> gold");
        // a rename the tables do not have: one line, exit 2
        Files.writeString(dir.resolve("accounts.odcs.yaml"), contract.formatted("segmnt"));
        CliRun bad = run("--warehouse", uri, "--contract", dir.resolve("accounts.odcs.yaml").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("error: Cannot diff shop_candidates.accounts against shop.accounts with segmnt renamed to tier:"
                + " shop.accounts has no column segmnt" + System.lineSeparator());
    }

    @Test
    void dryRunPrintsTheCommentInsteadOfPosting() {
        CliRun r = run(diffArgs("--post-to-github", "--pr", "7", "--repo", "acme/data", "--dry-run"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).contains("dry run: would post this comment to acme/data#7:").contains("### 📊 Data diff");
    }

    @Test
    void aContractsMissingCandidateSaysWhatBuildsOne() throws Exception {
        Files.writeString(dir.resolve("orders.odcs.yaml"), """
                apiVersion: v3.1.0
                kind: DataContract
                id: urn:test:orders
                version: 1.0.0
                status: active
                domain: shop
                schema:
                  - name: orders
                    properties:
                      - name: id
                        physicalType: BIGINT
                        primaryKey: true
                """);
        CliRun r = run("--warehouse", uri, "--contract", dir.resolve("orders.odcs.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: Cannot diff table shop_candidates.orders: it does not exist (the release candidate: built by"
                + " meshkit scd apply or meshkit publish stage, consumed by promote)" + System.lineSeparator());
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun missing = run("--warehouse", uri, "--production", "s.prod", "--candidate", "s.nope", "--key", "id");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("error: Cannot diff table s.nope: it does not exist" + System.lineSeparator());
        CliRun noTables = run("--warehouse", uri, "--key", "id");
        assertThat(noTables.exitCode()).isEqualTo(2);
        assertThat(noTables.err()).startsWith("error: Cannot diff: name both tables");
        CliRun badExpect = run(diffArgs("--expect", "maybe"));
        assertThat(badExpect.exitCode()).isEqualTo(2);
        CliRun password = run(diffArgs("--source", "jdbc:mysql://127.0.0.1/test?user=root&password=hunter2"));
        assertThat(password.exitCode()).isEqualTo(2);
        assertThat(password.err()).doesNotContain("hunter2").contains("password=***").contains("MESHKIT_MYSQL_PASSWORD");
        CliRun unreachable = run(diffArgs("--source", "jdbc:mysql://127.0.0.1:1/test?user=root&connectTimeout=2000"));
        assertThat(unreachable.exitCode()).as(unreachable.err()).isEqualTo(3);
        assertThat(unreachable.err()).startsWith("error: Cannot connect to source jdbc:mysql://127.0.0.1:1/test").doesNotContain("\tat ");
    }

    @Test
    void warehouseAgainstAnotherWarehouse() throws Exception {
        String other = "duckdb:" + dir.resolve("other.duckdb");
        try (Warehouse w = Warehouses.open(other)) {
            Fixtures.create(w, "s");
        }
        CliRun r = run("--warehouse", uri, "--source", other, "--production", "s.prod", "--candidate", "s.cand", "--key", "id",
                "--decimals", "6", "--format", "json", "--progress", "lines");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("method").asText()).isEqualTo("segments");
        assertThat(r.err()).as("progress on standard error, JSON clean on standard output").contains("diff: level 1 checksums", "diff: done in");
        assertThat(json.path("keys").path("changed").asLong()).as("score noise rounds away; key 1 still changes its timestamp").isEqualTo(6);
    }
}
