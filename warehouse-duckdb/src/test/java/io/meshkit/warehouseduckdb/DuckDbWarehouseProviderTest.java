package io.meshkit.warehouseduckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.core.type.DataType;
import io.meshkit.warehouseduckdb.internal.DuckDbWarehouse;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to DuckDB: files, settings, the provider, value conversions. */
class DuckDbWarehouseProviderTest {
    private static final TableId T = TableId.of("main", "t");

    @TempDir
    Path dir;

    private static Object single(Warehouse w, String sql) {
        try (ResultRows rows = w.query(Sql.of(sql))) {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            assertThat(all).hasSize(1);
            return all.get(0).get(0);
        }
    }

    private static void createNumbers(Warehouse w, TableId t, int count) {
        w.createTableAs(t, Sql.of("SELECT range AS n FROM range(" + count + ")"), TableLayout.NONE, WriteMode.REPLACE);
    }

    @Test
    void providerIsFoundThroughServiceLoader() {
        assertThat(Warehouses.providers()).containsKey("duckdb");
        try (Warehouse a = Warehouses.open("duckdb::memory:"); Warehouse b = Warehouses.open("duckdb::memory:")) {
            assertThat(a).isInstanceOf(DuckDbWarehouse.class).isInstanceOf(SupportsTransactions.class);
            assertThat(a.uri()).isEqualTo("duckdb::memory:");
            assertThat(a.dialect().name()).isEqualTo("duckdb");
            createNumbers(a, T, 3);
            assertThat(b.describe(T)).as("in-memory databases are private").isEmpty();
        }
    }

    @Test
    void fileDatabasePersistsAcrossOpenAndClose() {
        Path file = dir.resolve("nested/dirs/warehouse.duckdb");
        String uri = "duckdb:" + file;
        try (Warehouse w = Warehouses.open(uri)) {
            w.createNamespace(Namespace.of("sales"));
            createNumbers(w, TableId.of("sales", "orders"), 42);
        }
        assertThat(file).exists();
        try (Warehouse w = Warehouses.open(uri)) {
            assertThat(w.listTables(Namespace.of("sales"))).containsExactly(TableId.of("sales", "orders"));
            assertThat(w.describe(TableId.of("sales", "orders")).orElseThrow().rowCount()).isEqualTo(42);
        }
    }

