package io.meshkit.snapshotingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.landing.SnapshotKey;
import io.meshkit.snapshotingest.api.ChunkPlan;
import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WireRows} against a real MariaDB: every chunk of every table is landed twice on one connection, by the wire
 * reader and through Connector/J's result set, and the two Parquet parts must be the same bytes. The tables hold every
 * column type the snapshot supports, NULLs, unicode, values whose length takes 1, 2 and 3 bytes to encode, a row longer
 * than one 16 MB packet, and keys of every kind split into chunks with bounds (bound as parameters).
 */
@ExtendWith(MySqlExtension.class)
class WireRowsIT {
    @TempDir
    static Path dir;

    static MySqlDatabase db;
    static MySqlSource source;

    @BeforeAll
    static void fixtures(MySqlDatabase database) throws Exception {
        db = database;
        source = MySqlSource.of(db.jdbcUrl(), null);
        db.execute(
                "SET SESSION sql_mode = ''",
                "CREATE TABLE every_type (id INT PRIMARY KEY, flag TINYINT(1), ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, "
                        + "mi MEDIUMINT, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, dec_small DECIMAL(10,2), dec_big DECIMAL(30,6), "
                        + "f FLOAT, d DOUBLE, c CHAR(3), vc VARCHAR(20), tx TEXT, en ENUM('red','green'), st SET('a','b'), dt DATE, "
                        + "dtm DATETIME(6), dt0 DATETIME, ts TIMESTAMP(6) NULL, tm TIME(6), yr YEAR, js JSON, bn BINARY(2), vb VARBINARY(8), "
                        + "bl BLOB, b1 BIT(1), b9 BIT(9), siu SMALLINT UNSIGNED, miu MEDIUMINT UNSIGNED)",
                "INSERT INTO every_type VALUES (1, 1, -128, 255, -32768, -8388608, -2147483648, 4294967295, -9223372036854775808, "
                        + "18446744073709551615, -12345678.91, 123456789012345678901234.123456, 1.5, 2.25, 'abc', 'héllo ✓', 'long text', "
                        + "'green', 'a,b', '2026-11-23', '2026-11-23 12:34:56.789012', '2026-11-23 12:00:00', '2026-11-23 12:34:56.5', "
                        + "'23:59:59.25', 2026, '{\"k\": [1, 2]}', x'0102', x'00ff', x'cafe', b'1', b'100000001', 65535, 16777215)",
                "INSERT INTO every_type (id, dt, dtm, ts, tm) VALUES (2, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '-00:00:01')",
                "INSERT INTO every_type (id, flag, f, d, dtm, tm, dt, yr) VALUES (3, -5, -3.4028235e38, 1.7976931348623157e308, "
                        + "'1000-01-01 00:00:00.000001', '838:59:59', '2026-00-10', 0)",
                "INSERT INTO every_type (id) VALUES (4)", // every other column NULL
                "INSERT INTO every_type SELECT 100 + seq, seq % 2, seq % 100, seq % 200, seq, seq * 1000, seq * 100000, seq, seq * 1000000007, "
                        + "seq, seq / 7, seq / 3, seq / 9, seq / 11, 'xyz', CONCAT('v', seq), REPEAT('é', seq % 40), 'red', 'b', "
                        + "'2026-01-01' + INTERVAL seq DAY, '2026-01-01' + INTERVAL seq SECOND, '2026-01-01' + INTERVAL seq MINUTE, "
                        + "'2026-01-01' + INTERVAL seq SECOND, SEC_TO_TIME(seq), 1901 + seq % 200, JSON_OBJECT('n', seq), x'0a0b', "
                        + "UNHEX(HEX(seq)), UNHEX(REPEAT('ab', seq % 30)), seq % 2, seq % 512, seq, seq FROM seq_1_to_3000",
                "CREATE TABLE texts (id INT PRIMARY KEY, s VARCHAR(400), t MEDIUMTEXT, b MEDIUMBLOB)",
                // lengths encoded in 1 byte (< 251), 2 bytes (< 65536) and 3 bytes, unicode of 2, 3 and 4 bytes a character
                "INSERT INTO texts VALUES (1, 'plain', 'ünïcödé ✓ 日本語 😀🎉 e\u0301', x''), (2, REPEAT('ä', 300), REPEAT('😀', 20000), "
                        + "REPEAT(x'00ff', 40000)), (3, '', '', NULL), (4, NULL, NULL, NULL), (5, REPEAT('x', 250), REPEAT('y', 251), "
                        + "REPEAT(x'01', 65536))",
                "CREATE TABLE big_row (id INT PRIMARY KEY, a LONGBLOB, b LONGTEXT, c INT)",
                "INSERT INTO big_row VALUES (1, 'small', 'row', 1)",
                // one row of 18 MB: more than one 16 MB packet, each value less than max_allowed_packet
                "INSERT INTO big_row VALUES (2, REPEAT('a', 9000000), REPEAT('ß', 4500000), 2)",
                "INSERT INTO big_row VALUES (3, REPEAT('b', 16777200), NULL, 3)", // one packet of almost exactly 16 MB
                "INSERT INTO big_row VALUES (4, 'after', 'the big ones', 4)",
                "CREATE TABLE ukey (id BIGINT UNSIGNED PRIMARY KEY, v INT)",
                "INSERT INTO ukey SELECT 18446744073709551615 - seq * 3, seq FROM seq_0_to_2999",
                "CREATE TABLE strkey (k VARCHAR(20) PRIMARY KEY, v INT)",
                "INSERT INTO strkey SELECT CONCAT('kéy-', seq), seq FROM seq_1_to_3000",
                "CREATE TABLE composite (a VARCHAR(10), b INT, v INT, PRIMARY KEY (a, b))",
                "INSERT INTO composite SELECT CONCAT('k', seq % 7), seq, seq FROM seq_1_to_3000",
                "CREATE TABLE deckey (k DECIMAL(12,3) PRIMARY KEY, v INT)",
                "INSERT INTO deckey SELECT seq / 8 - 100, seq FROM seq_1_to_3000",
                "CREATE TABLE dblkey (k DOUBLE PRIMARY KEY, v INT)",
                "INSERT INTO dblkey SELECT seq / 7 - 100, seq FROM seq_1_to_3000",
                "CREATE TABLE binkey (k VARBINARY(8) PRIMARY KEY, v INT)",
                "INSERT INTO binkey SELECT UNHEX(LPAD(HEX(seq * 77), 8, '0')), seq FROM seq_1_to_3000",
                "CREATE TABLE dtkey (ts DATETIME(6) PRIMARY KEY, v INT)",
                "INSERT INTO dtkey SELECT '2026-11-23 00:00:00' + INTERVAL seq MICROSECOND, seq FROM seq_1_to_3000",
                "CREATE TABLE nokey (v INT, w VARCHAR(5))",
                "INSERT INTO nokey SELECT seq % 10, 'x' FROM seq_1_to_3000",
                "ANALYZE TABLE every_type, ukey, strkey, composite, deckey, dblkey, binkey, dtkey");
    }

