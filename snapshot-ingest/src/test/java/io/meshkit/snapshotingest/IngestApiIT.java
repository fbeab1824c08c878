package io.meshkit.snapshotingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.LandingZones;
import io.meshkit.core.landing.Manifest;
import io.meshkit.core.landing.SnapshotKey;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.RunStatus;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.snapshotingest.api.FilesRequest;
import io.meshkit.snapshotingest.api.LockFallback;
import io.meshkit.snapshotingest.api.SnapshotIngest;
import io.meshkit.snapshotingest.api.SnapshotOptions;
import io.meshkit.snapshotingest.api.SnapshotRequest;
import io.meshkit.snapshotingest.api.TableResult;
import io.meshkit.snapshotingest.di.IngestComponent;
import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * snapshot-ingest through its api only ({@link SnapshotIngest} from the Dagger component's {@code over}), against a real
 * MariaDB and DuckDB file: a MySQL snapshot and the same rows as files stage the same, a request is checked in the api
 * with typed errors, and a breaking change of the columns stops a snapshot before MySQL is read.
 */
@ExtendWith(MySqlExtension.class)
class IngestApiIT {
    @TempDir
    static Path dir;

    static MySqlDatabase db;

    @BeforeAll
    static void fixtures(MySqlDatabase database) throws Exception {
        db = database;
        db.execute(
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40), segment VARCHAR(20), visits INT)",
                "INSERT INTO customers VALUES (1, 'Ada King', 'retail', 3), (2, 'Grace Hopper', 'business', NULL), "
                        + "(3, 'Alan, \"the\" Turing', NULL, 7)",
                "CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(40), territory VARCHAR(20))",
                "CREATE TABLE members (id INT PRIMARY KEY, name VARCHAR(40))",
                "INSERT INTO members VALUES (1, 'north'), (2, 'south')",
                "INSERT INTO accounts VALUES (1, 'north', 'GB'), (2, 'south', 'US')");
    }

    static Contract contract(String name, String version, String properties) throws Exception {
        return ContractReader.create().read(TestContracts.write(dir, name, version, properties));
    }

    static final String CUSTOMERS = """
            - name: name
              logicalType: string
              physicalType: VARCHAR
            - name: segment
              logicalType: string
              physicalType: VARCHAR
            - name: visits
              logicalType: integer
              physicalType: INTEGER
            """;

    static SnapshotOptions options(LocalDate date, boolean allowBreaking) {
        return new SnapshotOptions(date, 2, 250_000, Duration.ofSeconds(10), LockFallback.FAIL, false, ZoneOffset.UTC, false, allowBreaking);
    }

    static long count(Warehouse w, String sql) {
        try (ResultRows r = w.query(Sql.of(sql))) {
            return ((Number) r.iterator().next().get(0)).longValue();
        }
    }

    @Test
    void aMySqlSnapshotAndTheSameRowsAsFilesStageTheSame() throws Exception {
        Contract contract = contract("customers", "1.0.0", CUSTOMERS);
        Path snapshots = dir.resolve("files");
        Path day2 = Files.createDirectories(snapshots.resolve("snapshot_date=2026-12-02"));
        Files.writeString(day2.resolve("part-0.csv"), """
                id,name,segment,visits
                1,Ada King,retail,3
                2,Grace Hopper,business,
                3,"Alan, ""the"" Turing",,7
                """);
        try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("same.duckdb")); LandingZone landing = LandingZones.open(dir.resolve("landing").toString())) {
            SnapshotIngest ingest = IngestComponent.over(w, WarehouseRunLog.of(w), landing, Clock.systemUTC());
            List<TableResult> mysql = ingest.snapshot(SnapshotRequest.of(db.jdbcUrl(), contract, options(LocalDate.parse("2026-12-01"), false)),
                    Progress.none());
            List<TableResult> files = ingest.files(FilesRequest.of(snapshots, contract, LocalDate.parse("2026-12-02")), Progress.none());

            assertThat(mysql).singleElement().satisfies(r -> assertThat(r.stagedRows()).isEqualTo(3));
            TableResult f = files.get(0);
            assertThat(f.staging().toString()).isEqualTo("shop_staging.customers");
            assertThat(f.stagedRows()).isEqualTo(3);
            assertThat(f.rows()).isEqualTo(3);
            assertThat(f.files()).containsExactly(day2.resolve("part-0.csv").toAbsolutePath().toUri());
            assertThat(f.bytes()).isEqualTo(Files.size(day2.resolve("part-0.csv")));
            // the same rows, whichever the source
            String d1 = "SELECT id, name, segment, visits FROM shop_staging.customers WHERE snapshot_date = DATE '2026-12-01'";
            String d2 = "SELECT id, name, segment, visits FROM shop_staging.customers WHERE snapshot_date = DATE '2026-12-02'";
            assertThat(count(w, "SELECT COUNT(*) FROM (" + d1 + " EXCEPT " + d2 + ") x")).isZero();
            assertThat(count(w, "SELECT COUNT(*) FROM (" + d2 + " EXCEPT " + d1 + ") x")).isZero();
            // the manifest of the files: each file's size and SHA-256, the source a directory
            Manifest m = landing.readManifest(new SnapshotKey("shop.customers", LocalDate.parse("2026-12-02"))).orElseThrow();
            assertThat(m.source().system()).isEqualTo("files");
            assertThat(m.rows()).isEqualTo(3);
            assertThat(m.key()).containsExactly("id");
            assertThat(m.chunks()).singleElement().satisfies(c -> {
                assertThat(c.rows()).isEqualTo(3);
                assertThat(c.sha256()).hasSize(64);
            });
            // one ingest run per snapshot in the run log, both succeeded, with the rows
            List<RunRecord> runs = WarehouseRunLog.of(w).runs("shop.customers", 10);
            assertThat(runs).extracting(RunRecord::tool).containsOnly("ingest");
            assertThat(runs).hasSize(2).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
                assertThat(r.rows()).hasValue(3);
            });

            // a later snapshot of the files source again for the MySQL date: MySQL's manifest is not a files one
            List<TableResult> again = ingest.snapshot(SnapshotRequest.of(db.jdbcUrl(), contract, options(LocalDate.parse("2026-12-02"), false)),
                    Progress.none());
            assertThat(again.get(0).alreadyComplete()).isFalse();
            assertThat(again.get(0).stagedRows()).isEqualTo(3);
        }
    }

    @Test
    void aRequestIsCheckedInTheApiWithTypedErrors() throws Exception {
        Contract contract = contract("customers", "1.0.0", CUSTOMERS);
        LocalDate d = LocalDate.parse("2026-12-01");
        assertThatThrownBy(() -> new SnapshotOptions(d, 2, 999, Duration.ofSeconds(10), LockFallback.FAIL, false, ZoneOffset.UTC, false))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot use --chunk-rows 999: expected at least 1000");
        assertThat(new SnapshotOptions(d, 2, 1_000, Duration.ofSeconds(10), LockFallback.FAIL, false, ZoneOffset.UTC, false).chunkRows())
                .isEqualTo(SnapshotOptions.MIN_CHUNK_ROWS);
        assertThatThrownBy(() -> new SnapshotOptions(d, 65, 1_000, Duration.ofSeconds(10), LockFallback.FAIL, false, ZoneOffset.UTC, false))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.exitCode()).isEqualTo(2)).hasMessageContaining("--threads 65");
        assertThatThrownBy(() -> new SnapshotOptions(null, 2, 1_000, Duration.ofSeconds(10), LockFallback.FAIL, false, ZoneOffset.UTC, false))
                .isInstanceOf(MeshkitException.class).hasMessageContaining("never guessed");
        assertThatThrownBy(() -> new SnapshotRequest(db.jdbcUrl(), Optional.empty(), List.of(), List.of(), Optional.empty(), options(d, false)))
                .isInstanceOf(MeshkitException.class).hasMessage("Cannot snapshot: name tables with --table or contracts with --contract");
        assertThatThrownBy(() -> new SnapshotRequest(db.jdbcUrl(), Optional.empty(), List.of("a", "b"), List.of(), Optional.of("ns.t"),
                options(d, false))).isInstanceOf(MeshkitException.class).hasMessageContaining("a table name fits one source table only");
        assertThatThrownBy(() -> new FilesRequest(dir, List.of(), d, false, false))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("give the contract");
        assertThatThrownBy(() -> new FilesRequest(dir, List.of(contract), null, false, false)).isInstanceOf(MeshkitException.class)
                .hasMessageContaining("never guessed");
        // a contract without schema objects (ODCS allows one) names no table: refused, not an empty success
        Contract noSchema = ContractReader.create().parse("roles.odcs.yaml",
                "apiVersion: v3.1.0\nkind: DataContract\nid: urn:test:roles\nversion: 1.0.0\nstatus: active\n").orThrow();
        assertThatThrownBy(() -> SnapshotRequest.of(db.jdbcUrl(), noSchema, options(d, false)))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("Cannot snapshot contract urn:test:roles: it has no schema objects, and ingest snapshots a table per schema object");
        assertThatThrownBy(() -> FilesRequest.of(dir, noSchema, d)).isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot ingest files of contract urn:test:roles: it has no schema objects, and ingest stages a table per schema object");
        // the password never shows
        assertThat(new SnapshotRequest(db.jdbcUrl(), Optional.of("s3cret-pw"), List.of("a"), List.of(), Optional.empty(), options(d, false))
                .toString()).doesNotContain("s3cret-pw");
    }

    /**
     * The same date again after the table and its contract gained a column (a user who changed both and reruns
     * today's pipeline): the landed snapshot was taken before the column existed, so it is staged from its files
     * with the column NULL and a warning, not refused by the warehouse; {@code --force} lands the table as it is now.
     */
    @Test
    void aSnapshotLandedBeforeAColumnWasAddedStagesItAsNull() throws Exception {
        String name = """
                - name: name
                  logicalType: string
                  physicalType: VARCHAR
                """;
        Contract v1 = contract("members", "1.0.0", name);
        Contract v11 = contract("members", "1.1.0", name + """
                - name: email
                  logicalType: string
                  physicalType: VARCHAR
                """);
        LocalDate day = LocalDate.parse("2026-12-01");
        try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("added.duckdb")); LandingZone landing = LandingZones.open(dir.resolve("added").toString())) {
            SnapshotIngest ingest = IngestComponent.over(w, WarehouseRunLog.of(w), landing, Clock.systemUTC());
            ingest.snapshot(SnapshotRequest.of(db.jdbcUrl(), v1, options(day, false)), Progress.none());
            db.execute("ALTER TABLE members ADD COLUMN email VARCHAR(80)", "UPDATE members SET email = CONCAT('m', id, '@example.com')");

            List<TableResult> again = ingest.snapshot(SnapshotRequest.of(db.jdbcUrl(), v11, options(day, false)), Progress.none());
            assertThat(again.get(0).alreadyComplete()).isTrue();
            assertThat(again.get(0).stagedRows()).isEqualTo(2);
            assertThat(again.get(0).warnings()).contains("snapshot shop.members/snapshot_date=2026-12-01 was landed without column email:"
                    + " staged as NULL (--force lands the table as it is now)");
            assertThat(count(w, "SELECT COUNT(*) FROM shop_staging.members WHERE email IS NULL")).isEqualTo(2);

            SnapshotOptions force = new SnapshotOptions(day, 2, 250_000, Duration.ofSeconds(10), LockFallback.FAIL, false, ZoneOffset.UTC, true, false);
            ingest.snapshot(SnapshotRequest.of(db.jdbcUrl(), v11, force), Progress.none());
            assertThat(count(w, "SELECT COUNT(*) FROM shop_staging.members WHERE email LIKE 'm%@example.com'")).isEqualTo(2);
        }
    }

    @Test
    void aBreakingChangeStopsTheSnapshotBeforeMySqlIsRead() throws Exception {
        Contract v1 = contract("accounts", "1.0.0", """
                - name: name
                  logicalType: string
                  physicalType: VARCHAR
                - name: territory
                  logicalType: string
                  physicalType: VARCHAR
                """);
        Contract v2 = contract("accounts", "2.0.0", """
                - name: name
                  logicalType: string
                  physicalType: VARCHAR
                """);
        Path landingDir = dir.resolve("breaking-landing");
        try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("breaking.duckdb")); LandingZone landing = LandingZones.open(landingDir.toString())) {
            SnapshotIngest ingest = IngestComponent.over(w, WarehouseRunLog.of(w), landing, Clock.systemUTC());
            ingest.snapshot(SnapshotRequest.of(db.jdbcUrl(), v1, options(LocalDate.parse("2026-12-01"), false)), Progress.none());
            try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE accounts DROP COLUMN territory");
            }
            LocalDate day2 = LocalDate.parse("2026-12-02");
            assertThatThrownBy(() -> ingest.snapshot(SnapshotRequest.of(db.jdbcUrl(), v2, options(day2, false)), Progress.none()))
                    .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                    .hasMessageStartingWith("Cannot stage snapshot 2026-12-02 into shop_staging.accounts: its columns changed in a breaking way")
                    .hasMessageContaining("column territory removed");
            // nothing read: no plan, no part, no manifest for the date; nothing staged; the run recorded as failed
            SnapshotKey key = new SnapshotKey("shop.accounts", day2);
            assertThat(landing.list(key)).isEmpty();
            assertThat(count(w, "SELECT COUNT(*) FROM shop_staging.accounts WHERE snapshot_date = DATE '2026-12-02'")).isZero();
            assertThat(WarehouseRunLog.of(w).runs("shop.accounts", 1)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.FAILED));

            List<TableResult> allowed = ingest.snapshot(SnapshotRequest.of(db.jdbcUrl(), v2, options(day2, true)), Progress.none());
            assertThat(allowed.get(0).stagedRows()).isEqualTo(2);
            assertThat(allowed.get(0).stagingChanges()).extracting(ch -> ch.text())
                    .containsExactly("column territory removed (earlier dates keep it; NULL from now on)");
        }
    }
}
