package io.meshkit.differ;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.differ.api.ColumnDiff;
import io.meshkit.differ.api.SegmentSettings;
import io.meshkit.differ.di.Differs;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.DiffResult;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.internal.Values;
import io.meshkit.testing.MySqlDatabase;
import io.meshkit.testing.MySqlExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The canonical text across engines, value by value, against the real MariaDB: the same edge values
 * of every type (decimal ties and scales, doubles at rounding ties, at the boundary where rounding
 * stops merging values, at both ends of their range and -0.0, single-precision floats, timestamps
 * of every precision and at the ends of their range, time zones, NULL against the empty string,
 * unicode in several normal forms, binary, booleans, extreme integers) written into MySQL and
 * DuckDB compare equal with nothing downloaded; then one difference of each kind is planted and
 * found in exactly its column and row, and normalisation removes exactly the differences it should.
 */
@ExtendWith(MySqlExtension.class)
class MySqlCanonicalTypesIT {
    private static final int FILLER = 2000;
    private static Warehouse duck;
    private static MySqlDatabase mysql;

    /** Column values of the special rows: MySQL literal, DuckDB literal (the same value). */
    private record Value(String mysql, String duck) {
        static Value same(String literal) {
            return new Value(literal, literal);
        }
    }

    private static final List<String> COLUMNS = List.of("dec4", "dec2", "dbl", "flt", "ts", "ts0", "tz", "day", "txt", "bin", "flag", "big");

    /** id -> values in COLUMNS order; ids sit between the filler rows, so they land in different segments. */
    private static final Map<Integer, List<Value>> SPECIAL = new TreeMap<>();

    static {
        String[] doubles = {"0.0078125", "-0.0078125", "1e300", "-1e-300", "8589934592", "8589934591.9999995", "8589934591.999999",
            "0.1", "123456.7890125", "3.141592653589793", "1.7976931348623157e308", "2.2250738585072014e-308", "-0.0",
            "4503599627370497", "9007199254740993", "-123.4567895", "0.0000005", "NULL"};
        String[] floats = {"0.1", "3.4028234e38", "-1.5", "16777217", "NULL", "0.0078125"};
        String[] dec4 = {"12345678.1234", "-0.0001", "0", "NULL", "-99999999.9999", "0.5"};
        String[] dec2 = {"1.50", "-0.01", "99999999.99", "NULL", "0", "12.34"};
        String[] ts = {"2024-02-29 23:59:59.999999", "1970-01-01 00:00:00", "1000-01-01 00:00:00.000001", "9999-12-31 23:59:59.999999",
            "NULL", "2024-01-01 00:00:00.5"};
        String[] ts0 = {"2024-01-01 12:00:00", "NULL", "1999-12-31 23:59:59"};
        String[] tz = {"2024-03-31 01:30:00.5", "1970-01-01 00:00:01", "2038-01-19 03:14:07.999999", "NULL"};
        String[] day = {"2024-02-29", "1000-01-01", "9999-12-31", "NULL"};
        String[] txt = {"'é'", "'e\u0301'", "'日本語'", "'😀 emoji'", "''", "' padded '", "'Tab\tX'", "'quote''s'", "NULL", "'ẞ'", "'İ'", "'A'"};
        String[][] bin = {{"X'00FF10'", "'\\x00\\xFF\\x10'::BLOB"}, {"X''", "''::BLOB"}, {"NULL", "NULL"}, {"X'7F'", "'\\x7F'::BLOB"}};
        String[][] flag = {{"1", "true"}, {"0", "false"}, {"NULL", "NULL"}};
        String[] big = {"9223372036854775807", "-9223372036854775808", "0", "NULL"};
        int rows = 18;
        for (int i = 0; i < rows; i++) {
            List<Value> v = new ArrayList<>();
            v.add(Value.same(dec4[i % dec4.length]));
            v.add(Value.same(dec2[i % dec2.length]));
            v.add(floating(doubles[i % doubles.length], "DOUBLE"));
            v.add(floating(floats[i % floats.length], "REAL"));
            v.add(quotedTime(ts[i % ts.length], "TIMESTAMP"));
            v.add(quotedTime(ts0[i % ts0.length], "TIMESTAMP"));
            String t = tz[i % tz.length];
            v.add(t.equals("NULL") ? Value.same("NULL") : new Value("'" + t + "'", "TIMESTAMPTZ '" + t + "+00'"));
            v.add(quotedTime(day[i % day.length], "DATE"));
            v.add(Value.same(txt[i % txt.length]));
            v.add(new Value(bin[i % bin.length][0], bin[i % bin.length][1]));
            v.add(new Value(flag[i % flag.length][0], flag[i % flag.length][1]));
            v.add(Value.same(big[i % big.length]));
            SPECIAL.put(100 + i * 111, v);
        }
    }

