package io.meshkit.snapshotingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.landing.SnapshotKey;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.snapshotingest.api.ChunkPlan;
import io.meshkit.snapshotingest.api.LockFallback;
import io.meshkit.snapshotingest.internal.ChunkReader;
import io.meshkit.snapshotingest.internal.LandedChunk;
import io.meshkit.snapshotingest.internal.LocalLandingZone;
import io.meshkit.snapshotingest.internal.MySqlSource;
import io.meshkit.snapshotingest.internal.SnapshotSession;
import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Faults and guarantees against a real server: a killed worker, the snapshot's point in time, the lock, drift, duplicate keys. */
@ExtendWith(MySqlExtension.class)
class FaultIT {
    @TempDir
    static Path dir;

    static MySqlDatabase db;

    @BeforeAll
    static void fixtures(MySqlDatabase database) throws Exception {
        db = database;
        db.execute(
                "CREATE TABLE killme (id INT PRIMARY KEY, pad VARCHAR(40))",
                "INSERT INTO killme SELECT seq, REPEAT('x', 40) FROM seq_1_to_600000",
                "ANALYZE TABLE killme",
                "CREATE TABLE cons (id INT PRIMARY KEY, v INT)",
                "INSERT INTO cons SELECT seq, seq FROM seq_1_to_10000",
                "CREATE TABLE blocker (id INT)",
                "CREATE TABLE drifty (id BIGINT PRIMARY KEY, name VARCHAR(20), extra INT)",
                "INSERT INTO drifty VALUES (1, 'a', 10), (2, 'b', 20)",
                "CREATE TABLE dupes (id INT NOT NULL, v INT)",
                "INSERT INTO dupes VALUES (1, 1), (2, 2), (2, 3), (3, 4), (3, 5), (3, 6)");
    }

    private static List<String> base(String warehouse) {
        return base(warehouse, "2026-11-23");
    }

    private static List<String> base(String warehouse, String date) {
        return IngestRun.snapshot(db, dir, warehouse, date);
    }

    private static List<List<Object>> query(String warehouse, String sql) {
        return StagedRows.query(dir.resolve(warehouse + ".duckdb"), sql);
    }

