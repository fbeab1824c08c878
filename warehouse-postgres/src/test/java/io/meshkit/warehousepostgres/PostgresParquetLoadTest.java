package io.meshkit.warehousepostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.WriteMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet files written by another writer (DuckDB: dictionary pages, Snappy, gzip, every scalar type)
 * load into PostgreSQL with their values and types; bad files are refused on one line, leaving the
 * table as it was.
 */
class PostgresParquetLoadTest extends AbstractSchemaTest {
    /** Every scalar type DuckDB writes, with the edge values and NULLs, and text COPY's own escapes in strings. */
    private static final String ALL_TYPES = "SELECT * FROM (VALUES"
            + " (1, true, (-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER, (-9223372036854775808)::BIGINT,"
            + "  18446744073709551615::UBIGINT, 4294967295::UINTEGER, 255::UTINYINT, 65535::USMALLINT,"
            + "  (-1234567.89)::DECIMAL(9,2), 123456789012345.678::DECIMAL(18,3), (-1234567890123456789012345678.0123456789)::DECIMAL(38,10),"
            + "  0.0001::DECIMAL(10,4), 1.5::REAL, (-2.25e300)::DOUBLE, 'Zoë\ta\\b\nc,\"d\"', '\\x00\\xFF'::BLOB,"
            + "  DATE '1970-01-01', TIME '23:59:59.999999', TIMESTAMP '1999-12-31 23:59:59.123456', TIMESTAMPTZ '2026-12-07 10:00:00+00',"
            + "  '{\"a\": [1, 2]}'::JSON, '6ba7b810-9dad-11d1-80b4-00c04fd430c8'::UUID),"
            + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
            + "  NULL, NULL, NULL),"
            + " (3, false, 127::TINYINT, 0::SMALLINT, 7::INTEGER, 9223372036854775807::BIGINT, 0::UBIGINT, 0::UINTEGER, 0::UTINYINT,"
            + "  0::USMALLINT, 0::DECIMAL(9,2), (-0.001)::DECIMAL(18,3), 10000::DECIMAL(38,10), 10000::DECIMAL(10,4), 0::REAL, 0.1::DOUBLE,"
            + "  '', ''::BLOB, DATE '2000-01-01', TIME '00:00:00', TIMESTAMP '1900-01-01 00:00:00', TIMESTAMPTZ '1970-01-01 00:00:00+00',"
            + "  '[]'::JSON, '00000000-0000-0000-0000-000000000000'::UUID)"
            + ") AS t(id, b, ti, si, i, bi, ubi, ui, uti, usi, d9, d18, d38, d10, r, dbl, s, bl, dt, tm, ts, tstz, js, u)";

    PostgresParquetLoadTest() {
        super("parquet_load");
    }