    /** Both engines parse the decimal text to the nearest double (MySQL's decimal literals would round twice). */
    private static Value floating(String v, String type) {
        if (v.equals("NULL")) {
            return Value.same("NULL");
        }
        String duck = "CAST('" + v + "' AS DOUBLE)";
        return new Value(v.contains("e") ? v : v + "e0", type.equals("DOUBLE") ? duck : "CAST(" + duck + " AS REAL)");
    }

    private static Value quotedTime(String v, String type) {
        return v.equals("NULL") ? Value.same("NULL") : new Value("'" + v + "'", type + " '" + v + "'");
    }

    @BeforeAll
    static void setUp(MySqlDatabase db) throws Exception {
        mysql = db;
        duck = Warehouses.open("duckdb::memory:");
        duck.execute(Sql.of("CREATE SCHEMA d"));
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            s.execute("CREATE TABLE kinds (id BIGINT PRIMARY KEY, dec4 DECIMAL(12,4), dec2 DECIMAL(10,2), dbl DOUBLE, flt FLOAT,"
                    + " ts DATETIME(6), ts0 DATETIME, tz TIMESTAMP(6) NULL, day DATE, txt VARCHAR(40), bin VARBINARY(16), flag TINYINT(1),"
                    + " big BIGINT) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
            s.execute("INSERT INTO kinds SELECT seq, seq / 7, seq / 4, seq / 3e0, seq / 8e0, TIMESTAMP('2024-01-01') + INTERVAL seq SECOND"
                    + " + INTERVAL seq MICROSECOND, TIMESTAMP('2024-01-01') + INTERVAL seq MINUTE, TIMESTAMP('2024-01-01') + INTERVAL seq HOUR,"
                    + " DATE_ADD('2020-01-01', INTERVAL seq DAY), CONCAT('row ', seq), UNHEX(LPAD(HEX(seq), 4, '0')), seq % 2, seq * 1000003"
                    + " FROM seq_1_to_" + FILLER);
            s.execute("DELETE FROM kinds WHERE id IN (" + String.join(", ", SPECIAL.keySet().stream().map(String::valueOf).toList()) + ")");
            for (Map.Entry<Integer, List<Value>> e : SPECIAL.entrySet()) {
                s.execute("INSERT INTO kinds VALUES (" + e.getKey() + ", "
                        + String.join(", ", e.getValue().stream().map(Value::mysql).toList()) + ")");
            }
        }
        createDuck();
    }