    @Test
    void killedWorkerFailsNamingTheChunkAndTheRerunCompletesWithExactlyTheSourceRows() throws Exception {
        Path parts = dir.resolve("landing").resolve(db.name() + ".killme").resolve("snapshot_date=2026-11-23");
        CompletableFuture<IngestRun> run = CompletableFuture.supplyAsync(() -> IngestRun.of(IngestRun.args(base("kill"),
                "--table", "killme", "--threads", "1", "--chunk-rows", "50000")));
        boolean killed = false;
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!killed && !run.isDone() && System.nanoTime() < deadline) {
                if (Files.exists(parts.resolve("part-00000.parquet"))) {
                    try (ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT%FROM `"
                            + db.name() + "`.`killme` WHERE%' AND ID <> CONNECTION_ID()")) {
                        if (rs.next()) {
                            long id = rs.getLong(1);
                            s.execute("KILL " + id);
                            killed = true;
                        }
                    }
                }
                Thread.sleep(5);
            }
        }
        assertThat(killed).as("found the worker's connection to kill").isTrue();
        IngestRun failed = run.get(60, TimeUnit.SECONDS);
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(3);
        assertThat(failed.err()).containsPattern("error: Cannot read chunk \\d+ \\(part-\\d{5}\\.parquet\\) of table " + db.name()
                + "\\.killme from MySQL at 127\\.0\\.0\\.1:3306: ");
        assertThat(Files.exists(parts.resolve("_manifest.json"))).isFalse();
        String staging = db.name() + "_staging.killme";
        try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("kill.duckdb"))) {
            assertThat(w.describe(io.meshkit.core.identifier.TableId.parse(staging))).isEmpty(); // nothing partial in staging
        }
        assertThat(query("kill", "SELECT status FROM meshkit_meta.runs")).containsExactly(List.of("FAILED"));

        IngestRun rerun = IngestRun.of(IngestRun.args(base("kill"), "--table", "killme", "--threads", "2", "--chunk-rows", "50000"));
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).containsPattern("600,000 rows in 12 chunks \\([1-9]\\d* reused\\)");
        assertThat(query("kill", "SELECT COUNT(*), COUNT(DISTINCT id), CAST(SUM(id) AS BIGINT) FROM " + staging).get(0))
                .containsExactly(600000L, 600000L, 180000300000L);
    }

    @Test
    void rowsWrittenAfterTheSnapshotOpensAreNotRead() throws Exception {
        MySqlSource source = MySqlSource.of(db.jdbcUrl(), null);
        LocalLandingZone landing = new LocalLandingZone(dir.resolve("consistency"));
        SnapshotKey key = new SnapshotKey("cons", LocalDate.of(2026, 11, 23));
        List<String> warnings = new ArrayList<>();
        try (SnapshotSession session = SnapshotSession.open(source, 2, Duration.ofSeconds(5), LockFallback.FAIL, warnings)) {
            try (Connection writer = db.openConnection(); Statement s = writer.createStatement()) {
                s.execute("INSERT INTO cons SELECT seq, seq FROM seq_10001_to_10500"); // committed (autocommit) while the snapshot is open
                s.execute("DELETE FROM cons WHERE id <= 100");
            }
            var table = source.describe("cons");
            var idKey = List.of(table.column("id").orElseThrow());
            LandedChunk low = ChunkReader.read(session.workers().get(0), table, idKey, new ChunkPlan.Chunk(0, null, List.of("5000")),
                    landing, key, ZoneOffset.UTC, new AtomicLong());
            LandedChunk high = ChunkReader.read(session.workers().get(1), table, idKey, new ChunkPlan.Chunk(1, List.of("5000"), null),
                    landing, key, ZoneOffset.UTC, new AtomicLong());
            assertThat(low.rows() + high.rows()).isEqualTo(10000);
            assertThat(low.rows()).isEqualTo(4999);
        }
        assertThat(warnings).anyMatch(w -> w.contains("no binary log position") || w.isEmpty()).hasSizeLessThanOrEqualTo(1);
        try (Connection c = db.openConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cons")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(10400); // the writes did happen
        }
    }

    @Test
    void aUserWithoutReloadIsToldSoNotGivenALockTimeout() throws Exception {
        String user = "secure_noreload";
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            for (String host : List.of("%", "localhost", "127.0.0.1")) {
                s.execute("CREATE USER IF NOT EXISTS '" + user + "'@'" + host + "'");
                s.execute("GRANT SELECT ON `" + db.name() + "`.* TO '" + user + "'@'" + host + "'");
            }
        }
        try {
            String url = "jdbc:mysql://127.0.0.1:3306/" + db.name() + "?user=" + user;
            List<String> args = List.of("snapshot", "--source", url, "--date", "2026-11-25", "--landing", dir.resolve("landing-reload").toString(),
                    "--warehouse", "duckdb:" + dir.resolve("reload.duckdb"), "--table", "cons", "--lock-wait-timeout", "1");
            IngestRun failed = IngestRun.of(args.toArray(String[]::new));
            assertThat(failed.exitCode()).as(failed.err()).isEqualTo(2);
            assertThat(failed.err()).contains("lacks the RELOAD privilege").doesNotContain("within 1 s");
            List<String> single = new ArrayList<>(args);
            single.addAll(List.of("--on-lock-timeout", "single"));
            IngestRun fallback = IngestRun.of(single.toArray(String[]::new));
            assertThat(fallback.exitCode()).as(fallback.err()).isZero();
            assertThat(fallback.out()).contains("lacks the RELOAD privilege");
        } finally {
            try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
                for (String host : List.of("%", "localhost", "127.0.0.1")) {
                    s.execute("DROP USER IF EXISTS '" + user + "'@'" + host + "'");
                }
            }
        }
    }

    @Test
    void lockThatCannotBeHadFailsCleanlyOrFallsBackToOneConnection() throws Exception {
        try (Connection holder = db.openConnection(); Statement s = holder.createStatement()) {
            s.execute("LOCK TABLES blocker WRITE");
            long t0 = System.nanoTime();
            IngestRun failed = IngestRun.of(IngestRun.args(base("lock", "2026-11-24"), "--table", "cons", "--lock-wait-timeout", "1"));
            assertThat(failed.exitCode()).as(failed.err()).isEqualTo(3);
            assertThat(failed.err()).startsWith("error: Cannot lock MySQL at 127.0.0.1:3306 for a consistent snapshot within 1 s: ")
                    .contains("--on-lock-timeout single");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));

            IngestRun single = IngestRun.of(IngestRun.args(base("lock", "2026-11-24"), "--table", "cons", "--lock-wait-timeout", "1",
                    "--on-lock-timeout", "single"));
            assertThat(single.exitCode()).as(single.err()).isZero();
            assertThat(single.out()).contains("could not take the read lock");
            s.execute("UNLOCK TABLES");
        }
    }

    private static Path contract(String name, String columns) throws Exception {
        return TestContracts.write(dir.resolve(name + ".odcs.yaml"), name, name.replaceAll("-.*", ""), "1.0.0", columns);
    }

    @Test
    void driftIsListedAndFailsUnlessOnlyAdditiveAndAllowed() throws Exception {
        String id = """
                - name: id
                  physicalType: BIGINT
                  primaryKey: true
                  required: true
                """;
        Path dropped = contract("drifty-1", id + """
                - name: name
                  physicalType: int
                - name: gone
                  physicalType: VARCHAR
                """);
        IngestRun bad = IngestRun.of(IngestRun.args(base("drift"), "--contract", dropped.toString()));
        assertThat(bad.exitCode()).as(bad.err()).isEqualTo(2);
        // each line says what to do with the contract
        assertThat(bad.err()).contains("error: Cannot snapshot table " + db.name() + ".drifty: it has drifted from its contract (change the"
                + " contract to follow MySQL; the first snapshot after a breaking change needs --allow-breaking):",
                "  ~ column name: MySQL varchar(20) maps to VARCHAR, the contract says int (INTEGER) (another type: change the contract's type"
                        + " with a new major version, or give it a new column name)",
                "  - column gone is in the contract but not in MySQL table " + db.name() + ".drifty (dropped: remove it from the contract,"
                        + " a new major version; renamed: rename it there too, with meshkit.renamedFrom: gone on the new name)",
                "  + column extra (int(11)) is in MySQL but not in the contract");
        Path narrow = contract("drifty-3", id + """
                - name: name
                  physicalName: display_name
                  physicalType: VARCHAR
                  required: true
                - name: extra
                  physicalType: SMALLINT
                """);
        IngestRun wider = IngestRun.of(IngestRun.args(base("drift"), "--contract", narrow.toString()));
        assertThat(wider.exitCode()).isEqualTo(2);
        assertThat(wider.err()).contains("  ~ column extra: MySQL int(11) maps to INTEGER, the contract says SMALLINT (a wider type: change"
                + " the contract's type, a minor version)");

        Path additive = contract("drifty-2", id + """
                - name: name
                  physicalName: display_name
                  physicalType: VARCHAR
                """);
        IngestRun refused = IngestRun.of(IngestRun.args(base("drift"), "--contract", additive.toString()));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--allow-additive");
        IngestRun allowed = IngestRun.of(IngestRun.args(base("drift"), "--contract", additive.toString(), "--allow-additive"));
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(allowed.out()).contains("shop_staging.drifty", "drift tolerated: + column extra");
        assertThat(allowed.out()).doesNotContain("NULL-able");

        // the contract requires a value where MySQL allows NULL: staged, with a warning that says where it will fail
        Path required = contract("drifty-4", id + """
                - name: name
                  physicalName: display_name
                  physicalType: VARCHAR
                  required: true
                - name: extra
                  physicalType: INTEGER
                """);
        IngestRun nullable = IngestRun.of(IngestRun.args(base("drift"), "--contract", required.toString(), "--force"));
        assertThat(nullable.exitCode()).as(nullable.err()).isZero();
        assertThat(nullable.out()).contains("warning: column name is required in the contract but NULL-able in MySQL: a NULL is staged, and"
                + " fails the candidate's required_not_null check at publish (make it NOT NULL in MySQL, or not required in the contract)");
        assertThat(query("drift", "SELECT id, display_name FROM shop_staging.drifty ORDER BY id"))
                .containsExactly(List.of(1L, "a"), List.of(2L, "b"));
    }

    @Test
    void duplicateKeysInTheSourceAreReported() throws Exception {
        Path c = contract("dupes", """
                - name: id
                  physicalType: INTEGER
                  primaryKey: true
                  required: true
                - name: v
                  physicalType: INTEGER
                """);
        IngestRun run = IngestRun.of(IngestRun.args(base("dupes"), "--contract", c.toString(), "--format", "json"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("\"duplicateKeys\" : 2", "\"stagedRows\" : 6", "has no primary key in MySQL: chunked by the contract's key");
    }
}