    @Test
    void everyScalarTypeLoadsWithItsValues(@TempDir Path dir) {
        Path file = dir.resolve("all.parquet");
        ParquetFixtures.write(ALL_TYPES, file, "");
        TableId t = namespace.table("all_types");
        warehouse.load(t, new LoadRequest(List.of(file.toUri()), FileFormat.PARQUET, WriteMode.CREATE));

        assertThat(warehouse.describe(t).orElseThrow().columns()).extracting(c -> c.name().name() + " " + c.engineType()).containsExactly(
                "id integer", "b boolean", "ti smallint", "si smallint", "i integer", "bi bigint", "ubi numeric(38,0)", "ui bigint",
                "uti smallint", "usi integer", "d9 numeric(9,2)", "d18 numeric(18,3)", "d38 numeric(38,10)", "d10 numeric(10,4)",
                "r real", "dbl double precision", "s text", "bl bytea", "dt date", "tm time without time zone",
                "ts timestamp without time zone", "tstz timestamp with time zone", "js jsonb", "u uuid");
        // PostgreSQL's text of each value, against DuckDB's reading of the same file
        String pg = "SELECT id, b::text, ti::text, si::text, i::text, bi::text, ubi::text, ui::text, uti::text, usi::text, d9::text, d18::text,"
                + " d38::text, d10::text, r::text, dbl::text, s, encode(bl, 'hex'), dt::text, tm::text, ts::text, to_char(tstz, 'YYYY-MM-DD HH24:MI:SS'),"
                + " js::text, u::text FROM ";
        List<String> loaded;
        try (ResultRows rows = warehouse.query(warehouse.dialect().sql().sql(pg).table(t).sql(" ORDER BY id").build())) {
            loaded = ParquetFixtures.texts(rows);
        }
        List<String> read = ParquetFixtures.read(file, "id, lower(b::VARCHAR), ti, si, i, bi, ubi, ui, uti, usi, d9, d18, d38, d10, r, dbl, s,"
                + " lower(hex(bl)), dt, tm, ts, strftime(tstz AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S'), CAST(js AS JSON)::VARCHAR, u");
        assertThat(loaded).hasSize(3);
        assertThat(loaded.get(0)).isEqualTo("1|true|-128|-32768|-2147483648|-9223372036854775808|18446744073709551615|4294967295|255|65535"
                + "|-1234567.89|123456789012345.678|-1234567890123456789012345678.0123456789|0.0001|1.5|-2.25e+300|Zoë\ta\\b\nc,\"d\"|00ff"
                + "|1970-01-01|23:59:59.999999|1999-12-31 23:59:59.123456|2026-12-07 10:00:00|{\"a\": [1, 2]}|6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(loaded.get(1)).isEqualTo("2" + "|null".repeat(23));
        assertThat(read.get(1)).isEqualTo(loaded.get(1));
        assertThat(loaded.get(2)).startsWith("3|false|127|0|7|9223372036854775807|0|0|0|0|0.00|-0.001|10000.0000000000|10000.0000|0|0.1||"
                + "|2000-01-01|00:00:00|1900-01-01 00:00:00|1970-01-01 00:00:00|[]|00000000-0000-0000-0000-000000000000");
        assertThat(read.get(0).split("\\|")[6]).isEqualTo("18446744073709551615");
    }

    @Test
    void dictionaryPagesGzipAndManyRowGroupsLoadInEachWriteMode(@TempDir Path dir) {
        Path gzip = dir.resolve("gzip.parquet");
        Path snappy = dir.resolve("snappy.parquet");
        // few distinct values: DuckDB writes dictionary pages; small row groups: many of them
        String rows = "SELECT range AS n, 'country ' || (range % 5) AS country, (range % 3)::DECIMAL(5,1) AS tier FROM range(";
        ParquetFixtures.write(rows + "0, 50000)", gzip, ", COMPRESSION gzip, ROW_GROUP_SIZE 4096");
        ParquetFixtures.write(rows + "50000, 60000)", snappy, ", COMPRESSION snappy");
        TableId t = namespace.table("coded");
        warehouse.load(t, new LoadRequest(List.of(gzip.toUri(), snappy.toUri()), FileFormat.PARQUET, WriteMode.CREATE));
        assertThat(sums(t)).isEqualTo("60000|1799970000|12000|60000.0");
        warehouse.load(t, new LoadRequest(List.of(snappy.toUri()), FileFormat.PARQUET, WriteMode.APPEND));
        assertThat(sums(t)).isEqualTo("70000|2349965000|14000|70001.0");
        warehouse.load(t, new LoadRequest(List.of(snappy.toUri()), FileFormat.PARQUET, WriteMode.REPLACE));
        assertThat(sums(t)).isEqualTo("10000|549995000|2000|10001.0");
        assertThatThrownBy(() -> warehouse.load(t, new LoadRequest(List.of(snappy.toUri()), FileFormat.PARQUET, WriteMode.CREATE)))
                .isInstanceOf(MeshkitException.class).hasMessage("Cannot create table " + t + ": it already exists");
    }

    private String sums(TableId t) {
        try (ResultRows r = warehouse.query(warehouse.dialect().sql()
                .sql("SELECT count(*), sum(n), count(*) FILTER (WHERE country = 'country 0'), sum(tier) FROM ").table(t).build())) {
            return ParquetFixtures.texts(r).get(0);
        }
    }

    @Test
    void badFilesAreRefusedOnOneLineAndLeaveTheTableAsItWas(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.parquet");
        ParquetFixtures.write("SELECT range AS n FROM range(10)", good, "");
        TableId t = namespace.table("kept");
        warehouse.load(t, new LoadRequest(List.of(good.toUri()), FileFormat.PARQUET, WriteMode.CREATE));

        Path text = Files.writeString(dir.resolve("not.parquet"), "id,name\n1,Ada\n");
        assertRefused(t, List.of(good, text), "Cannot load table " + t + ": cannot read Parquet file " + text + " (");
        Path other = dir.resolve("other.parquet");
        ParquetFixtures.write("SELECT 'x' AS n", other, "");
        assertRefused(t, List.of(good, other), "Cannot load table " + t + ": file " + other + " has columns [n VARCHAR], the first file [n BIGINT]");
        Path zstd = dir.resolve("zstd.parquet");
        ParquetFixtures.write("SELECT range AS n FROM range(10)", zstd, ", COMPRESSION zstd");
        assertRefused(t, List.of(zstd), "Cannot load table " + t + ": file " + zstd
                + " is compressed with ZSTD (PostgreSQL loads read uncompressed, SNAPPY and GZIP Parquet)");
        Path nested = dir.resolve("nested.parquet");
        ParquetFixtures.write("SELECT [1, 2] AS n", nested, "");
        assertRefused(t, List.of(nested), "Cannot load table " + t + ": file " + nested
                + " has the nested column n.list.element (PostgreSQL loads flat Parquet files)");
        Path truncated = dir.resolve("truncated.parquet");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(truncated, java.util.Arrays.copyOfRange(bytes, 0, bytes.length / 2));
        assertRefused(t, List.of(good, truncated), "Cannot load table " + t + ": cannot read Parquet file " + truncated + " (");

        try (ResultRows r = warehouse.query(warehouse.dialect().sql().sql("SELECT count(*) FROM ").table(t).build())) {
            assertThat(ParquetFixtures.texts(r)).containsExactly("10");
        }
        // the refused loads left no connection in COPY: the warehouse still works
        warehouse.load(t, new LoadRequest(List.of(good.toUri(), good.toUri()), FileFormat.PARQUET, WriteMode.REPLACE));
        assertThat(warehouse.describe(t).orElseThrow().column(ColumnName.of("n")).orElseThrow().type()).isEqualTo(DataType.BIGINT);
    }

    private void assertRefused(TableId t, List<Path> files, String message) {
        assertThatThrownBy(() -> warehouse.load(t, new LoadRequest(files.stream().map(Path::toUri).toList(), FileFormat.PARQUET, WriteMode.REPLACE)))
                .isInstanceOfSatisfying(MeshkitException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.getMessage()).startsWith(message).doesNotContain("\n");
                });
    }

}
