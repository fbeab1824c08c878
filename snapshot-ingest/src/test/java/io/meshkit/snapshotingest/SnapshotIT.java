package io.meshkit.snapshotingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end snapshots of a real MySQL server through the CLI, checked in the staging table. */
@ExtendWith(MySqlExtension.class)
class SnapshotIT {
    @TempDir
    static Path dir;

    static MySqlDatabase db;

    @BeforeAll
    static void fixtures(MySqlDatabase database) throws Exception {
        db = database;
        db.execute(
                "SET SESSION sql_mode = ''", // allow zero dates in the fixture
                "CREATE TABLE every_type (id INT PRIMARY KEY, flag TINYINT(1), ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, "
                        + "mi MEDIUMINT, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, dec_small DECIMAL(10,2), dec_big DECIMAL(30,6), "
                        + "f FLOAT, d DOUBLE, c CHAR(3), vc VARCHAR(20), tx TEXT, en ENUM('red','green'), st SET('a','b'), dt DATE, "
                        + "dtm DATETIME(6), ts TIMESTAMP(6) NULL, tm TIME(6), yr YEAR, js JSON, bn BINARY(2), vb VARBINARY(8), bl BLOB, "
                        + "b1 BIT(1), b9 BIT(9))",
                "INSERT INTO every_type VALUES (1, 1, -128, 255, -32768, -8388608, -2147483648, 4294967295, -9223372036854775808, "
                        + "18446744073709551615, -12345678.91, 123456789012345678901234.123456, 1.5, 2.25, 'abc', 'héllo ✓', 'long text', 'green', 'a,b', "
                        + "'2026-11-23', '2026-11-23 12:34:56.789012', '2026-11-23 12:34:56.5', '23:59:59.25', 2026, '{\"k\": [1, 2]}', x'0102', "
                        + "x'00ff', x'cafe', b'1', b'100000001')",
                "INSERT INTO every_type (id, dt, dtm, ts) VALUES (2, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00')",
                // values at the edges of each type's binary-protocol encoding (fields sent short, signs, widths, the largest values)
                "CREATE TABLE edges (id INT PRIMARY KEY, flag TINYINT(1), f FLOAT, d DOUBLE, siu SMALLINT UNSIGNED, miu MEDIUMINT UNSIGNED, "
                        + "mi MEDIUMINT, biu BIGINT UNSIGNED, dec18 DECIMAL(18,4), dec38 DECIMAL(38,10), dtm DATETIME(6), dt0 DATETIME, "
                        + "tm TIME(6), dt DATE, yr YEAR)",
                "INSERT INTO edges VALUES "
                        + "(1, -5, 0.14285714285714285e0, 0.1e0 + 0.2e0, 65535, 16777215, -8388608, 9223372036854775808, -99999999999999.9999, "
                        + "-1234567890123456789012345678.1234567890, '2026-11-23 00:00:00', '2026-11-23 12:00:00', "
                        + "'00:00:00', '2026-11-23', 1901), "
                        + "(2, 0, -3.4028235e38, 1.7976931348623157e308, 0, 0, 8388607, 0, 99999999999999.9999, 0, '1000-01-01 00:00:00.000001', "
                        + "'9999-12-31 23:59:59', '12:00:00.000001', '1000-01-01', 2155), "
                        + "(3, 1, 0, -0.000000000000000000001, NULL, NULL, NULL, 18446744073709551615, 0.0001, "
                        + "0.0000000001, '2026-11-23 12:34:56.000000', NULL, '838:59:59', '2026-00-10', 0), "
                        + "(4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '-00:00:01', '0000-00-00', NULL)",
                "CREATE TABLE ukey (id BIGINT UNSIGNED PRIMARY KEY, v INT)",
                "INSERT INTO ukey SELECT 18446744073709551615 - seq * 3, seq FROM seq_0_to_2999",
                "CREATE TABLE dtkey (ts DATETIME(6) PRIMARY KEY, v INT)",
                "INSERT INTO dtkey SELECT '2026-11-23 00:00:00' + INTERVAL seq MICROSECOND, seq FROM seq_1_to_5000",
                "CREATE TABLE zoned (id INT PRIMARY KEY, dtm DATETIME(6), ts TIMESTAMP(6) NULL)",
                "SET SESSION time_zone = '+00:00'",
                "INSERT INTO zoned VALUES (1, '2026-07-01 12:00:00.5', '2026-07-01 12:00:00.5'), (2, '2026-01-01 00:30:00', NULL)",
                "CREATE TABLE composite (a VARCHAR(10), b INT, v INT, PRIMARY KEY (a, b))",
                "INSERT INTO composite SELECT CONCAT('k', seq % 7), seq, seq FROM seq_1_to_20000",
                "CREATE TABLE strkey (k VARCHAR(20) PRIMARY KEY, v INT)",
                "INSERT INTO strkey SELECT CONCAT('key-', seq), seq FROM seq_1_to_15000",
                "CREATE TABLE nokey (v INT, w VARCHAR(5))",
                "INSERT INTO nokey SELECT seq % 10, 'x' FROM seq_1_to_5000",
                "CREATE TABLE big (id BIGINT PRIMARY KEY, v INT, s VARCHAR(16))",
                "INSERT INTO big SELECT seq, seq % 1000, CONCAT('row', seq) FROM seq_1_to_1000000",
                "ANALYZE TABLE big");
    }