    private static void createDuck() {
        duck.execute(Sql.of("CREATE OR REPLACE TABLE d.kinds AS SELECT CAST(range AS BIGINT) AS id,"
                + " CAST(CAST(range AS DECIMAL(18,4)) / 7 AS DECIMAL(12,4)) AS dec4, CAST(CAST(range AS DECIMAL(18,4)) / 4 AS DECIMAL(14,4)) AS dec2,"
                + " range / 3 AS dbl, CAST(range / 8 AS REAL) AS flt,"
                + " TIMESTAMP '2024-01-01' + to_seconds(range) + to_microseconds(range) AS ts, TIMESTAMP '2024-01-01' + to_minutes(range) AS ts0,"
                + " CAST(TIMESTAMP '2024-01-01' + to_hours(range) AS TIMESTAMPTZ) AS tz, DATE '2020-01-01' + CAST(range AS INTEGER) AS day,"
                + " 'row ' || range AS txt, unhex(printf('%04X', range)) AS bin, range % 2 = 1 AS flag, range * 1000003 AS big"
                + " FROM range(1, " + (FILLER + 1) + ")"));
        duck.execute(Sql.of("DELETE FROM d.kinds WHERE id IN (" + String.join(", ", SPECIAL.keySet().stream().map(String::valueOf).toList()) + ")"));
        for (Map.Entry<Integer, List<Value>> e : SPECIAL.entrySet()) {
            duck.execute(Sql.of("INSERT INTO d.kinds VALUES (" + e.getKey() + ", "
                    + String.join(", ", e.getValue().stream().map(Value::duck).toList()) + ")"));
        }
    }

    @BeforeEach
    void fresh() {
        createDuck();
    }

    @AfterAll
    static void tearDown() {
        if (duck != null) {
            duck.close();
        }
    }

    private static DiffResult diff(Normalisation n) {
        DiffRequest request = DiffRequest.of(TableId.of(mysql.name(), "kinds"), TableId.of("d", "kinds"), ColumnName.list("id"))
                .withNormalisation(n).withExamples(50);
        String password = System.getenv("MESHKIT_TEST_MYSQL_PASSWORD");
        return Differs.mysqlAgainstWarehouse(mysql.jdbcUrl(), password, duck, new SegmentSettings(8, 40)).diff(request);
    }