    @Test
    void aMissingFileIsRefusedByReadersWithoutCreatingIt() {
        Path file = dir.resolve("wharehouse.duckdb");
        String uri = "duckdb:" + file;
        assertThatThrownBy(() -> Warehouses.requireExisting(uri)).isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot open warehouse " + uri + ": it does not exist (this command reads a warehouse and does not"
                        + " create one: check the path; meshkit ingest, run and publish stage of a query create it)")
                .extracting(e -> ((MeshkitException) e).exitCode()).isEqualTo(2);
        assertThat(file).doesNotExist();
        assertThat(dir.resolve("missing/dir/w.duckdb")).satisfies(p -> assertThatThrownBy(() -> Warehouses.requireExisting("duckdb:" + p)));
        try (Warehouse w = Warehouses.open(uri)) {
            createNumbers(w, T, 1);
        }
        Warehouses.requireExisting(uri);
        Warehouses.requireExisting("duckdb::memory:");
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() {
        Path relative = Path.of("target", "test-dbs", "relative-" + ProcessHandle.current().pid() + ".duckdb");
        try (Warehouse w = Warehouses.open("duckdb:" + relative)) {
            createNumbers(w, T, 1);
        }
        assertThat(relative.toAbsolutePath()).exists();
    }

    /**
     * A file named after a namespace it holds ({@code shop.duckdb} with {@code shop.customers}): DuckDB named
     * the file's catalog after its stem, which made {@code shop.customers} ambiguous in every statement.
     */
    @Test
    void aFileNamedLikeItsNamespaceWorks() {
        String uri = "duckdb:" + dir.resolve("shop.duckdb");
        TableId customers = TableId.of("shop", "customers");
        try (Warehouse w = Warehouses.open(uri)) {
            w.createNamespace(customers.namespace());
            createNumbers(w, customers, 4);
            assertThat(single(w, "SELECT count(*) FROM shop.customers")).isEqualTo(4L);
            createNumbers(w, TableId.of("shop", "customers__v1"), 2);
            ((io.meshkit.core.warehouse.SupportsPromotion) w).promote(List.of(new io.meshkit.core.warehouse.Promotion(TableId.of("shop", "served"),
                    TableId.of("shop", "customers__v1"))));
            assertThat(single(w, "SELECT count(*) FROM shop.served")).isEqualTo(2L);
        }
        try (Warehouse again = Warehouses.open(uri)) {
            assertThat(again.listTables(Namespace.of("shop"))).extracting(TableId::name).contains("customers", "customers__v1", "served");
            assertThat(again.describe(customers).orElseThrow().rowCount()).isEqualTo(4);
        }
    }

    @Test
    void twoWarehousesOnTheSameFileShareIt() {
        String uri = "duckdb:" + dir.resolve("shared.duckdb");
        Warehouse first = Warehouses.open(uri);
        try (Warehouse second = Warehouses.open(uri)) {
            createNumbers(first, T, 7);
            assertThat(second.describe(T).orElseThrow().rowCount()).isEqualTo(7);
            first.close();
            assertThat(single(second, "SELECT sum(n) FROM main.t")).isEqualTo(new java.math.BigInteger("21"));
            createNumbers(second, TableId.of("main", "u"), 2);
        } finally {
            first.close();
        }
        try (Warehouse again = Warehouses.open(uri)) {
            assertThat(again.listTables(Namespace.of("main"))).extracting(TableId::name).containsExactly("t", "u");
        }
    }

    @Test
    void settingsAreApplied() {
        try (Warehouse w = Warehouses.open("duckdb::memory:", Map.of("memory_limit", "512MiB", "threads", "3"))) {
            assertThat(single(w, "SELECT current_setting('memory_limit')")).isEqualTo("512.0 MiB");
            assertThat(single(w, "SELECT current_setting('threads')")).isEqualTo(3L);
        }
        try (Warehouse w = Warehouses.open("duckdb::memory:", Map.of("memory_limit", "1.5 GB"))) {
            assertThat((String) single(w, "SELECT current_setting('memory_limit')")).endsWith("GiB");
        }
    }

    @Test
    void badSettingsAreRejected() {
        List<Map<String, String>> bad = List.of(Map.of("memory_limit", "lots"), Map.of("memory_limit", "1GB'; DROP TABLE x; --"),
                Map.of("memory_limit", "-1GB"), Map.of("threads", "0"), Map.of("threads", "two"), Map.of("threads", "3; SELECT 1"),
                Map.of("max_memory", "1GB"));
        for (Map<String, String> settings : bad) {
            assertThatThrownBy(() -> Warehouses.open("duckdb::memory:", settings)).as("%s", settings)
                    .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageStartingWith("Cannot open warehouse duckdb::memory:: ");
        }
        assertThatThrownBy(() -> Warehouses.open("duckdb:")).hasMessageStartingWith("Cannot open warehouse duckdb:: no file given");
    }

    @Test
    void operationsAfterCloseFailClearly() {
        Warehouse w = Warehouses.open("duckdb::memory:");
        createNumbers(w, T, 1);
        w.close();
        w.close(); // twice is harmless
        assertThatThrownBy(() -> w.describe(T)).isInstanceOf(WarehouseException.class)
                .hasMessage("Cannot use warehouse duckdb::memory:: it is closed");
        assertThatThrownBy(() -> w.query(Sql.of("SELECT 1"))).isInstanceOf(WarehouseException.class).hasMessageContaining("closed");
    }

    @Test
    void openStreamsAreClosedWithTheWarehouse() {
        Warehouse w = Warehouses.open("duckdb::memory:");
        ResultRows rows = w.query(Sql.of("SELECT range FROM range(100000)"));
        var it = rows.iterator();
        it.next();
        w.close();
        assertThatThrownBy(() -> {
            while (it.hasNext()) {
                it.next();
            }
        }).isInstanceOf(WarehouseException.class).hasMessageStartingWith("Cannot read query result: ");
        rows.close();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void queriesStreamInsteadOfMaterialising() {
        try (Warehouse w = Warehouses.open("duckdb::memory:", Map.of("memory_limit", "256MiB"));
                ResultRows rows = w.query(Sql.of("SELECT range AS n FROM range(10000000000)"))) { // 80 GB if held
            var it = rows.iterator();
            assertThat(it.next().getLong("n")).isZero();
            assertThat(it.next().getLong("n")).isEqualTo(1);
        }
    }

    @Test
    void timestampsWithTimeZoneRenderInUtc() {
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            assertThat(single(w, "SELECT CAST(TIMESTAMPTZ '2024-01-02 03:04:05+02' AS VARCHAR)")).isEqualTo("2024-01-02 01:04:05+00");
        }
    }

    @Test
    void timestampsReadBackExactlyWhateverTheJvmZone() {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            List<Instant> instants = List.of(Instant.parse("2024-03-10T07:58:01.360628Z"), Instant.parse("2024-11-03T06:30:00Z"),
                    Instant.parse("2024-11-03T05:30:00Z"), Instant.parse("1969-12-31T23:59:59.999999Z"));
            List<LocalDateTime> locals = List.of(LocalDateTime.of(2024, 3, 10, 2, 30, 0, 123_456_000), LocalDateTime.of(2024, 11, 3, 1, 30));
            w.execute(Sql.of("CREATE TABLE main.t (tz TIMESTAMPTZ, ts TIMESTAMP)"));
            for (Instant i : instants) {
                w.execute(w.dialect().sql().sql("INSERT INTO main.t VALUES (").bind(i).sql(", NULL)").build());
            }
            for (LocalDateTime l : locals) {
                w.execute(w.dialect().sql().sql("INSERT INTO main.t VALUES (NULL, ").bind(l).sql(")").build());
            }
            List<Object> tz = new ArrayList<>();
            List<Object> ts = new ArrayList<>();
            try (ResultRows rows = w.query(Sql.of("SELECT tz, ts FROM main.t"))) {
                rows.forEach(r -> {
                    if (r.get("tz") != null) {
                        tz.add(r.get("tz"));
                    }
                    if (r.get("ts") != null) {
                        ts.add(r.get("ts"));
                    }
                });
            }
            assertThat(tz).containsExactlyElementsOf(instants);
            assertThat(ts).containsExactlyElementsOf(locals);
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void onlyLocalFilesAreLoaded() {
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            LoadRequest request = new LoadRequest(List.of(URI.create("gs://bucket/landing/x.parquet")), FileFormat.PARQUET, WriteMode.CREATE);
            assertThatThrownBy(() -> w.load(T, request))
                    .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessage("Cannot load table main.t: DuckDB loads only file: URIs, got gs: (download the files first)");
        }
    }

    @Test
    void duckDbValuesAreConvertedToRowTypes() {
        try (Warehouse w = Warehouses.open("duckdb::memory:");
                ResultRows rows = w.query(Sql.of("SELECT 1::TINYINT a, 2::UINTEGER b, 18446744073709551615::UBIGINT c, 1.5::FLOAT d,"
                        + " TIMESTAMP_NS '2024-01-02 03:04:05.123456789' e, TIMESTAMPTZ '2024-01-02 03:04:05+02' f,"
                        + " '{\"a\": 1}'::JSON g, '8d4b0d5a-6a6e-4a43-b1a1-2c2f7a6f0b11'::UUID h, [1, 2] i, INTERVAL 1 DAY j"))) {
            Row r = rows.iterator().next();
            assertThat(r.get("a")).isEqualTo(1L);
            assertThat(r.get("b")).isEqualTo(2L);
            assertThat(r.get("c")).isEqualTo(new BigInteger("18446744073709551615"));
            assertThat(r.get("d")).isEqualTo(1.5d);
            assertThat(r.get("e")).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_789));
            assertThat(r.get("f")).isEqualTo(Instant.parse("2024-01-02T01:04:05Z"));
            assertThat(r.get("g")).isEqualTo("{\"a\": 1}");
            assertThat(r.get("h")).isEqualTo("8d4b0d5a-6a6e-4a43-b1a1-2c2f7a6f0b11");
            assertThat(r.get("i")).isInstanceOf(String.class);
            assertThat(rows.columns().get(2).type()).isEqualTo(DataType.of(DataType.Kind.HUGEINT));
            assertThat(rows.columns().get(8).engineType()).isEqualTo("INTEGER[]");
        }
    }

    @Test
    void typesWithoutAPortableFormAreDescribedAsVarcharWithTheirEngineType() {
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            w.execute(Sql.of("CREATE TABLE main.t (u UNION(n INTEGER, s VARCHAR), d INTERVAL, tags VARCHAR[])"));
            var info = w.describe(T).orElseThrow();
            assertThat(info.columns()).extracting(c -> c.type())
                    .containsExactly(DataType.VARCHAR, DataType.VARCHAR, DataType.array(DataType.VARCHAR)); // a list is nested data
            assertThat(info.columns()).extracting(c -> c.engineType())
                    .containsExactly("UNION(n INTEGER, s VARCHAR)", "INTERVAL", "VARCHAR[]");
        }
    }

    @Test
    void nestedTransactionsJoinTheOuterOne() {
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            SupportsTransactions tx = (SupportsTransactions) w;
            assertThatThrownBy(() -> tx.inTransaction(outer -> {
                createNumbers(outer, T, 3);
                return ((SupportsTransactions) outer).inTransaction(inner -> {
                    createNumbers(inner, TableId.of("main", "u"), 3);
                    throw new IllegalStateException("inner failed");
                });
            })).hasMessage("inner failed");
            assertThat(w.listTables(Namespace.of("main"))).isEmpty();
        }
    }

    @Test
    void aTransactionViewCannotBeUsedAfterItsWork() {
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            Warehouse kept = ((SupportsTransactions) w).inTransaction(view -> view);
            assertThatThrownBy(() -> kept.describe(T)).isInstanceOf(MeshkitException.class).hasMessageContaining("it has ended");
            assertThat(w.describe(T)).isEmpty();
        }
    }

    @Test
    void fileThatIsNotADatabaseGivesAWarehouseError() throws Exception {
        Path notADatabase = Files.writeString(dir.resolve("not-a-database.duckdb"), "this is not a DuckDB file");
        assertThatThrownBy(() -> Warehouses.open("duckdb:" + notADatabase)).isInstanceOf(WarehouseException.class)
                .hasMessageStartingWith("Cannot open warehouse duckdb:" + notADatabase + ": ");
    }
}