    private static List<String> base(String name) {
        return IngestRun.snapshot(db, dir, name, "2026-11-23");
    }

    private static List<List<Object>> query(String name, String sql) {
        return StagedRows.query(dir.resolve(name + ".duckdb"), sql);
    }

    @Test
    void everyTypeLandsAndStagesWithItsValue() {
        IngestRun run = IngestRun.of(IngestRun.args(base("types"), "--table", "every_type", "--format", "json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"zeroDates\" : 3", "\"staging\" : \"" + db.name() + "_staging.every_type\"", "part-00000.parquet");
        List<List<Object>> rows = query("types", "SELECT flag, ti, tiu, si, mi, i, iu, bi, CAST(biu AS VARCHAR), CAST(dec_small AS VARCHAR), "
                + "CAST(dec_big AS VARCHAR), f, d, c, vc, tx, en, st, CAST(dt AS VARCHAR), CAST(dtm AS VARCHAR), CAST(ts AS VARCHAR), "
                + "CAST(tm AS VARCHAR), yr, CAST(js AS VARCHAR), hex(bn), hex(vb), hex(bl), b1, b9, CAST(snapshot_date AS VARCHAR) "
                + "FROM " + db.name() + "_staging.every_type ORDER BY id");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly(true, -128L, 255L, -32768L, -8388608L, -2147483648L, 4294967295L,
                -9223372036854775808L, "18446744073709551615", "-12345678.91", "123456789012345678901234.123456", 1.5, 2.25, "abc",
                "héllo ✓", "long text", "green", "a,b", "2026-11-23", "2026-11-23 12:34:56.789012", "2026-11-23 12:34:56.5",
                "23:59:59.25", 2026L, "{\"k\": [1, 2]}", "0102", "00FF", "CAFE", true, 257L, "2026-11-23");
        assertThat(query("types", "SELECT data_type FROM information_schema.columns WHERE table_schema = '" + db.name()
                + "_staging' AND table_name = 'every_type' ORDER BY ordinal_position").stream().map(r -> (String) r.get(0)).toList())
                .containsExactly("INTEGER", "BOOLEAN", "TINYINT", "SMALLINT", "SMALLINT", "INTEGER", "INTEGER", "BIGINT", "BIGINT", "HUGEINT",
                        "DECIMAL(10,2)", "DECIMAL(30,6)", "FLOAT", "DOUBLE", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DATE",
                        "TIMESTAMP", "TIMESTAMP", "TIME", "SMALLINT", "JSON", "BLOB", "BLOB", "BLOB", "BOOLEAN", "BIGINT", "DATE");
        assertThat(rows.get(1).subList(18, 21)).containsOnlyNulls(); // zero dates land as NULL, counted above
        // the phases of the table's time, and the rows read from the parts in place: no scratch table was made
        assertThat(run.out()).containsPattern("\"phases\" : \\{\\s*\"landingMs\" : [1-9]\\d*,\\s*\"stagingMs\" : [1-9]\\d*\\s*}");
        assertThat(query("types", "SELECT COUNT(*) FROM information_schema.tables WHERE table_name LIKE '\\_meshkit%' ESCAPE '\\'"))
                .containsExactly(List.of(0L));
    }

    @Test
    void edgeValuesLandExactly() {
        IngestRun run = IngestRun.of(IngestRun.args(base("edges"), "--table", "edges", "--format", "json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"zeroDates\" : 5"); // 838:59:59, 2026-00-10 and YEAR 0 (row 3), -00:00:01 and 0000-00-00 (row 4)
        List<List<Object>> rows = query("edges", "SELECT flag, CAST(f AS DOUBLE), d, siu, miu, mi, CAST(biu AS VARCHAR), CAST(dec18 AS VARCHAR), "
                + "CAST(dec38 AS VARCHAR), CAST(dtm AS VARCHAR), CAST(dt0 AS VARCHAR), CAST(tm AS VARCHAR), CAST(dt AS VARCHAR), yr "
                + "FROM " + db.name() + "_staging.edges ORDER BY id");
        assertThat(rows.get(0)).containsExactly(true, (double) (1f / 7f), 0.30000000000000004, 65535L, 16777215L, -8388608L,
                "9223372036854775808", "-99999999999999.9999", "-1234567890123456789012345678.1234567890",
                "2026-11-23 00:00:00", "2026-11-23 12:00:00", "00:00:00", "2026-11-23", 1901L);
        assertThat(rows.get(1)).containsExactly(false, (double) -3.4028235e38f, 1.7976931348623157e308, 0L, 0L, 8388607L, "0",
                "99999999999999.9999", "0.0000000000", "1000-01-01 00:00:00.000001", "9999-12-31 23:59:59",
                "12:00:00.000001", "1000-01-01", 2155L);
        assertThat(rows.get(2)).containsExactly(true, 0.0, -1e-21, null, null, null, "18446744073709551615", "0.0001",
                "0.0000000001", "2026-11-23 12:34:56", null, null, null, null);
        assertThat(rows.get(3)).containsOnlyNulls();
    }

    @Test
    void datetimeIsConvertedFromTheSourceTimeZoneAndTimestampIsNot() throws Exception {
        IngestRun run = IngestRun.of(IngestRun.args(base("zoned"), "--table", "zoned", "--source-time-zone", "Europe/Berlin"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(query("zoned", "SELECT CAST(dtm AS VARCHAR), CAST(ts AS VARCHAR) FROM " + db.name() + "_staging.zoned ORDER BY id"))
                .containsExactly(List.of("2026-07-01 10:00:00.5", "2026-07-01 12:00:00.5"), java.util.Arrays.asList("2025-12-31 23:30:00", null));

        // a complete snapshot whose part was removed since: staging names the missing file, exit 2
        java.nio.file.Path part = dir.resolve("landing").resolve(db.name() + ".zoned").resolve("snapshot_date=2026-11-23").resolve("part-00000.parquet");
        assertThat(part).exists();
        java.nio.file.Files.delete(part);
        IngestRun again = IngestRun.of(IngestRun.args(base("zoned"), "--table", "zoned", "--source-time-zone", "Europe/Berlin"));
        assertThat(again.exitCode()).as(again.out()).isEqualTo(2);
        assertThat(again.err()).contains("Cannot stage table " + db.name() + "_staging.zoned: cannot read file " + part);
    }

    @Test
    void unsignedAndTemporalKeysChunkWithoutLosingOrRepeatingRows() {
        IngestRun run = IngestRun.of(IngestRun.args(base("ukeys"), "--table", "ukey", "--table", "dtkey", "--chunk-rows", "1000",
                "--threads", "2", "--format", "json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("\"sourceTable\" : \"ukey\"[\\s\\S]*?\"chunks\" : [2-9],"); // integer ranges from the row estimate
        assertThat(run.out()).containsPattern("\"sourceTable\" : \"dtkey\"[\\s\\S]*?\"chunks\" : 5,");
        String ns = db.name() + "_staging";
        assertThat(query("ukeys", "SELECT COUNT(*), COUNT(DISTINCT id), CAST(MIN(id) AS VARCHAR), CAST(MAX(id) AS VARCHAR), CAST(SUM(v) AS BIGINT) FROM "
                + ns + ".ukey").get(0)).containsExactly(3000L, 3000L, "18446744073709542618", "18446744073709551615", 4498500L);
        assertThat(query("ukeys", "SELECT COUNT(*), COUNT(DISTINCT ts), CAST(SUM(v) AS BIGINT), CAST(MAX(ts) AS VARCHAR) FROM " + ns + ".dtkey").get(0))
                .containsExactly(5000L, 5000L, 12502500L, "2026-11-23 00:00:00.005");
    }

    @Test
    void compositeStringAndKeylessTablesLandEveryRowOnce() {
        IngestRun run = IngestRun.of(IngestRun.args(base("keys"), "--table", "composite", "--table", "strkey", "--table", "nokey",
                "--chunk-rows", "4000", "--format", "json"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("has no primary key: read as one chunk");
        String ns = db.name() + "_staging";
        assertThat(query("keys", "SELECT COUNT(*), COUNT(DISTINCT (a, b)), CAST(SUM(v) AS BIGINT) FROM " + ns + ".composite").get(0))
                .containsExactly(20000L, 20000L, 200010000L);
        assertThat(query("keys", "SELECT COUNT(*), COUNT(DISTINCT k) FROM " + ns + ".strkey").get(0)).containsExactly(15000L, 15000L);
        assertThat(query("keys", "SELECT COUNT(*) FROM " + ns + ".nokey").get(0)).containsExactly(5000L);
        assertThat(run.out()).containsPattern("\"sourceTable\" : \"composite\"[\\s\\S]*?\"chunks\" : 5,");
        assertThat(run.out()).containsPattern("\"sourceTable\" : \"strkey\"[\\s\\S]*?\"chunks\" : 4,");
    }

    @Test
    void millionRowsChunkedOnTwoThreadsAndRestagedIdempotently() throws Exception {
        IngestRun run = IngestRun.of(IngestRun.args(base("big"), "--table", "big", "--threads", "2", "--chunk-rows", "200000"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1,000,000 rows in 5 chunks");
        String t = db.name() + "_staging.big";
        List<Object> expected = List.of(1000000L, 1000000L, 500000500000L);
        assertThat(query("big", "SELECT COUNT(*), COUNT(DISTINCT id), CAST(SUM(id) AS BIGINT) FROM " + t).get(0)).containsExactlyElementsOf(expected);
        try (Stream<Path> parts = Files.list(dir.resolve("landing").resolve(db.name() + ".big").resolve("snapshot_date=2026-11-23"))) {
            assertThat(parts.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".parquet"))).hasSize(5);
        }
        IngestRun again = IngestRun.of(IngestRun.args(base("big"), "--table", "big"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("already landed");
        assertThat(query("big", "SELECT COUNT(*), COUNT(DISTINCT id), CAST(SUM(id) AS BIGINT) FROM " + t).get(0)).containsExactlyElementsOf(expected);
        assertThat(query("big", "SELECT status, row_count FROM meshkit_meta.runs WHERE dataset = '" + db.name() + ".big' ORDER BY started_at"))
                .containsExactly(List.of("SUCCEEDED", 1000000L), List.of("SUCCEEDED", 1000000L));
    }

    /**
     * A run that failed after landing its snapshot (here: one that staged elsewhere) leaves a complete snapshot, which the
     * rerun stages rather than reading MySQL again at another point in time; it says so, when it was landed, and how to
     * take a fresh one.
     */
    @Test
    void aRerunSaysItReusesTheLandedSnapshotAndHowToTakeAFreshOne() throws Exception {
        IngestRun first = IngestRun.of(IngestRun.args(IngestRun.snapshot(db, dir, "reuse-first", "2026-11-30"), "--table", "ukey"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path manifest = dir.resolve("landing").resolve(db.name() + ".ukey").resolve("snapshot_date=2026-11-30").resolve("_manifest.json");
        Instant endedAt = Instant.parse(new ObjectMapper().readTree(manifest.toFile()).get("endedAt").asText());
        String landedAt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(endedAt) + " UTC";

        IngestRun again = IngestRun.of(IngestRun.args(IngestRun.snapshot(db, dir, "reuse-again", "2026-11-30"), "--table", "ukey"));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("3,000 rows in 1 chunk (already landed)", "  warning: reused snapshot " + db.name()
                + ".ukey/snapshot_date=2026-11-30, landed complete at " + landedAt + ": MySQL not read again (--force takes a fresh snapshot)");
        // nothing was read from MySQL this time: no read rate
        assertThat(again.out()).doesNotContain("rows/s");

        IngestRun fresh = IngestRun.of(IngestRun.args(IngestRun.snapshot(db, dir, "reuse-again", "2026-11-30"), "--table", "ukey", "--force"));
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(fresh.out()).contains("3,000 rows in 1 chunk,", "rows/s)").doesNotContain("reused", "already landed");
        assertThat(Instant.parse(new ObjectMapper().readTree(manifest.toFile()).get("endedAt").asText())).isAfter(endedAt);
    }

    @Test
    void unknownTableIsBadInput() {
        IngestRun run = IngestRun.of(IngestRun.args(base("bad"), "--table", "no_such_table"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: Cannot snapshot table " + db.name() + ".no_such_table: it does not exist");
    }

    @Test
    void unreachableServerIsAnExternalFailureNamingHostAndPort() {
        IngestRun run = IngestRun.of("snapshot", "--source", "jdbc:mysql://127.0.0.1:1/shop?user=root&connectTimeout=2000", "--table", "t",
                "--date", "today", "--landing", dir.resolve("l2").toString(), "--warehouse", "duckdb:" + dir.resolve("unreach.duckdb"));
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: Cannot connect to MySQL at 127.0.0.1:1: ").doesNotContain("password").doesNotContain("\tat ");
    }

    @Test
    void passwordInTheUrlIsRefusedAndNeverPrinted() {
        IngestRun run = IngestRun.of("plan", "--source", "jdbc:mysql://127.0.0.1:3306/shop?user=root&password=s3cret", "--table", "t");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("MESHKIT_MYSQL_PASSWORD").doesNotContain("s3cret");
    }

    @Test
    void planReadsNoDataAndShowsChunks() {
        IngestRun run = IngestRun.of("plan", "--source", db.jdbcUrl(), "--table", "big", "--table", "strkey", "--chunk-rows", "250000");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("key id, integer range: 4 chunks, ~", "key k, keyset: 1 chunk,",
                "column s varchar(16) -> VARCHAR");
    }
}