    /** Lands every chunk of a table both ways on one connection; returns the number of chunks, all byte-identical. */
    private static int sameBothWays(String name, long chunkRows, ZoneId zone) throws Exception {
        SourceTable table = source.describe(name);
        List<SourceColumn> key = table.primaryKey().stream().map(k -> table.column(k).orElseThrow()).toList();
        ChunkPlan plan = new ChunkPlanner(source).plan(table, key, chunkRows, true);
        LocalLandingZone landing = new LocalLandingZone(dir);
        long total = 0;
        try (Connection c = source.connect()) {
            assertThat(WireRows.on(c)).as("the wire reader speaks this connection's protocol").isNotNull();
            for (ChunkPlan.Chunk chunk : plan.chunks()) {
                LandedChunk wire = ChunkReader.read(c, table, key, chunk, landing, new SnapshotKey("wire." + name, LocalDate.of(2026, 11, 23)),
                        zone, new AtomicLong(), true);
                LandedChunk jdbc = ChunkReader.read(c, table, key, chunk, landing, new SnapshotKey("jdbc." + name, LocalDate.of(2026, 11, 23)),
                        zone, new AtomicLong(), false);
                assertThat(wire.rows()).as("rows of chunk %d of %s: %s", chunk.id(), name, chunk).isEqualTo(jdbc.rows());
                assertThat(wire.zeroDates()).isEqualTo(jdbc.zeroDates());
                assertThat(wire.sha256()).as("chunk %d of %s, %d rows", chunk.id(), name, wire.rows()).isEqualTo(jdbc.sha256());
                total += wire.rows();
            }
            // the connection is still in step after the wire reader's commands
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + MySqlSql.quote(name))) {
                rs.next();
                assertThat(total).isEqualTo(rs.getLong(1));
            }
        }
        return plan.chunks().size();
    }

    @Test
    void everyColumnTypeNullsAndZeroDatesAsTheDriverReadsThem() throws Exception {
        assertThat(sameBothWays("every_type", 1000, ZoneOffset.UTC)).isGreaterThan(1);
        assertThat(sameBothWays("every_type", 1000, ZoneId.of("Europe/Berlin"))).isGreaterThan(1);
    }

    @Test
    void unicodeAndLengthsOfEveryEncoding() throws Exception {
        sameBothWays("texts", 1_000_000, ZoneOffset.UTC);
    }

    @Test
    void rowsLongerThanOnePacket() throws Exception {
        sameBothWays("big_row", 1_000_000, ZoneOffset.UTC);
    }

    @Test
    void chunkBoundsOfEveryKeyKindAreBound() throws Exception {
        for (String t : List.of("ukey", "strkey", "composite", "deckey", "dblkey", "binkey", "dtkey")) {
            assertThat(sameBothWays(t, 700, ZoneOffset.UTC)).as(t).isGreaterThan(2);
        }
        sameBothWays("nokey", 700, ZoneOffset.UTC); // one chunk, no bounds: a statement without parameters
    }

    @Test
    void aCompressedConnectionIsReadThroughTheDriverWithTheSameBytes() throws Exception {
        MySqlSource compressed = MySqlSource.of(db.jdbcUrl() + (db.jdbcUrl().contains("?") ? "&" : "?") + "useCompression=true", null);
        SourceTable table = source.describe("every_type");
        List<SourceColumn> key = table.primaryKey().stream().map(k -> table.column(k).orElseThrow()).toList();
        ChunkPlan.Chunk all = new ChunkPlan.Chunk(0, null, null);
        LocalLandingZone landing = new LocalLandingZone(Files.createDirectories(dir.resolve("compressed")));
        LandedChunk viaDriver;
        try (Connection c = compressed.connect()) {
            assertThat(WireRows.on(c)).as("compression: the wire reader steps aside").isNull();
            viaDriver = ChunkReader.read(c, table, key, all, landing, new SnapshotKey("z.every_type", LocalDate.of(2026, 11, 23)),
                    ZoneOffset.UTC, new AtomicLong(), true);
        }
        LandedChunk viaWire;
        try (Connection c = source.connect()) {
            viaWire = ChunkReader.read(c, table, key, all, landing, new SnapshotKey("w.every_type", LocalDate.of(2026, 11, 23)),
                    ZoneOffset.UTC, new AtomicLong(), true);
        }
        assertThat(viaDriver.rows()).isEqualTo(3004);
        assertThat(viaDriver.sha256()).isEqualTo(viaWire.sha256());
    }

    @Test
    void aServerErrorIsTheDriversErrorAndTheConnectionStaysUsable() throws Exception {
        SourceTable table = source.describe("nokey");
        LocalLandingZone landing = new LocalLandingZone(Files.createDirectories(dir.resolve("errors")));
        try (Connection c = source.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE nokey RENAME TO nokey_moved");
            }
            try {
                assertThatThrownBy(() -> ChunkReader.read(c, table, List.of(), new ChunkPlan.Chunk(0, null, null), landing,
                        new SnapshotKey("err.nokey", LocalDate.of(2026, 11, 23)), ZoneOffset.UTC, new AtomicLong(), true))
                        .isInstanceOf(SQLException.class).hasMessageContaining("nokey").extracting(e -> ((SQLException) e).getErrorCode())
                        .isEqualTo(1146); // ER_NO_SUCH_TABLE, as Connector/J reports it
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM nokey_moved")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(3000);
                }
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE nokey_moved RENAME TO nokey");
                }
            }
        }
    }
}