    private static ColumnDiff column(DiffResult r, String name) {
        return r.columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> changedKeys(DiffResult r, String name) {
        return column(r, name).examples().stream().map(e -> e.key().get(0)).toList();
    }

    @Test
    void everyEdgeValueComparesEqualAcrossEngines() {
        DiffResult r = diff(Normalisation.EXACT);
        assertThat(r.productionRows()).isEqualTo(FILLER);
        for (ColumnDiff c : r.columns()) {
            assertThat(c.changedRows()).as(c.name() + " " + c.examples()).isZero();
        }
        assertThat(r.added() + r.removed() + r.changed()).isZero();
        assertThat(r.work().rowsDownloaded()).as("every segment's digest agrees").isZero();
        assertThat(r.schema().retyped()).extracting(t -> t.column()).contains("dec2", "flag");
    }

    @Test
    void oneDifferenceOfEachKindIsFoundInItsColumnAndRowOnly() {
        int[] ids = SPECIAL.keySet().stream().mapToInt(Integer::intValue).toArray();
        List<String> plant = List.of(
                "UPDATE d.kinds SET dec4 = dec4 + 0.0001 WHERE id = 10",
                "UPDATE d.kinds SET dec2 = dec2 + 0.0001 WHERE id = 20", // below MySQL's scale, within DuckDB's
                "UPDATE d.kinds SET dbl = 123456.789014 WHERE id = " + ids[8], // 123456.7890125 rounds to ...013 at 6 places
                "UPDATE d.kinds SET dbl = 0.00781250001 WHERE id = " + ids[0], // the same at 6 places: no change
                "UPDATE d.kinds SET dbl = nextafter(dbl, 2e300) WHERE id = " + ids[2], // 1e300 and its next double: above the boundary, exact
                "UPDATE d.kinds SET flt = CAST(0.2 AS REAL) WHERE id = " + ids[0],
                "UPDATE d.kinds SET ts = ts + INTERVAL 1 MICROSECOND WHERE id = 30",
                "UPDATE d.kinds SET ts0 = ts0 + INTERVAL 1 SECOND WHERE id = 40",
                "UPDATE d.kinds SET tz = tz + INTERVAL 1 HOUR WHERE id = 50",
                "UPDATE d.kinds SET day = day + 1 WHERE id = 60",
                "UPDATE d.kinds SET txt = 'e' || chr(769) WHERE id = " + ids[0], // é precomposed in MySQL, decomposed here
                "UPDATE d.kinds SET txt = '' WHERE id = " + ids[8], // NULL in MySQL
                "UPDATE d.kinds SET txt = 'a' WHERE id = " + ids[11], // 'A' in MySQL
                "UPDATE d.kinds SET bin = '\\x00\\xFF\\x11'::BLOB WHERE id = " + ids[0],
                "UPDATE d.kinds SET flag = NOT flag WHERE id = 70",
                "UPDATE d.kinds SET big = big - 1 WHERE id = " + ids[0 + 4],
                "DELETE FROM d.kinds WHERE id = 80",
                "INSERT INTO d.kinds SELECT * REPLACE (CAST(" + (FILLER + 5) + " AS BIGINT) AS id) FROM d.kinds WHERE id = 90");
        plant.forEach(s -> duck.execute(Sql.of(s)));

        DiffResult r = diff(Normalisation.EXACT);
        assertThat(changedKeys(r, "dec4")).containsExactly("10");
        assertThat(changedKeys(r, "dec2")).containsExactly("20");
        assertThat(changedKeys(r, "dbl")).containsExactlyInAnyOrder(String.valueOf(ids[2]), String.valueOf(ids[8]));
        assertThat(changedKeys(r, "flt")).containsExactly(String.valueOf(ids[0]));
        assertThat(changedKeys(r, "ts")).containsExactly("30");
        assertThat(changedKeys(r, "ts0")).containsExactly("40");
        assertThat(changedKeys(r, "tz")).containsExactly("50");
        assertThat(changedKeys(r, "day")).containsExactly("60");
        assertThat(changedKeys(r, "txt")).containsExactly(String.valueOf(ids[0]), String.valueOf(ids[8]), String.valueOf(ids[11]));
        assertThat(column(r, "txt").examples()).filteredOn(e -> e.key().get(0).equals(String.valueOf(ids[8])))
                .singleElement().satisfies(e -> {
                    assertThat(e.before()).isEqualTo(Values.NULL);
                    assertThat(e.after()).isEmpty();
                });
        assertThat(changedKeys(r, "bin")).containsExactly(String.valueOf(ids[0]));
        assertThat(changedKeys(r, "flag")).containsExactly("70");
        assertThat(changedKeys(r, "big")).containsExactly(String.valueOf(ids[4]));
        assertThat(r.removedExamples()).containsExactly(List.of("80"));
        assertThat(r.addedExamples()).containsExactly(List.of(String.valueOf(FILLER + 5)));
        assertThat(r.changed()).isEqualTo(12);
        assertThat(r.unchanged()).isEqualTo(FILLER - 1 - 12);
        assertThat(r.work().rowsDownloaded()).as("only small segments are downloaded").isLessThan(FILLER);

        // two places for numbers, whole seconds for timestamps: the small changes vanish, the rest stay
        DiffResult coarse = diff(new Normalisation(OptionalInt.of(2), 0, 0, false, false));
        assertThat(column(coarse, "dec4").changedRows()).isZero();
        assertThat(column(coarse, "dec2").changedRows()).isZero();
        assertThat(changedKeys(coarse, "dbl")).containsExactly(String.valueOf(ids[2])); // 1e300 keeps no places to round
        assertThat(column(coarse, "ts").changedRows()).isZero();
        assertThat(changedKeys(coarse, "ts0")).containsExactly("40");
        assertThat(changedKeys(coarse, "flt")).containsExactly(String.valueOf(ids[0]));
        assertThat(coarse.changed()).isEqualTo(9);
    }
}
