package io.meshkit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.sampling.SamplingValue;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.Promotion;
import io.meshkit.core.warehouse.PromotionPlan;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.RecordField;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.ResultText;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.SupportsScanEstimate;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link Warehouse} must have, as one abstract suite (in the manner of Iceberg's
 * {@code CatalogTests} and Trino's {@code BaseConnectorTest}). A warehouse module's test extends it
 * and implements {@link #createWarehouse()} and {@link #generateSeries(long)}; optional features are
 * switched with the {@code supports*} methods, and tests of a missing feature are skipped through
 * {@link org.junit.jupiter.api.Assumptions}.
 *
 * <p>Lifecycle: {@link #createWarehouse()} is called <b>once per test class</b> (so a remote
 * warehouse is connected once), and closed after the last test. Each test works in a fresh namespace
 * of its own ({@link #namespace()}), whose tables are dropped after the test.
 */
public abstract class WarehouseContractTest extends AbstractWarehouseTest {
    private static final AtomicInteger NAMESPACES = new AtomicInteger();

    private Namespace namespace;
    private final List<Namespace> namespaces = new ArrayList<>();

    /** Opens the warehouse under test; it may hold data of earlier runs but no namespace this suite names. */
    @Override
    protected abstract Warehouse createWarehouse();

    /** A query that returns {@code count} rows with one BIGINT column {@code n} holding 0 to count - 1. */
    protected abstract Sql generateSeries(long count);

    /** Whether the warehouse runs several statements atomically ({@link SupportsTransactions}). */
    protected boolean supportsTransactions() {
        return warehouse().supports(SupportsTransactions.class);
    }

    /** Whether the warehouse loads {@code file:} URIs of the local file system. */
    protected boolean supportsLocalFileLoad() {
        return true;
    }

    /** Whether {@link #exportParquet} can write a Parquet file, so that Parquet loads can be tested. */
    protected boolean supportsParquetExport() {
        return false;
    }

    /** Writes the rows of a query to a local Parquet file; only called when {@link #supportsParquetExport()}. */
    protected void exportParquet(Sql query, Path file) {
        throw new UnsupportedOperationException("no Parquet export");
    }

    /** Whether a table created with an ordered layout returns its rows in that order (DuckDB does). */
    protected boolean keepsInsertionOrder() {
        return false;
    }

    /**
     * The type that {@link Warehouse#describe} reports for a column created with the dialect's
     * spelling of {@code written}. By default the written type without a string or binary length.
     */
    protected DataType expectedDescribedType(DataType written) {
        return switch (written.kind()) {
            case VARCHAR, BINARY -> DataType.of(written.kind());
            default -> written;
        };
    }

    /** This test's own namespace, created before the test. */
    protected final Namespace namespace() {
        return namespace;
    }

    @BeforeEach
    final void createTestNamespace(TestInfo test) {
        namespace = newNamespace(test.getTestMethod().map(m -> m.getName()).orElse("test"));
        warehouse().createNamespace(namespace);
    }

    @AfterEach
    final void dropTestTables() {
        for (Namespace ns : namespaces) {
            warehouse().listTables(ns).forEach(warehouse()::drop);
        }
        namespaces.clear();
    }

    /** A new namespace name, unique in this run; the suite drops its tables after the test. */
    protected final Namespace newNamespace(String hint) {
        String clean = hint.replaceAll("[^A-Za-z0-9_]", "_").toLowerCase(java.util.Locale.ROOT);
        Namespace ns = Namespace.of("mk_" + clean.substring(0, Math.min(30, clean.length())) + "_"
                + ProcessHandle.current().pid() + "_" + NAMESPACES.incrementAndGet());
        namespaces.add(ns);
        return ns;
    }

    private SqlBuilder sql() {
        return warehouse().dialect().sql();
    }

    private TableId table(String name) {
        return namespace.table(name);
    }

    /** Creates a table with {@code n} and {@code g = n % 7} for n in 0..count-1. */
    private TableId numbers(TableId table, long count) {
        warehouse().createTableAs(table, numbersQuery(count), TableLayout.NONE, WriteMode.REPLACE);
        return table;
    }

    private Sql numbersQuery(long count) {
        return sql().sql("SELECT n, mod(n, 7) AS g FROM (").append(generateSeries(count)).sql(") AS s").build();
    }

    private List<Row> all(Sql query) {
        try (ResultRows rows = warehouse().query(query)) {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
        }
    }

    private Object single(Sql query) {
        List<Row> rows = all(query);
        assertThat(rows).hasSize(1);
        return rows.get(0).get(0);
    }

    private long count(TableId t) {
        return ((Number) single(sql().sql("SELECT count(*) FROM ").table(t).build())).longValue();
    }

    private long sumOfN(TableId t) {
        Object v = single(sql().sql("SELECT sum(n) FROM ").table(t).build());
        return v == null ? 0 : ((Number) v).longValue();
    }

    private void createTable(TableId t, Map<String, DataType> columns) {
        SqlBuilder b = sql().sql("CREATE TABLE ").table(t).sql(" (");
        b.join(columns.entrySet(), e -> b.id(ColumnName.of(e.getKey())).sql(" ").type(e.getValue()));
        warehouse().execute(b.sql(")").build());
    }

    // ---------------------------------------------------------------- namespaces and listing

    /** Creating a namespace twice is harmless; listing is sorted, includes views, and is empty for a missing namespace. */
    @Test
    public void createNamespaceTwiceAndListTablesSortedWithViews() {
        warehouse().createNamespace(namespace);
        assertThat(warehouse().listTables(namespace)).isEmpty();
        assertThat(warehouse().listTables(Namespace.of("mk_never_created_" + ProcessHandle.current().pid()))).isEmpty();

        numbers(table("b_table"), 3);
        numbers(table("a_table"), 3);
        warehouse().execute(sql().sql("CREATE VIEW ").table(table("c_view")).sql(" AS SELECT n FROM ").table(table("a_table")).build());

        assertThat(warehouse().listTables(namespace)).containsExactly(table("a_table"), table("b_table"), table("c_view"));
        assertThat(warehouse().describe(table("c_view"))).get().extracting(TableInfo::rowCount).isEqualTo(3L);
    }

    // ---------------------------------------------------------------- create table as select

    /** Every layout (none, ordered, clustered, both) creates the same rows; where insertion order is kept, in layout order. */
    @Test
    public void createTableAsWithEveryLayout() {
        ColumnName n = ColumnName.of("n");
        ColumnName g = ColumnName.of("g");
        List<TableLayout> layouts = List.of(TableLayout.NONE, TableLayout.orderedBy(List.of(n)), TableLayout.clusteredBy(List.of(g)),
                new TableLayout(List.of(g), List.of(n), Optional.empty()));
        for (int i = 0; i < layouts.size(); i++) {
            TableId t = table("layout_" + i);
            QueryStats stats = warehouse().createTableAs(t, numbersQuery(100), layouts.get(i), WriteMode.CREATE);
            assertThat(stats.elapsed()).isGreaterThanOrEqualTo(java.time.Duration.ZERO);
            stats.rowsAffected().ifPresent(r -> assertThat(r).isEqualTo(100));
            assertThat(count(t)).isEqualTo(100);
            assertThat(sumOfN(t)).isEqualTo(4950);
        }
        if (keepsInsertionOrder()) {
            List<Long> clustered = all(sql().sql("SELECT g, n FROM ").table(table("layout_3")).build()).stream()
                    .limit(3).map(r -> r.getLong("n")).toList();
            assertThat(clustered).containsExactly(0L, 7L, 14L);
        }
    }

    /**
     * {@code Dialect.clusters}: a table clusters by a DOUBLE column exactly where the dialect says it can
     * (the sampler clusters by its sampling value there, by an INT64 of the same order elsewhere).
     */
    @Test
    public void clustersByADoubleExactlyWhereTheDialectSaysSo() {
        Sql query = sql().sql("SELECT n, ").append(warehouse().dialect().cast(sql().id(ColumnName.of("n")).build(), DataType.DOUBLE))
                .sql(" AS d FROM (").append(numbersQuery(10)).sql(") AS q").build();
        TableLayout byDouble = TableLayout.clusteredBy(List.of(ColumnName.of("d")));
        if (warehouse().dialect().clusters(DataType.DOUBLE)) {
            warehouse().createTableAs(table("by_double"), query, byDouble, WriteMode.CREATE);
            assertThat(count(table("by_double"))).isEqualTo(10);
        } else {
            assertThatThrownBy(() -> warehouse().createTableAs(table("by_double"), query, byDouble, WriteMode.CREATE))
                    .isInstanceOf(MeshkitException.class);
        }
        assertThat(warehouse().dialect().clusters(DataType.BIGINT)).as("every warehouse clusters by an integer").isTrue();
        warehouse().createTableAs(table("by_integer"), query, TableLayout.clusteredBy(List.of(ColumnName.of("n"))), WriteMode.CREATE);
        assertThat(count(table("by_integer"))).isEqualTo(10);
    }

    /** CREATE refuses an existing table and leaves it alone, REPLACE replaces, APPEND adds or creates. */
    @Test
    public void createTableAsInEveryWriteMode() {
        TableId t = table("modes");
        warehouse().createTableAs(t, numbersQuery(10), TableLayout.NONE, WriteMode.CREATE);
        assertThat(sumOfN(t)).isEqualTo(45);

        MeshkitException exists = catchThrowableOfType(MeshkitException.class,
                () -> warehouse().createTableAs(t, numbersQuery(5), TableLayout.NONE, WriteMode.CREATE));
        assertThat(exists).hasMessageStartingWith("Cannot create table " + t).hasMessageContaining("already exists");
        assertThat(sumOfN(t)).isEqualTo(45);

        warehouse().createTableAs(t, numbersQuery(5), TableLayout.NONE, WriteMode.REPLACE);
        assertThat(count(t)).isEqualTo(5);

        warehouse().createTableAs(t, numbersQuery(3), TableLayout.orderedBy(ColumnName.list("n")), WriteMode.APPEND);
        assertThat(count(t)).isEqualTo(8);
        assertThat(sumOfN(t)).isEqualTo(10 + 3);

        TableId fresh = table("appended_fresh");
        warehouse().createTableAs(fresh, numbersQuery(4), TableLayout.NONE, WriteMode.APPEND);
        assertThat(count(fresh)).isEqualTo(4);

        TableId replacedFresh = table("replaced_fresh");
        warehouse().createTableAs(replacedFresh, numbersQuery(2), TableLayout.NONE, WriteMode.REPLACE);
        assertThat(count(replacedFresh)).isEqualTo(2);
    }

    /**
     * The statements a dry run shows for a replacement ({@code Dialect.replaceTableAs}) run as they are:
     * they replace a table (reading it) and create a missing one.
     */
    @Test
    public void replaceTableAsStatementsRunAsShown() {
        TableId t = numbers(table("replaced_by_statements"), 10);
        Sql readsItself = sql().sql("SELECT n, g FROM ").table(t).sql(" WHERE n < 4").build();
        warehouse().dialect().replaceTableAs(t, readsItself).forEach(warehouse()::execute);
        assertThat(count(t)).isEqualTo(4);
        assertThat(sumOfN(t)).isEqualTo(6);

        TableId missing = table("created_by_statements");
        warehouse().dialect().replaceTableAs(missing, numbersQuery(3)).forEach(warehouse()::execute);
        assertThat(count(missing)).isEqualTo(3);
        assertThat(warehouse().listTables(namespace)).containsExactlyInAnyOrder(t, missing);
    }

    /**
     * The statements a dry run shows for a promotion ({@code SupportsPromotion.planPromotion}) run as
     * they are, in one transaction where the plan says so: production becomes a view over the release
     * that names it, whether production was missing, a promoted view or a plain table. Skipped where
     * the steps are calls of the warehouse's API rather than statements.
     */
    @Test
    public void promotionStatementsRunAsShown() {
        assumeTrue(warehouse().supports(SupportsPromotion.class), "the warehouse does not promote tables");
        SupportsPromotion promotion = (SupportsPromotion) warehouse();
        TableId production = table("promoted_by_statements");
        TableId v1 = numbers(table("promoted_by_statements__v1"), 3);
        TableId v2 = numbers(table("promoted_by_statements__v2"), 5);
        assumeTrue(promotion.planPromotion(List.of(new Promotion(production, v1))).steps().stream().allMatch(s -> s.statement().isPresent()),
                "the warehouse's promotion steps are API calls, not statements");

        runAsShown(promotion.planPromotion(List.of(new Promotion(production, v1))));
        assertThat(promotion.servedRelease(production)).contains(v1);
        assertThat(promotion.servingProduction(v1)).as("the way back").contains(production);
        assertThat(count(production)).isEqualTo(3);

        runAsShown(promotion.planPromotion(List.of(new Promotion(production, v2))));
        assertThat(promotion.servedRelease(production)).contains(v2);
        assertThat(promotion.servingProduction(v2)).contains(production);
        assertThat(promotion.servingProduction(v1)).as("a kept version no production serves").isEmpty();
        assertThat(count(production)).isEqualTo(5);

        warehouse().drop(production);
        numbers(production, 7); // a plain table made otherwise
        assertThat(promotion.servedRelease(production)).isEmpty();
        assertThat(promotion.servingProduction(v2)).isEmpty();
        runAsShown(promotion.planPromotion(List.of(new Promotion(production, v1))));
        assertThat(promotion.servedRelease(production)).contains(v1);
        assertThat(count(production)).isEqualTo(3);
        assertThat(count(v2)).as("a release is never changed").isEqualTo(5);
    }

    /**
     * A plain production table the caller moves aside before promoting (the publisher keeps it beside the release):
     * planned with it as moved aside, the plan is the one read after the move, so a dry run shows no drop of a table
     * the run never drops.
     */
    @Test
    public void aPromotionPlannedWithProductionMovedAsideIsThePlanAfterTheMove() {
        assumeTrue(warehouse().supports(SupportsPromotion.class), "the warehouse does not promote tables");
        SupportsPromotion promotion = (SupportsPromotion) warehouse();
        TableId production = numbers(table("moved_aside"), 4); // a plain table made otherwise
        TableId v1 = numbers(table("moved_aside__v1"), 3);
        List<Promotion> promotions = List.of(new Promotion(production, v1));
        List<String> before = promotion.planPromotion(promotions, java.util.Set.of(production)).lines();
        warehouse().replace(table("moved_aside__before_meshkit"), production);
        assertThat(before).isEqualTo(promotion.planPromotion(promotions).lines());
        runAsShownIfStatements(promotion.planPromotion(promotions, java.util.Set.of(production)));
        assertThat(count(table("moved_aside__before_meshkit"))).as("the moved table is kept").isEqualTo(4);
    }

    private void runAsShownIfStatements(PromotionPlan plan) {
        if (plan.steps().stream().allMatch(s -> s.statement().isPresent())) {
            runAsShown(plan);
        } else {
            ((SupportsPromotion) warehouse()).promote(List.of(new Promotion(table("moved_aside"), table("moved_aside__v1"))));
        }
        assertThat(count(table("moved_aside"))).isEqualTo(3);
    }

    /** Runs a promotion plan's statements as a dry run prints them. */
    private void runAsShown(PromotionPlan plan) {
        List<Sql> statements = plan.steps().stream().map(s -> s.statement().orElseThrow()).toList();
        assertThat(plan.lines()).as("each line is its statement").isEqualTo(statements.stream().map(Sql::text).toList());
        if (plan.commit() == PromotionPlan.Commit.TOGETHER && supportsTransactions()) {
            ((SupportsTransactions) warehouse()).inTransaction(w -> {
                statements.forEach(w::execute);
                return null;
            });
        } else {
            statements.forEach(warehouse()::execute);
        }
    }

    // ---------------------------------------------------------------- describe

    /** A column of each portable type is described (and returned by a query) with that type. */
    @Test
    public void describeRoundTripsEveryPortableType() {
        List<DataType> types = new ArrayList<>();
        for (DataType.Kind kind : DataType.Kind.values()) {
            if (kind.isNested()) {
                continue; // STRUCT, ARRAY and MAP need their parts; each dialect's tests create them
            }
            types.add(kind == DataType.Kind.DECIMAL ? DataType.decimal(18, 3) : DataType.of(kind));
        }
        types.add(DataType.varchar(40));
        Map<String, DataType> columns = new java.util.LinkedHashMap<>();
        for (int i = 0; i < types.size(); i++) {
            columns.put("c" + i + "_" + types.get(i).kind().name().toLowerCase(java.util.Locale.ROOT), types.get(i));
        }
        TableId t = table("all_types");
        createTable(t, columns);

        TableInfo info = warehouse().describe(t).orElseThrow();
        assertThat(info.id()).isEqualTo(t);
        assertThat(info.rowCount()).isZero();
        assertThat(info.columns()).hasSize(types.size());
        for (int i = 0; i < types.size(); i++) {
            ColumnInfo c = info.columns().get(i);
            assertThat(c.name().name()).isEqualToIgnoringCase(List.copyOf(columns.keySet()).get(i));
            assertThat(c.type()).as("described type of %s", types.get(i)).isEqualTo(expectedDescribedType(types.get(i)));
            assertThat(c.engineType()).isNotBlank();
            assertThat(c.nullable()).isTrue();
        }
        try (ResultRows rows = warehouse().query(sql().sql("SELECT * FROM ").table(t).build())) {
            for (int i = 0; i < types.size(); i++) {
                assertThat(rows.columns().get(i).type()).as("query column type of %s", types.get(i))
                        .isEqualTo(expectedDescribedType(types.get(i)));
            }
            assertThat(rows.iterator().hasNext()).isFalse();
        }
    }

    /** Describe reports NOT NULL columns and the row count, and finds columns ignoring case. */
    @Test
    public void describeReportsNullabilityAndRowCount() {
        TableId t = table("nullability");
        warehouse().execute(sql().sql("CREATE TABLE ").table(t).sql(" (").id(ColumnName.of("required"))
                .sql(" ").type(DataType.BIGINT).sql(" NOT NULL, ").id(ColumnName.of("optional"))
                .sql(" ").type(DataType.VARCHAR).sql(")").build());
        warehouse().execute(sql().sql("INSERT INTO ").table(t).sql(" VALUES (").bind(1L).sql(", ").bind(null).sql("), (")
                .bind(2L).sql(", ").bind("x").sql(")").build());

        TableInfo info = warehouse().describe(t).orElseThrow();
        assertThat(info.column(ColumnName.of("REQUIRED"))).get().extracting(ColumnInfo::nullable).isEqualTo(false);
        assertThat(info.column(ColumnName.of("optional"))).get().extracting(ColumnInfo::nullable).isEqualTo(true);
        assertThat(info.rowCount()).isEqualTo(2);
    }

    /**
     * {@link Warehouse#columns} reads the catalog only: it describes a view that fails when its rows are read (a cast
     * of text that is no number), where {@link Warehouse#describe} may count them, and is empty for a missing table.
     */
    @Test
    public void columnsReadsTheCatalogNotTheRows() {
        TableId t = table("columns_only");
        warehouse().execute(sql().sql("CREATE TABLE ").table(t).sql(" (").id(ColumnName.of("id")).sql(" ").type(DataType.BIGINT)
                .sql(", ").id(ColumnName.of("code")).sql(" ").type(DataType.VARCHAR).sql(")").build());
        warehouse().execute(sql().sql("INSERT INTO ").table(t).sql(" VALUES (").bind(1L).sql(", ").bind("not a number").sql(")").build());
        TableId v = table("columns_only_view");
        warehouse().execute(sql().sql("CREATE VIEW ").table(v).sql(" AS SELECT ").id(ColumnName.of("id")).sql(", ").id(ColumnName.of("code"))
                .sql(" FROM ").table(t).sql(" WHERE CAST(").id(ColumnName.of("code")).sql(" AS ").type(DataType.BIGINT).sql(") > 0").build());
        assertThatThrownBy(() -> {
            try (ResultRows rows = warehouse().query(sql().sql("SELECT count(*) AS n FROM ").table(v).build())) {
                rows.iterator().next();
            }
        }).as("reading the view's rows fails").isInstanceOf(WarehouseException.class);

        assertThat(warehouse().columns(v).orElseThrow()).extracting(c -> c.name().name().toLowerCase(java.util.Locale.ROOT))
                .containsExactly("id", "code");
        assertThat(warehouse().columns(t)).contains(warehouse().describe(t).orElseThrow().columns());
        assertThat(warehouse().columns(table("columns_nowhere"))).isEmpty();
    }

    // ---------------------------------------------------------------- query and execute

    /** A 200,000-row result is read row by row without being held. */
    @Test
    public void queryStreamsManyRows() {
        long n = 200_000;
        long rows = 0;
        long sum = 0;
        try (ResultRows result = warehouse().query(sql().sql("SELECT n, n * 2 AS twice FROM (").append(generateSeries(n)).sql(") AS s").build())) {
            assertThat(result.columns()).extracting(c -> c.name().name().toLowerCase(java.util.Locale.ROOT)).containsExactly("n", "twice");
            for (Row row : result) { // rows are not kept: only counted
                rows++;
                sum += row.getLong("n");
                assertThat(row.get(1)).isEqualTo(row.getLong("n") * 2);
            }
            assertThat(result.stats().elapsed()).isPositive();
        }
        assertThat(rows).isEqualTo(n);
        assertThat(sum).isEqualTo(n * (n - 1) / 2);
    }

    /** Where a query's time went (where the warehouse measures it): preparing, executing and reading add up to its elapsed time. */
    @Test
    public void timingOfAQueryAddsUpToItsElapsedTime() {
        for (int run = 0; run < 2; run++) { // the second run may reuse the prepared statement
            ResultRows result = warehouse().query(generateSeries(5000));
            assertThat(result.timing()).isEmpty(); // not before the result is closed
            long n = 0;
            try (result) {
                for (Row ignored : result) {
                    n++;
                }
            }
            assertThat(n).isEqualTo(5000);
            assumeTrue(result.timing().isPresent(), "the warehouse does not measure where the time goes");
            io.meshkit.core.warehouse.StatementTiming t = result.timing().get();
            assertThat(t.rows()).isEqualTo(5000);
            assertThat(t.prepare().isNegative()).isFalse();
            assertThat(t.execute().isNegative()).isFalse();
            assertThat(t.read()).isPositive();
            assertThat(t.prepare().plus(t.execute()).plus(t.read())).isEqualTo(result.stats().elapsed());
        }
    }

    /** Closing a half-read stream releases it; a result iterates once; rows are copies. */
    @Test
    public void closingAStreamEarlyReleasesIt() {
        for (int i = 0; i < 50; i++) { // more than any sane pool: leaked cursors would exhaust it
            try (ResultRows result = warehouse().query(generateSeries(200_000))) {
                Iterator<Row> it = result.iterator();
                Row first = it.next();
                Row second = it.next();
                assertThat(first.getLong("n")).isNotEqualTo(second.getLong("n")); // a row is a copy
                assertThatThrownBy(result::iterator).isInstanceOf(IllegalStateException.class);
            }
        }
        assertThat(single(Sql.of("SELECT 42"))).isEqualTo(42L);
    }

    /** The warehouse is safe for use from several threads. */
    @Test
    public void concurrentQueriesFromManyThreads() throws Exception {
        TableId t = numbers(table("shared"), 1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> sums = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                sums.add(pool.submit(() -> sumOfN(t)));
            }
            for (Future<Long> f : sums) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(499_500L);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A query run again (the warehouse may keep its prepared statement) binds its new values and sees the
     * table as it is now: rows written meanwhile, and a table of other columns under the same name; the
     * same text runs twice in a transaction, and twice at once on two results.
     */
    @Test
    public void aQueryRunAgainSeesNewValuesRowsAndColumns() {
        TableId t = numbers(table("again"), 100);
        java.util.function.LongFunction<Sql> below = limit -> sql().sql("SELECT * FROM ").table(t).sql(" WHERE n < ").bind(limit)
                .sql(" ORDER BY n").build();
        for (long limit = 10; limit > 4; limit--) { // more runs than a driver waits before preparing on the server
            assertThat(all(below.apply(limit))).hasSize((int) limit);
        }
        for (int i = 0; i < 40; i++) { // more texts than a connection keeps statements of
            assertThat(single(sql().sql("SELECT count(*) + ").literal(i).sql(" FROM ").table(t).build())).isEqualTo(100L + i);
        }
        assertThat(all(below.apply(50L))).hasSize(50);
        numbers(t, 200);
        assertThat(all(below.apply(150L))).hasSize(150);
        warehouse().createTableAs(t, sql().sql("SELECT n, g, n * 2 AS twice FROM (").append(numbersQuery(20)).sql(") AS s").build(),
                TableLayout.NONE, WriteMode.REPLACE);
        List<Row> rows = all(below.apply(5L));
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).columns()).extracting(c -> c.name().name().toLowerCase(java.util.Locale.ROOT)).containsExactly("n", "g", "twice");
        assertThat(rows.get(4).getLong("twice")).isEqualTo(8L);
        if (supportsTransactions()) {
            long read = ((SupportsTransactions) warehouse()).inTransaction(w -> {
                long n = 0;
                for (long limit = 3; limit < 5; limit++) {
                    try (ResultRows result = w.query(below.apply(limit))) {
                        for (Row ignored : result) {
                            n++;
                        }
                    }
                }
                return n;
            });
            assertThat(read).isEqualTo(7L);
        }
        try (ResultRows first = warehouse().query(below.apply(6L)); ResultRows second = warehouse().query(below.apply(9L))) {
            List<Row> a = new ArrayList<>();
            List<Row> b = new ArrayList<>();
            first.forEach(a::add);
            second.forEach(b::add);
            assertThat(a).hasSize(6);
            assertThat(b).hasSize(9);
        }
        assertThat(all(below.apply(2L))).hasSize(2);
    }

    /** Each Java type of a Row binds and reads back equal, NULLs and hostile text included. */
    @Test
    public void boundValuesOfEveryRowTypeRoundTrip() {
        Map<String, DataType> columns = new java.util.LinkedHashMap<>();
        columns.put("id", DataType.BIGINT);
        columns.put("b", DataType.BOOLEAN);
        columns.put("l", DataType.BIGINT);
        columns.put("h", DataType.of(DataType.Kind.HUGEINT));
        columns.put("d", DataType.decimal(18, 3));
        columns.put("f", DataType.DOUBLE);
        columns.put("s", DataType.VARCHAR);
        columns.put("bin", DataType.of(DataType.Kind.BINARY));
        columns.put("dt", DataType.DATE);
        columns.put("tm", DataType.of(DataType.Kind.TIME));
        columns.put("ts", DataType.TIMESTAMP);
        columns.put("tz", DataType.TIMESTAMP_TZ);
        columns.put("js", DataType.of(DataType.Kind.JSON));
        columns.put("u", DataType.of(DataType.Kind.UUID));
        TableId t = table("bound");
        createTable(t, columns);

        List<Object> values = Arrays.asList(1L, true, Long.MIN_VALUE, BigInteger.TWO.pow(100).negate(),
                new BigDecimal("-123456789012345.678"), 0.1 + 0.2, "Zoë 東京 🎵 '; DROP TABLE x; --",
                new byte[] {0, -1, 39, 10}, LocalDate.of(1999, 12, 31), LocalTime.of(23, 59, 59, 123_456_000),
                LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_012_000), Instant.parse("2024-03-31T01:30:00.000001Z"),
                "{\"a\":[1,2]}", "8d4b0d5a-6a6e-4a43-b1a1-2c2f7a6f0b11");
        List<Object> nulls = new ArrayList<>(java.util.Collections.nCopies(values.size(), null));
        nulls.set(0, 2L);
        List<Object> empty = new ArrayList<>(nulls);
        empty.set(0, 3L);
        empty.set(6, "");
        List<ColumnInfo> infos = columns.entrySet().stream()
                .map(e -> new ColumnInfo(ColumnName.of(e.getKey()), e.getValue(), e.getValue().toString(), true)).toList();
        DataGenerators.insertRows(warehouse(), t, infos, List.of(values, nulls, empty).iterator());

        List<Row> rows = all(sql().sql("SELECT * FROM ").table(t).sql(" ORDER BY ").id(ColumnName.of("id")).build());
        assertThat(rows).hasSize(3);
        Row r = rows.get(0);
        for (int i = 0; i < values.size(); i++) {
            Object expected = values.get(i);
            Object actual = r.get(i);
            String column = List.copyOf(columns.keySet()).get(i);
            if (expected instanceof BigDecimal d) {
                assertThat((BigDecimal) actual).as(column).isEqualByComparingTo(d);
            } else if (column.equals("js")) {
                assertThat(((String) actual).replaceAll("\\s", "")).as(column).isEqualTo(expected);
            } else {
                assertThat(actual).as(column).isInstanceOf(expected.getClass()).isEqualTo(expected);
            }
        }
        assertThat(rows.get(1).values().subList(1, values.size())).containsOnlyNulls();
        assertThat(rows.get(2).getString("s")).isEmpty();
        assertThat(rows.get(2).get("js")).isNull();
        assertThat(warehouse().describe(t)).isPresent(); // the injected text stayed a value
    }

    /** Keywords, embedded double quotes, spaces and mixed case work as table and column names everywhere. */
    @Test
    public void identifiersThatNeedQuoting() {
        TableId weird = table("weird \"name\"");
        TableId mixed = table("MixedCase_Table");
        ColumnName select = ColumnName.of("select");
        ColumnName mixedColumn = ColumnName.of("MixedCase");
        ColumnName spaced = ColumnName.of("with space");
        Sql query = sql().sql("SELECT n AS ").id(select).sql(", n + 1 AS ").id(mixedColumn).sql(", 'x' AS ").id(spaced)
                .sql(" FROM (").append(generateSeries(3)).sql(") AS s").build();
        warehouse().createTableAs(weird, query, TableLayout.orderedBy(List.of(select, spaced)), WriteMode.CREATE);
        warehouse().createTableAs(mixed, query, TableLayout.clusteredBy(List.of(mixedColumn)), WriteMode.CREATE);

        assertThat(warehouse().listTables(namespace)).containsExactlyInAnyOrder(weird, mixed);
        TableInfo info = warehouse().describe(weird).orElseThrow();
        assertThat(info.columns()).extracting(c -> c.name().name()).containsExactly("select", "MixedCase", "with space");
        assertThat(info.rowCount()).isEqualTo(3);
        List<Row> rows = all(sql().sql("SELECT ").ids(List.of(select, mixedColumn, spaced)).sql(" FROM ").table(weird)
                .sql(" ORDER BY ").id(select).build());
        assertThat(rows).extracting(row -> row.getLong("SELECT")).containsExactly(0L, 1L, 2L);
        assertThat(rows.get(2).getLong("mixedcase")).isEqualTo(3L);

        TableId copy = table("copy of \"weird\"");
        warehouse().copy(weird, copy, WriteMode.CREATE);
        assertThat(count(copy)).isEqualTo(3);
        warehouse().replace(mixed, copy);
        assertThat(warehouse().describe(copy)).isEmpty();
        assertThat(warehouse().drop(weird)).isTrue();
        assertThat(warehouse().listTables(namespace)).containsExactly(mixed);
    }

    // ---------------------------------------------------------------- replace, copy, drop

    /** A reader counting rows during 20 replaces in one namespace sees the old table or the new one, never an error. */
    @Test
    public void replaceInTheSameNamespaceIsAtomicForAConcurrentReader() throws Exception {
        assertReplaceIsAtomic(namespace);
    }

    /** The same, with each candidate in another namespace. */
    @Test
    public void replaceAcrossNamespacesIsAtomicForAConcurrentReader() throws Exception {
        Namespace staging = newNamespace("staging");
        warehouse().createNamespace(staging);
        assertReplaceIsAtomic(staging);
    }

    private void assertReplaceIsAtomic(Namespace stagingNamespace) throws Exception {
        TableId target = numbers(table("published"), 1000);
        Sql countQuery = sql().sql("SELECT count(*) FROM ").table(target).build();
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    seen.add(((Number) single(countQuery)).longValue());
                    reads.incrementAndGet();
                } catch (Throwable e) {
                    errors.add(e);
                }
            }
        }, "contract-reader");
        reader.start();
        try {
            while (reads.get() == 0 && errors.isEmpty()) {
                Thread.onSpinWait();
            }
            for (int i = 1; i <= 20; i++) {
                TableId candidate = stagingNamespace.table("candidate");
                numbers(candidate, 1000 + i);
                warehouse().replace(target, candidate);
                assertThat(warehouse().describe(candidate)).isEmpty();
            }
        } finally {
            done.set(true);
            reader.join(TimeUnit.MINUTES.toMillis(1));
        }
        assertThat(errors).as("reader errors").isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(seen).allSatisfy(c -> assertThat(c).isBetween(1000L, 1020L));
        assertThat(count(target)).isEqualTo(1020);
    }

    /** Replacing with a missing table fails with {@link NoSuchTableException} and changes nothing. */
    @Test
    public void replaceWithAMissingSourceFailsAndKeepsTheTarget() {
        TableId target = numbers(table("kept"), 5);
        TableId missing = table("missing");
        assertThatThrownBy(() -> warehouse().replace(target, missing)).isInstanceOf(NoSuchTableException.class)
                .hasMessageContaining(missing.toString());
        assertThat(count(target)).isEqualTo(5);
    }

    /** Replacing a table that does not exist yet publishes the source under the target name. */
    @Test
    public void replaceCreatesAMissingTarget() {
        TableId candidate = numbers(table("candidate"), 4);
        TableId target = table("first_publication");
        warehouse().replace(target, candidate);
        assertThat(count(target)).isEqualTo(4);
        assertThat(warehouse().describe(candidate)).isEmpty();
    }

    /** Copy honours each write mode and keeps the source. */
    @Test
    public void copyInEveryWriteMode() {
        TableId source = numbers(table("source"), 10);
        TableId target = table("target");
        warehouse().copy(source, target, WriteMode.CREATE);
        assertThat(sumOfN(target)).isEqualTo(45);
        assertThatThrownBy(() -> warehouse().copy(source, target, WriteMode.CREATE)).isInstanceOf(MeshkitException.class)
                .hasMessageContaining("already exists");
        warehouse().copy(source, target, WriteMode.APPEND);
        assertThat(count(target)).isEqualTo(20);
        warehouse().copy(source, target, WriteMode.REPLACE);
        assertThat(count(target)).isEqualTo(10);
        assertThat(count(source)).isEqualTo(10);
    }

    /** Drop removes tables and views and tells whether they existed. */
    @Test
    public void dropTablesAndViews() {
        TableId t = numbers(table("dropped"), 1);
        TableId view = table("dropped_view");
        warehouse().execute(sql().sql("CREATE VIEW ").table(view).sql(" AS SELECT * FROM ").table(t).build());
        assertThat(warehouse().drop(view)).isTrue();
        assertThat(warehouse().drop(view)).isFalse();
        assertThat(warehouse().drop(t)).isTrue();
        assertThat(warehouse().drop(t)).isFalse();
        assertThat(warehouse().drop(table("never_there"))).isFalse();
        assertThat(warehouse().listTables(namespace)).isEmpty();
    }

    /** A missing table is absent from describe, a {@link NoSuchTableException} for copy, and an invalid query in SQL. */
    @Test
    public void missingTables() {
        TableId missing = table("missing");
        assertThat(warehouse().describe(missing)).isEmpty();
        NoSuchTableException e = catchThrowableOfType(NoSuchTableException.class,
                () -> warehouse().copy(missing, table("copy"), WriteMode.CREATE));
        assertThat(e.table()).isEqualTo(missing);
        assertThat(e.code()).isEqualTo(ErrorCode.NO_SUCH_TABLE);
        assertThat(warehouse().describe(table("copy"))).isEmpty();
        WarehouseException q = catchThrowableOfType(WarehouseException.class,
                () -> all(sql().sql("SELECT * FROM ").table(missing).build()));
        assertThat(q.code()).isEqualTo(ErrorCode.INVALID_QUERY);
        assertThat(warehouse().describe(table("missing"))).isEmpty();
    }

    // ---------------------------------------------------------------- load

    /** CSV files written here (quotes, commas, unicode, an apostrophe in the file name) load in each write mode. */
    @Test
    public void loadCsvInEveryWriteMode(@TempDir Path dir) throws IOException {
        assumeTrue(supportsLocalFileLoad(), "the warehouse does not load local files");
        Path first = Files.writeString(dir.resolve("first.csv"), "id,name\n1,Ada\n2,\"Zoë, the \"\"second\"\"\"\n", StandardCharsets.UTF_8);
        Path second = Files.writeString(dir.resolve("it's second.csv"), "id,name\n3,O'Brien\n", StandardCharsets.UTF_8);
        TableId t = table("loaded");

        warehouse().load(t, new LoadRequest(List.of(first.toUri()), FileFormat.CSV, WriteMode.CREATE));
        assertThat(all(sql().sql("SELECT name FROM ").table(t).sql(" ORDER BY id").build()))
                .extracting(r -> r.getString("name")).containsExactly("Ada", "Zoë, the \"second\"");
        assertThatThrownBy(() -> warehouse().load(t, new LoadRequest(List.of(first.toUri()), FileFormat.CSV, WriteMode.CREATE)))
                .isInstanceOf(MeshkitException.class).hasMessageContaining("already exists");

        warehouse().load(t, new LoadRequest(List.of(second.toUri()), FileFormat.CSV, WriteMode.APPEND));
        assertThat(count(t)).isEqualTo(3);
        warehouse().load(t, new LoadRequest(List.of(first.toUri(), second.toUri()), FileFormat.CSV, WriteMode.REPLACE));
        assertThat(count(t)).isEqualTo(3);
        warehouse().load(t, new LoadRequest(List.of(second.toUri()), FileFormat.CSV, WriteMode.REPLACE));
        assertThat(all(sql().sql("SELECT id, name FROM ").table(t).build())).singleElement()
                .satisfies(r -> assertThat(r.getString("name")).isEqualTo("O'Brien"));

        assertThatThrownBy(() -> warehouse().load(t, new LoadRequest(List.of(dir.resolve("absent.csv").toUri()), FileFormat.CSV, WriteMode.REPLACE)))
                .isInstanceOf(MeshkitException.class).hasMessageStartingWith("Cannot load table " + t);
        assertThat(count(t)).isEqualTo(1);
    }

    /**
     * CSV as text: every column a string named by the header, values as written (leading zeros kept),
     * an empty unquoted field NULL and {@code ""} the empty string; the inferred load of the same
     * file types the columns from the values.
     */
    @Test
    public void loadCsvAsText(@TempDir Path dir) throws IOException {
        assumeTrue(supportsLocalFileLoad(), "the warehouse does not load local files");
        Path csv = Files.writeString(dir.resolve("text.csv"), "code,note,n\n007,,1\n010,\"\",2\n\"1,5\",\"a \"\"b\"\"\",3\n",
                StandardCharsets.UTF_8);
        TableId text = table("as_text");
        warehouse().load(text, LoadRequest.csvAsText(List.of(csv.toUri()), WriteMode.REPLACE));
        TableInfo info = warehouse().describe(text).orElseThrow();
        assertThat(info.columns()).extracting(c -> c.name().name()).containsExactly("code", "note", "n");
        assertThat(info.columns()).allSatisfy(c -> assertThat(c.type().kind()).isEqualTo(DataType.Kind.VARCHAR));
        assertThat(all(sql().sql("SELECT code, note FROM ").table(text).sql(" ORDER BY n").build()))
                .extracting(r -> r.getString("code") + "|" + r.getString("note")).containsExactly("007|null", "010|", "1,5|a \"b\"");

        TableId inferred = table("inferred");
        warehouse().load(inferred, new LoadRequest(List.of(csv.toUri()), FileFormat.CSV, WriteMode.REPLACE));
        assertThat(warehouse().describe(inferred).orElseThrow().column(ColumnName.of("n")).orElseThrow().type().isInteger()).isTrue();
    }

    /** Parquet files load; needs {@link #supportsParquetExport()} to write one first. */
    @Test
    public void loadParquet(@TempDir Path dir) {
        assumeTrue(supportsLocalFileLoad() && supportsParquetExport(), "no way to write a Parquet file here");
        Path file = dir.resolve("part 'one'.parquet");
        exportParquet(numbersQuery(100), file);
        TableId t = table("from_parquet");
        warehouse().load(t, new LoadRequest(List.of(file.toUri(), file.toUri()), FileFormat.PARQUET, WriteMode.CREATE));
        assertThat(count(t)).isEqualTo(200);
        assertThat(sumOfN(t)).isEqualTo(2 * 4950);
    }

    /**
     * Where the dialect reads files in place ({@link io.meshkit.core.warehouse.Dialect#scanFiles}), a query over the
     * relation sees every file's rows with the files' own columns, also under a {@code key=value} directory (no
     * column from the path); Parquet loads do the same.
     */
    @Test
    public void scanFilesReadsTheFilesInPlace(@TempDir Path dir) throws IOException {
        assumeTrue(supportsLocalFileLoad() && supportsParquetExport(), "no way to write a Parquet file here");
        Path partition = Files.createDirectories(dir.resolve("snapshot_date=2026-11-23"));
        Path a = partition.resolve("part-00000.parquet");
        Path b = partition.resolve("part-00001.parquet");
        exportParquet(numbersQuery(100), a);
        exportParquet(numbersQuery(10), b);
        List<java.net.URI> files = List.of(a.toUri(), b.toUri());
        Optional<Sql> scan = warehouse().dialect().scanFiles(files, FileFormat.PARQUET);
        assumeTrue(scan.isPresent(), "this warehouse loads files before querying them");
        List<Row> rows = all(sql().sql("SELECT count(*) AS c, sum(n) AS s FROM ").append(scan.get()).sql(" AS f").build());
        assertThat(((Number) rows.get(0).get(0)).longValue()).isEqualTo(110);
        assertThat(((Number) rows.get(0).get(1)).longValue()).isEqualTo(4950 + 45);
        try (ResultRows r = warehouse().query(sql().sql("SELECT * FROM ").append(scan.get()).sql(" AS f").build())) {
            assertThat(r.columns()).extracting(c -> c.name().name()).containsExactly("n", "g");
        }
        TableId loaded = table("from_partition");
        warehouse().load(loaded, new LoadRequest(files, FileFormat.PARQUET, WriteMode.CREATE));
        assertThat(warehouse().describe(loaded).orElseThrow().columns()).extracting(c -> c.name().name()).containsExactly("n", "g");
    }

    /**
     * Where the dialect has a setting for unordered inserts ({@link io.meshkit.core.warehouse.Dialect#unorderedInserts}),
     * it runs, an insert under it keeps every row, and its reset runs after.
     */
    @Test
    public void unorderedInsertsKeepEveryRow() {
        Optional<io.meshkit.core.warehouse.Dialect.SessionSetting> setting = warehouse().dialect().unorderedInserts();
        assumeTrue(setting.isPresent(), "this warehouse's inserts need no setting");
        TableId t = table("unordered");
        warehouse().execute(setting.get().set());
        try {
            warehouse().createTableAs(t, numbersQuery(1000), TableLayout.NONE, WriteMode.CREATE);
        } finally {
            warehouse().execute(setting.get().reset());
        }
        assertThat(count(t)).isEqualTo(1000);
        assertThat(sumOfN(t)).isEqualTo(499_500);
    }

    // ---------------------------------------------------------------- sampling and fingerprints

    /** The dialect's sampling value equals {@link SamplingValue#of(String)} bit for bit for 10,000 integer and string keys. */
    @Test
    public void samplingValueIsIdenticalToJava() {
        Map<String, Double> byKey = new HashMap<>();
        Sql ints = sql().sql("SELECT n, ").append(warehouse().dialect().samplingValue(ColumnName.of("n"))).sql(" AS sv FROM (")
                .append(generateSeries(5000)).sql(") AS s").build();
        for (Row r : all(ints)) {
            long n = r.getLong("n");
            assertThat(Double.doubleToRawLongBits(r.getDouble("sv"))).as("sampling value of %d", n)
                    .isEqualTo(Double.doubleToRawLongBits(SamplingValue.of(n)));
            byKey.put(Long.toString(n), r.getDouble("sv"));
        }

        TableId keys = table("keys");
        createTable(keys, Map.of("k", DataType.VARCHAR));
        List<List<Object>> strings = IntStream.range(0, 5000).mapToObj(i -> List.<Object>of(switch (i % 4) {
            case 0 -> "user-" + i;
            case 1 -> "Zoë 東京 🎵 " + i;
            case 2 -> "'; DROP TABLE x; -- " + i;
            default -> i == 3 ? "" : Integer.toHexString(i * 7919);
        })).toList();
        DataGenerators.insertRows(warehouse(), keys, List.of(new ColumnInfo(ColumnName.of("k"), DataType.VARCHAR, "VARCHAR", true)),
                strings.iterator());
        Sql sv = sql().sql("SELECT k, ").append(warehouse().dialect().samplingValue(ColumnName.of("k"))).sql(" AS sv FROM ").table(keys).build();
        int checked = 0;
        for (Row r : all(sv)) {
            String k = r.getString("k");
            assertThat(Double.doubleToRawLongBits(r.getDouble("sv"))).as("sampling value of '%s'", k)
                    .isEqualTo(Double.doubleToRawLongBits(SamplingValue.of(k)));
            byKey.put(k, r.getDouble("sv"));
            checked++;
        }
        assertThat(checked).isEqualTo(5000);
        assertThat(byKey).hasSize(10_000);
        assertThat(byKey.values()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.0).isLessThan(1.0));
    }

    /** A 1% sample is about 1% and lies inside the 10% sample. */
    @Test
    public void onePercentSampleIsASubsetOfTenPercent() {
        TableId t = numbers(table("population"), 20_000);
        Function<Double, Set<Long>> sample = rate -> all(sql().sql("SELECT n FROM ").table(t).sql(" WHERE ")
                .append(warehouse().dialect().samplingValue(ColumnName.of("n"))).sql(" < ").bind(rate).build())
                .stream().map(r -> r.getLong("n")).collect(Collectors.toSet());
        Set<Long> one = sample.apply(0.01);
        Set<Long> ten = sample.apply(0.10);
        assertThat(one).hasSizeBetween(100, 300);
        assertThat(ten).hasSizeBetween(1700, 2300).containsAll(one);
        assertThat(one).allSatisfy(n -> assertThat(SamplingValue.isSampled(Long.toString(n), 0.01)).isTrue());
    }

    /** Fingerprints are equal exactly when rows are equal: NULL differs from '', and separators inside values are not ambiguous. */
    @Test
    public void rowFingerprintIsEqualExactlyForEqualRows() {
        TableId t = table("fingerprints");
        Map<String, DataType> columns = new java.util.LinkedHashMap<>();
        columns.put("id", DataType.BIGINT);
        columns.put("a", DataType.VARCHAR);
        columns.put("b", DataType.VARCHAR);
        columns.put("c", DataType.BIGINT);
        createTable(t, columns);
        List<List<Object>> rows = List.of(
                Arrays.asList(1L, "a|b", "c", 1L), Arrays.asList(2L, "a", "b|c", 1L), Arrays.asList(3L, null, "x", 1L),
                Arrays.asList(4L, "", "x", 1L), Arrays.asList(5L, "a|b", "c", 1L), Arrays.asList(6L, "~", "x", 1L),
                Arrays.asList(7L, null, null, null), Arrays.asList(8L, "", "", null), Arrays.asList(9L, "a", "b|c", 2L),
                Arrays.asList(10L, "1:a", "x", 1L), Arrays.asList(11L, "a", "x", 1L), Arrays.asList(12L, null, null, null),
                Arrays.asList(13L, "NULL", "x", 1L), Arrays.asList(14L, "a:", "b", 1L), Arrays.asList(15L, "a", ":b", 1L));
        List<ColumnInfo> infos = columns.entrySet().stream()
                .map(e -> new ColumnInfo(ColumnName.of(e.getKey()), e.getValue(), e.getValue().toString(), true)).toList();
        DataGenerators.insertRows(warehouse(), t, infos, rows.iterator());

        Sql query = sql().sql("SELECT id, ").append(warehouse().dialect().rowFingerprint(ColumnName.list("a", "b", "c")))
                .sql(" AS fp FROM ").table(t).build();
        Map<Long, String> fingerprints = new HashMap<>();
        for (Row r : all(query)) {
            fingerprints.put(r.getLong("id"), r.getString("fp"));
        }
        assertThat(fingerprints).hasSize(rows.size()).doesNotContainValue(null);
        for (List<Object> x : rows) {
            for (List<Object> y : rows) {
                boolean equalRows = Objects.equals(x.subList(1, 4), y.subList(1, 4));
                assertThat(fingerprints.get((Long) x.get(0)).equals(fingerprints.get((Long) y.get(0))))
                        .as("fingerprints of rows %s and %s equal", x.get(0), y.get(0)).isEqualTo(equalRows);
            }
        }
    }

    // ---------------------------------------------------------------- engine building blocks

    /** {@code truncateTime} cuts a TIMESTAMP to the start of its hour and of its day, keeping the type. */
    @Test
    public void truncateTimeToHourAndDay() {
        TableId t = filled("times", List.of(column("ts", DataType.TIMESTAMP)),
                List.of(List.of(LocalDateTime.parse("2024-03-05T13:45:12.345678"))));
        Sql ts = sql().id(ColumnName.of("ts")).build();
        Row r = all(sql().sql("SELECT ").append(warehouse().dialect().truncateTime(ts, io.meshkit.core.contract.TimeResolution.HOUR))
                .sql(" AS h, ").append(warehouse().dialect().truncateTime(ts, io.meshkit.core.contract.TimeResolution.DAY)).sql(" AS d FROM ")
                .table(t).build()).get(0);
        assertThat(ResultText.value(r.get("h"))).isEqualTo("2024-03-05 13:00:00");
        assertThat(ResultText.value(r.get("d"))).isEqualTo("2024-03-05 00:00:00");
    }

    /** {@code cast}, {@code text}, {@code hex} and {@code displayText} write values as documented. */
    @Test
    public void valuesAsText() {
        TableId t = filled("texts", List.of(column("i", DataType.BIGINT), column("d", DataType.DATE), column("s", DataType.VARCHAR),
                column("b", DataType.of(DataType.Kind.BINARY))),
                List.of(List.of(-42L, LocalDate.parse("2024-03-05"), "Zoë 東京", new byte[] {0x0a, (byte) 0xff, 0x00})));
        var d = warehouse().dialect();
        Row r = all(sql().sql("SELECT ").append(d.text(ref("i"), DataType.BIGINT)).sql(" AS ti, ").append(d.text(ref("d"), DataType.DATE))
                .sql(" AS td, ").append(d.text(ref("s"), DataType.VARCHAR)).sql(" AS ts, ").append(d.hex(ref("b"))).sql(" AS hb, ")
                .append(d.displayText(ref("b"), DataType.of(DataType.Kind.BINARY))).sql(" AS db, ")
                .append(d.displayText(ref("i"), DataType.BIGINT)).sql(" AS di, ")
                .append(d.cast(ref("i"), DataType.DOUBLE)).sql(" AS ci FROM ").table(t).build()).get(0);
        assertThat(r.getString("ti")).isEqualTo("-42");
        assertThat(r.getString("td")).isEqualTo("2024-03-05");
        assertThat(r.getString("ts")).isEqualTo("Zoë 東京");
        assertThat(r.getString("hb")).isEqualTo("0AFF00");
        assertThat(r.getString("db")).isEqualTo("0AFF00");
        assertThat(r.getString("di")).isEqualTo("-42");
        assertThat(r.getDouble("ci")).isEqualTo(-42.0);
    }

    /**
     * Where the dialect says two types are {@code comparable}, {@code IS DISTINCT FROM} runs on them
     * and is false for equal values: every pair of a value with itself, and the two timestamp types
     * holding one instant.
     */
    @Test
    public void comparableTypesCompareWithIsDistinctFrom() {
        TableId t = table("comparable");
        Map<String, DataType> types = new java.util.LinkedHashMap<>();
        types.put("i", DataType.BIGINT);
        types.put("n", DataType.decimal(10, 2));
        types.put("s", DataType.VARCHAR);
        types.put("d", DataType.DATE);
        types.put("ts", DataType.TIMESTAMP);
        types.put("tz", DataType.TIMESTAMP_TZ);
        types.put("j", DataType.of(DataType.Kind.JSON));
        List<ColumnInfo> columns = types.entrySet().stream().map(e -> new ColumnInfo(ColumnName.of(e.getKey()), e.getValue(), "", true)).toList();
        warehouse().execute(warehouse().dialect().createTableIfNotExists(t, columns));
        SqlBuilder insert = sql().sql("INSERT INTO ").table(t).sql(" VALUES (").bind(7L).sql(", ").bind(new BigDecimal("1.50")).sql(", ")
                .bind("x").sql(", ").bind(LocalDate.parse("2024-03-05")).sql(", ").bind(LocalDateTime.parse("2024-03-05T13:45:12"))
                .sql(", ").bind(Instant.parse("2024-03-05T13:45:12Z")).sql(", ");
        insert.append(parseJson("{\"a\":1}")).sql(")");
        warehouse().execute(insert.build());
        int checked = 0;
        for (ColumnInfo a : columns) {
            for (ColumnInfo b : columns) {
                boolean sameValue = a == b || a.name().name().startsWith("t") && b.name().name().startsWith("t");
                if (!sameValue || !warehouse().dialect().comparable(a.type(), b.type())) {
                    continue;
                }
                Object distinct = single(sql().sql("SELECT ").id(a.name()).sql(" IS DISTINCT FROM ").id(b.name()).sql(" FROM ").table(t).build());
                assertThat(distinct).as("%s IS DISTINCT FROM %s", a.name(), b.name()).isEqualTo(false);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }

    /** A JSON value from its text, as this warehouse writes one into a JSON column (a bound string where it converts). */
    protected Sql parseJson(String json) {
        return sql().bind(json).build();
    }

    /** {@code countIf} and {@code countDistinctIf} count the rows, and the distinct tuples, where a condition holds. */
    @Test
    public void conditionalCounts() {
        TableId t = numbers(table("counted"), 100);
        var d = warehouse().dialect();
        Sql even = sql().sql("mod(").id(ColumnName.of("n")).sql(", 2) = 0").build();
        Sql g = ref("g");
        Sql half = sql().sql("mod(").id(ColumnName.of("n")).sql(", 2)").build();
        Row r = all(sql().sql("SELECT ").append(d.countIf(even)).sql(" AS evens, ").append(d.countIf(Sql.of("1 = 0"))).sql(" AS none, ")
                .append(d.countDistinctIf(List.of(g), even)).sql(" AS grouped, ")
                .append(d.countDistinctIf(List.of(g, half), Sql.of("1 = 1"))).sql(" AS pairs FROM ").table(t).build()).get(0);
        assertThat(r.getLong("evens")).isEqualTo(50);
        assertThat(r.getLong("none")).isZero();
        assertThat(r.getLong("grouped")).isEqualTo(7);
        assertThat(r.getLong("pairs")).isEqualTo(14);
    }

    /** {@code firstRowsJson} gives the first rows by the order where a condition holds, as a JSON array of objects. */
    @Test
    public void firstRowsAsJson() throws IOException {
        TableId t = numbers(table("first_rows"), 50);
        var d = warehouse().dialect();
        List<ColumnName> fields = ColumnName.list("k", "label");
        List<Sql> values = List.of(ref("n"), d.text(ref("g"), DataType.BIGINT));
        Sql odd = sql().sql("mod(").id(ColumnName.of("n")).sql(", 2) = 1").build();
        Row r = all(sql().sql("SELECT ").append(d.firstRowsJson(fields, values, List.of(ref("g"), ref("n")), 3, odd)).sql(" AS firsts, ")
                .append(d.firstRowsJson(fields, values, List.of(ref("n")), 3, Sql.of("1 = 0"))).sql(" AS nothing FROM ").table(t).build()).get(0);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.getString("firsts"));
        assertThat(json.isArray()).isTrue();
        List<String> rows = new ArrayList<>();
        json.forEach(e -> rows.add(e.get("k").asLong() + ":" + e.get("label").asText()));
        // odd n with the smallest (g, n): g = n % 7 is 0 for 7, 21, 35; then 1 for 1, 15, ...
        assertThat(rows).containsExactly("7:0", "21:0", "35:0");
        String nothing = r.getString("nothing");
        assertThat(nothing == null || nothing.equals("[]") || nothing.equals("null")).as("no rows: %s", nothing).isTrue();
    }

    /**
     * Rows {@code collect}ed into one list in an aggregate come back as a table through {@code unnest},
     * given the same typed fields: each field under its name, of its type; an empty list gives no row.
     */
    @Test
    public void collectedRowsUnnestAsATable() {
        TableId t = numbers(table("collected"), 30);
        var d = warehouse().dialect();
        List<RecordField> fields = List.of(RecordField.of("num", DataType.BIGINT), RecordField.of("grp", DataType.BIGINT),
                RecordField.of("label", DataType.VARCHAR), RecordField.of("odd", DataType.BOOLEAN));
        List<Sql> values = List.of(ref("n"), ref("g"), d.text(ref("n"), DataType.BIGINT),
                sql().sql("mod(").id(ColumnName.of("n")).sql(", 2) = 1").build());
        Sql threes = sql().sql("mod(").id(ColumnName.of("n")).sql(", 3) = 0").build();
        Sql query = sql().sql("WITH c AS (SELECT ").append(d.collect(fields, values, threes)).sql(" AS picked FROM ").table(t)
                .sql(") SELECT u.num, u.grp, u.label, u.odd FROM ")
                .append(d.unnest(Sql.of("c"), ColumnName.of("picked"), fields, Sql.of("u"))).sql(" ORDER BY u.num").build();
        List<String> rows = all(query).stream().map(r -> r.getLong("num") + "/" + r.getLong("grp") + "/" + r.getString("label") + "/"
                + r.getBoolean("odd")).toList();
        assertThat(rows).containsExactlyElementsOf(IntStream.range(0, 10)
                .mapToObj(i -> (3 * i) + "/" + (3 * i % 7) + "/" + (3 * i) + "/" + (i % 2 == 1)).toList());
        Sql empty = sql().sql("WITH c AS (SELECT ").append(d.collect(fields, values, Sql.of("1 = 0"))).sql(" AS none FROM ").table(t)
                .sql(") SELECT u.num FROM ").append(d.unnest(Sql.of("c"), ColumnName.of("none"), fields, Sql.of("u"))).build();
        assertThat(all(empty)).as("an empty collection unnests to no row").isEmpty();
    }

    /** {@code rowHash} is equal for equal lists of values (NULLs included) and differs for the rows here that differ. */
    @Test
    public void rowHashIsEqualForEqualValues() {
        List<List<Object>> rows = List.of(Arrays.asList(1L, "a", 1L), Arrays.asList(2L, "a", 1L), Arrays.asList(3L, "a", 2L),
                Arrays.asList(4L, null, 1L), Arrays.asList(5L, "", 1L), Arrays.asList(6L, null, null), Arrays.asList(7L, null, null),
                Arrays.asList(8L, "b", 1L));
        TableId t = filled("hashed", List.of(column("id", DataType.BIGINT), column("a", DataType.VARCHAR), column("c", DataType.BIGINT)), rows);
        var d = warehouse().dialect();
        Map<Long, Object> hashes = new HashMap<>();
        for (Row r : all(sql().sql("SELECT id, ").append(d.rowHash(List.of(ref("a"), ref("c")))).sql(" AS h, ").append(d.rowHash(List.of()))
                .sql(" AS e FROM ").table(t).build())) {
            hashes.put(r.getLong("id"), r.get("h"));
            assertThat(r.get("e")).isNotNull();
        }
        for (List<Object> x : rows) {
            for (List<Object> y : rows) {
                assertThat(hashes.get((Long) x.get(0)).equals(hashes.get((Long) y.get(0))))
                        .as("hashes of rows %s and %s equal", x.get(0), y.get(0)).isEqualTo(Objects.equals(x.subList(1, 3), y.subList(1, 3)));
            }
        }
    }

    /**
     * The canonical text (see {@link CanonicalText}) of every kind of value, byte for byte as
     * documented (MySQL's own text of each), and the digest of the rows' texts: the MD5 of the texts
     * joined by U+001D, computed here in Java.
     */
    @Test
    public void canonicalTextIsAsDocumented() {
        TableId t = filled("canonical", List.of(new ColumnInfo(ColumnName.of("id"), DataType.BIGINT, "", false),
                column("flag", DataType.BOOLEAN), column("day", DataType.DATE), column("at", DataType.TIMESTAMP),
                column("instant", DataType.TIMESTAMP_TZ), column("name", DataType.VARCHAR), column("bytes", DataType.of(DataType.Kind.BINARY)),
                column("amount", DataType.decimal(10, 3)), column("score", DataType.DOUBLE)), List.of(
                Arrays.<Object>asList(1L, true, LocalDate.parse("2024-03-05"), LocalDateTime.parse("2024-03-05T13:45:12.345678"),
                        Instant.parse("2024-03-05T13:45:12.5Z"), " Zoë Ab ", new byte[] {0x0a, (byte) 0xff}, new BigDecimal("2.345"), 0.1),
                Arrays.<Object>asList(2L, false, LocalDate.parse("1999-12-31"), LocalDateTime.parse("2024-03-05T00:00:00"),
                        Instant.parse("1970-01-01T00:00:00Z"), "", new byte[0], new BigDecimal("-2.345"), -1.25),
                Arrays.<Object>asList(3L, null, null, null, null, null, null, new BigDecimal("7"), 1e20)));
        TableInfo info = warehouse().describe(t).orElseThrow();
        CanonicalText ct = warehouse().dialect().canonicalText();
        CanonicalText.Rules exact = CanonicalText.Rules.EXACT;
        CanonicalText.Rules loose = new CanonicalText.Rules(3, true, true);
        java.util.function.BiFunction<String, CanonicalText.Form, CanonicalText.Column> col = (name, form) ->
                CanonicalText.Column.of(info.column(ColumnName.of(name)).orElseThrow(), form);
        CanonicalText.Form nativeForm = CanonicalText.Form.NATIVE;
        List<Sql> select = List.of(
                ct.value(ref("id"), col.apply("id", nativeForm), exact),
                ct.value(ref("flag"), col.apply("flag", nativeForm), exact),
                ct.value(ref("day"), col.apply("day", nativeForm), exact),
                ct.value(ref("at"), col.apply("at", nativeForm), exact),
                ct.value(ref("at"), col.apply("at", nativeForm), loose),
                ct.value(ref("instant"), col.apply("instant", nativeForm), exact),
                ct.value(ref("instant"), col.apply("instant", nativeForm), new CanonicalText.Rules(0, false, false)),
                ct.value(ref("name"), col.apply("name", nativeForm), exact),
                ct.value(ref("name"), col.apply("name", nativeForm), loose),
                ct.value(ref("bytes"), col.apply("bytes", nativeForm), exact),
                ct.value(ref("amount"), col.apply("amount", new CanonicalText.Form(CanonicalText.Form.Mode.DECIMAL, 2)), exact),
                ct.value(ref("score"), col.apply("score", new CanonicalText.Form(CanonicalText.Form.Mode.FLOAT, 2)), exact),
                ct.value(ref("amount"), col.apply("amount", nativeForm), exact));
        SqlBuilder b = sql().sql("SELECT ");
        for (int i = 0; i < select.size(); i++) {
            b.sql(i == 0 ? "" : ", ").append(ct.asText(select.get(i))).sql(" AS ").id(ColumnName.of("v" + i));
        }
        List<List<String>> texts = new ArrayList<>();
        for (Row r : all(b.sql(" FROM ").table(t).sql(" ORDER BY id").build())) {
            List<String> row = new ArrayList<>();
            for (int i = 0; i < select.size(); i++) {
                row.add(r.getString("v" + i));
            }
            texts.add(row);
        }
        // a decimal's native text has every digit of the scale the warehouse describes (DECIMAL(10,3), or a wider one it maps to)
        int scale = info.column(ColumnName.of("amount")).orElseThrow().type().scale();
        java.util.function.Function<String, String> scaled = v -> new BigDecimal(v).setScale(scale).toPlainString();
        assertThat(texts.get(0)).containsExactly("1", "1", "2024-03-05", "2024-03-05 13:45:12.345678", "2024-03-05 13:45:12.345",
                "2024-03-05 13:45:12.500000", "2024-03-05 13:45:12", " Zoë Ab ", "zoë ab", "0AFF", "2.35", "10", scaled.apply("2.345"));
        assertThat(texts.get(1)).containsExactly("2", "0", "1999-12-31", "2024-03-05 00:00:00.000000", "2024-03-05 00:00:00.000",
                "1970-01-01 00:00:00.000000", "1970-01-01 00:00:00", "", "", "", "-2.35", "-125", scaled.apply("-2.345"));
        assertThat(texts.get(2)).containsExactly("3", null, null, null, null, null, null, null, null, null, "7.00", "e66:12207031250000000",
                scaled.apply("7"));

        // the rows' texts (NULL marked), and the digest of all three in key order
        List<CanonicalText.Column> key = List.of(col.apply("id", nativeForm));
        List<CanonicalText.Column> compared = List.of(col.apply("flag", nativeForm), col.apply("name", nativeForm),
                col.apply("amount", new CanonicalText.Form(CanonicalText.Form.Mode.DECIMAL, 2)));
        Sql rowText = ct.rowText(key, compared, exact, c -> sql().id(c.name()).build());
        List<String> rowTexts = new ArrayList<>();
        for (Row r : all(sql().sql("SELECT ").append(ct.asText(rowText)).sql(" AS t FROM ").table(t).sql(" ORDER BY id").build())) {
            rowTexts.add(r.getString("t"));
        }
        assertThat(rowTexts).containsExactly("1\u001e1\u001e Zoë Ab \u001e2.35", "2\u001e0\u001e\u001e-2.35", "3\u001e\u001f\u001e\u001f\u001e7.00");
        Object digest = single(sql().sql("SELECT ").append(ct.digest(rowText, List.of(ref("id")))).sql(" AS d FROM ").table(t).build());
        assertThat(digest).isEqualTo(md5Hex(String.join("\u001d", rowTexts)));
    }

    /** The integer arithmetic that splits key ranges: division toward zero and the remainder. */
    @Test
    public void canonicalTextArithmetic() {
        TableId t = numbers(table("arithmetic"), 20);
        CanonicalText ct = warehouse().dialect().canonicalText();
        Sql q = sql().sql("SELECT n, ").append(ct.integerDivision(ref("n"), Sql.of("6"))).sql(" AS q, ").append(ct.remainder(ref("n"), Sql.of("6")))
                .sql(" AS r FROM ").table(t).build();
        for (Row r : all(q)) {
            long n = r.getLong("n");
            assertThat(((Number) r.get("q")).longValue()).as("%d / 6", n).isEqualTo(n / 6);
            assertThat(((Number) r.get("r")).longValue()).as("%d %% 6", n).isEqualTo(n % 6);
        }
    }

    /**
     * Where the warehouse estimates scans: an estimate of a table with rows is positive, does not
     * shrink with more columns read, and is no more for a low bound (a 1% sample) than for all rows.
     */
    @Test
    public void scanEstimates() {
        assumeTrue(warehouse().supports(SupportsScanEstimate.class), "the warehouse does not estimate scans");
        SupportsScanEstimate estimates = (SupportsScanEstimate) warehouse();
        TableId t = table("scanned");
        warehouse().createTableAs(t, sql().sql("SELECT n, g, ").append(warehouse().dialect().samplingValue(ColumnName.of("n")))
                .sql(" AS sv FROM (").append(numbersQuery(5000)).sql(") AS x").build(), TableLayout.NONE, WriteMode.REPLACE);
        TableInfo info = warehouse().describe(t).orElseThrow();
        ColumnName sv = ColumnName.of("sv");
        long oneColumn = estimates.estimateScanBytes(info, Set.of(sv), sv, 2.0).orElseThrow();
        long three = estimates.estimateScanBytes(info, Set.of(sv, ColumnName.of("n"), ColumnName.of("g")), sv, 2.0).orElseThrow();
        long sampled = estimates.estimateScanBytes(info, Set.of(sv, ColumnName.of("n"), ColumnName.of("g")), sv, 0.01).orElseThrow();
        assertThat(oneColumn).isPositive();
        assertThat(three).isGreaterThanOrEqualTo(oneColumn);
        assertThat(sampled).isBetween(0L, three);
    }

    private static ColumnInfo column(String name, DataType type) {
        return new ColumnInfo(ColumnName.of(name), type, "", true);
    }

    /** A new table of this test's namespace with these columns and rows (values bound). */
    private TableId filled(String name, List<ColumnInfo> columns, List<? extends List<?>> rows) {
        TableId t = table(name);
        warehouse().execute(warehouse().dialect().createTableIfNotExists(t, columns));
        DataGenerators.insertRows(warehouse(), t, columns, rows.stream().map(r -> (List<Object>) new ArrayList<Object>(r)).iterator());
        return t;
    }

    private Sql ref(String column) {
        return sql().id(ColumnName.of(column)).build();
    }

    private static String md5Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- transactions

    /** A transaction whose work throws leaves no trace, and the exception reaches the caller unchanged. */
    @Test
    public void transactionRollbackLeavesNothing() {
        assumeTrue(supportsTransactions(), "the warehouse has no transactions");
        SupportsTransactions tx = (SupportsTransactions) warehouse();
        TableId existing = numbers(table("existing"), 3);
        TableId created = table("created_then_rolled_back");
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> tx.inTransaction(w -> {
            w.createTableAs(created, numbersQuery(5), TableLayout.NONE, WriteMode.CREATE);
            w.execute(sql().sql("DELETE FROM ").table(existing).build());
            assertThat(w.describe(created)).isPresent();
            throw boom;
        })).isSameAs(boom);
        assertThat(warehouse().describe(created)).isEmpty();
        assertThat(count(existing)).isEqualTo(3);
    }

    /** Work in a transaction is invisible to other connections until it commits, then all of it is visible. */
    @Test
    public void transactionCommitShowsEverythingAtOnce() {
        assumeTrue(supportsTransactions(), "the warehouse has no transactions");
        SupportsTransactions tx = (SupportsTransactions) warehouse();
        TableId a = table("tx_a");
        TableId b = table("tx_b");
        String result = tx.inTransaction(w -> {
            w.createTableAs(a, numbersQuery(2), TableLayout.NONE, WriteMode.CREATE);
            w.createTableAs(b, numbersQuery(3), TableLayout.NONE, WriteMode.CREATE);
            assertThat(warehouse().describe(a)).as("visible outside before commit").isEmpty();
            try (ResultRows rows = w.query(sql().sql("SELECT count(*) FROM ").table(b).build())) {
                assertThat(rows.iterator().next().getLong(rows.columns().get(0).name().name())).isEqualTo(3);
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(count(a)).isEqualTo(2);
        assertThat(count(b)).isEqualTo(3);
    }

    // ---------------------------------------------------------------- errors

    /** Bad SQL is an {@link ErrorCode#INVALID_QUERY}; no error message contains a bound value. */
    @Test
    public void badSqlIsAnInvalidQueryWithoutBoundValues() {
        String secret = "secret-4711-value";
        WarehouseException syntax = catchThrowableOfType(WarehouseException.class,
                () -> warehouse().query(sql().sql("SELEC ").bind(secret).build()));
        assertThat(syntax.code()).isEqualTo(ErrorCode.INVALID_QUERY);
        assertThat(syntax).hasMessageStartingWith("Cannot ").hasMessageNotContaining(secret).hasCauseInstanceOf(Exception.class);
        assertThat(syntax.getMessage()).doesNotContain("\n");

        WarehouseException execute = catchThrowableOfType(WarehouseException.class,
                () -> warehouse().execute(sql().sql("INSERT INTO ").table(table("nowhere")).sql(" VALUES (").bind(secret).sql(")").build()));
        assertThat(execute.code()).isEqualTo(ErrorCode.INVALID_QUERY);
        assertThat(execute).hasMessageNotContaining(secret);

        TableId t = table("typed");
        createTable(t, Map.of("n", DataType.BIGINT));
        WarehouseException conversion = catchThrowableOfType(WarehouseException.class,
                () -> warehouse().execute(sql().sql("INSERT INTO ").table(t).sql(" VALUES (CAST(").bind(secret).sql(" AS ")
                        .type(DataType.BIGINT).sql("))").build()));
        assertThat(conversion).hasMessageStartingWith("Cannot ").hasMessageNotContaining(secret).hasMessageNotContaining("4711");
        assertThat(count(t)).isZero();
    }

    // ---------------------------------------------------------------- statements through query

    /** A statement without rows can be run through {@code query}: no columns, no rows. */
    @Test
    public void queryRunsStatementsWithoutRows() {
        TableId t = table("made_by_query");
        try (ResultRows rows = warehouse().query(sql().sql("CREATE TABLE ").table(t).sql(" AS ").append(numbersQuery(3)).build())) {
            assertThat(rows.columns()).isEmpty();
            assertThat(rows.iterator().hasNext()).isFalse();
        }
        assertThat(count(t)).isEqualTo(3);
    }

    // ---------------------------------------------------------------- run log

    /** A clock the tests move by hand. */
    protected static final class ManualClock extends java.time.Clock {
        private volatile Instant now;

        public ManualClock(Instant start) {
            this.now = start;
        }

        public void advance(java.time.Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private String uniqueDataset(String name) {
        return namespace.name() + "." + name;
    }

    /** Runs are recorded at start and finish, and listed newest first. */
    @Test
    public void runLogRecordsRuns() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00.123456Z"));
        io.meshkit.core.runlog.RunLog log = new io.meshkit.core.runlog.WarehouseRunLog(warehouse(), clock);
        String dataset = uniqueDataset("tracks");
        var first = log.startRun("ingest", dataset);
        assertThat(first.status()).isEqualTo(io.meshkit.core.runlog.RunStatus.RUNNING);
        clock.advance(java.time.Duration.ofSeconds(90));
        var done = log.finishRun(first.runId(), io.meshkit.core.runlog.RunOutcome.succeeded(1234));
        assertThat(done.status()).isEqualTo(io.meshkit.core.runlog.RunStatus.SUCCEEDED);
        assertThat(done.startedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123456Z"));
        assertThat(done.endedAt()).contains(Instant.parse("2026-11-23T10:01:30.123456Z"));
        assertThat(done.rows()).hasValue(1234);
        clock.advance(java.time.Duration.ofHours(1));
        var second = log.startRun("ingest", dataset);
        log.finishRun(second.runId(), io.meshkit.core.runlog.RunOutcome.failed("Cannot connect to source db:3306: timed out"));
        assertThat(log.runs(dataset, 10)).extracting(io.meshkit.core.runlog.RunRecord::runId).containsExactly(second.runId(), first.runId());
        assertThat(log.runs(dataset, 1).get(0).message()).contains("Cannot connect to source db:3306: timed out");
        assertThat(log.runs(uniqueDataset("other"), 10)).isEmpty();
        assertThat(log.run(first.runId())).contains(done);
    }

    /**
     * A dataset is one key in the run log however a tool spells its table ({@code ns.Tracks} and
     * {@code ns.tracks} are one dataset), and rows an older meshkit wrote in the table's own case are
     * migrated on first use, so their history stays with the dataset.
     */
    @Test
    public void runLogKeysDatasetsInLowerCaseAndMigratesOlderRows() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
        var first = new io.meshkit.core.runlog.WarehouseRunLog(warehouse(), clock);
        first.initialise();
        String key = uniqueDataset("tracks");
        String mixed = namespace.name() + ".Tracks";
        // as scd-builder wrote it before: the production table as the contract spells it
        warehouse().execute(sql().sql("INSERT INTO ").table(io.meshkit.core.runlog.WarehouseRunLog.RUNS)
                .sql(" (run_id, tool, dataset, started_at, ended_at, status, message) VALUES (")
                .binds(List.of("older-run", "scd", mixed, LocalDateTime.of(2026, 11, 22, 10, 0), LocalDateTime.of(2026, 11, 22, 10, 1),
                        "FAILED", "candidate failed 1 SCD2 check(s)")).sql(")").build());
        warehouse().execute(sql().sql("DELETE FROM ").table(io.meshkit.core.runlog.MetaSchema.VERSIONS)
                .sql(" WHERE component = ").bind("run_log").build());

        io.meshkit.core.runlog.RunLog log = new io.meshkit.core.runlog.WarehouseRunLog(warehouse(), clock);
        var scd = log.startRun("scd", mixed);
        assertThat(scd.dataset()).isEqualTo(key);
        log.finishRun(scd.runId(), io.meshkit.core.runlog.RunOutcome.succeeded(12));
        clock.advance(java.time.Duration.ofMinutes(1));
        var publish = log.startRun("publish", key);
        log.finishRun(publish.runId(), io.meshkit.core.runlog.RunOutcome.succeeded(12));

        assertThat(log.runs(key, 10)).extracting(io.meshkit.core.runlog.RunRecord::runId)
                .containsExactly(publish.runId(), scd.runId(), "older-run");
        assertThat(log.runs(mixed, 10)).extracting(io.meshkit.core.runlog.RunRecord::runId)
                .containsExactly(publish.runId(), scd.runId(), "older-run");
        List<String> seen = new ArrayList<>();
        log.forEachDatasetActivity(Instant.EPOCH, 10, a -> {
            if (a.dataset().toLowerCase(java.util.Locale.ROOT).startsWith(namespace.name() + ".")) {
                seen.add(a.dataset() + " " + a.runCount());
            }
        });
        assertThat(seen).containsExactly(key + " 3");
        var lease = log.acquireLease(mixed, "publish by alice", java.time.Duration.ofMinutes(10));
        assertThat(log.currentLease(key)).contains(lease);
    }

    /** Publications are recorded and listed newest first. */
    @Test
    public void runLogRecordsPublications() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
        io.meshkit.core.runlog.RunLog log = new io.meshkit.core.runlog.WarehouseRunLog(warehouse(), clock);
        String dataset = uniqueDataset("tracks");
        var v1 = new io.meshkit.core.runlog.Publication(dataset, 1, "1.0.0", table("tracks"), 10, "abc", clock.instant(), "ci", "run-1");
        var v2 = new io.meshkit.core.runlog.Publication(dataset, 2, "1.1.0", table("tracks"), 12, "def", clock.instant().plusSeconds(60), "ci",
                "run-2");
        log.recordPublication(v1);
        log.recordPublication(v2);
        assertThat(log.publications(dataset, 10)).containsExactly(v2, v1);
    }

    /** A lease is exclusive until released or expired, and the loser learns who holds it since when. */
    @Test
    public void runLogLeasesAreExclusive() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T10:00:00Z"));
        io.meshkit.core.runlog.RunLog log = new io.meshkit.core.runlog.WarehouseRunLog(warehouse(), clock);
        String dataset = uniqueDataset("tracks");
        var lease = log.acquireLease(dataset, "publish by alice", java.time.Duration.ofMinutes(10));
        var held = catchThrowableOfType(io.meshkit.core.runlog.LeaseHeldException.class,
                () -> log.acquireLease(dataset, "publish by bob", java.time.Duration.ofMinutes(10)));
        assertThat(held.code()).isEqualTo(ErrorCode.LEASE_HELD);
        assertThat(held).hasMessage("Cannot lock dataset " + dataset + ": it is held by publish by alice since 2026-11-23T10:00:00Z"
                + " (expires 2026-11-23T10:10:00Z)");
        assertThat(log.currentLease(dataset)).contains(lease);
        log.releaseLease(lease);
        assertThat(log.currentLease(dataset)).isEmpty();
        var bobs = log.acquireLease(dataset, "publish by bob", java.time.Duration.ofMinutes(10));
        // bob's process dies; after expiry the lease is taken over
        clock.advance(java.time.Duration.ofMinutes(11));
        var carols = log.acquireLease(dataset, "publish by carol", java.time.Duration.ofMinutes(10));
        assertThat(log.currentLease(dataset)).contains(carols);
        log.releaseLease(bobs); // releasing an expired, taken-over lease changes nothing
        assertThat(log.currentLease(dataset)).contains(carols);
        assertThat(log.acquireLease(uniqueDataset("other"), "x", java.time.Duration.ofMinutes(1))).isNotNull();
    }

    /** Of many processes racing for one lease, exactly one wins. */
    @Test
    public void runLogLeaseRaceHasOneWinner() throws Exception {
        for (int round = 0; round < 10; round++) {
            leaseRace(round);
        }
    }

    private void leaseRace(int round) throws Exception {
        io.meshkit.core.runlog.RunLog log = io.meshkit.core.runlog.WarehouseRunLog.of(warehouse());
        String dataset = uniqueDataset("raced_" + round);
        log.currentLease(dataset); // create the tables before the race
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String holder = "racer-" + i;
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        log.acquireLease(dataset, holder, java.time.Duration.ofMinutes(5));
                        return true;
                    } catch (io.meshkit.core.runlog.LeaseHeldException e) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int winners = 0;
            for (var f : results) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(log.currentLease(dataset)).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A user's query ended as people end a file (a final {@code ;}, a comment on its last line, both, a
     * comment holding a {@code )}) runs inside a larger statement, as a subquery and as the select of
     * CREATE TABLE ... AS, once {@link Sql#ofUserQuery} has it; a {@code --} in a string stays in it.
     */
    @Test
    public void aUsersQueryRunsWrappedHoweverItEnds() {
        String select = "SELECT 'a--b' AS s, 1 AS n";
        for (String end : List.of(";", " -- one row", "; -- one row", ";\n-- one\n-- row\n", " /* ) ; */", "; /* one row */",
                " -- closes ) ;")) {
            Sql query = Sql.ofUserQuery(select + end, warehouse().dialect());
            List<Row> rows = all(sql().sql("SELECT * FROM (").append(query).sql(") AS wrapped").build());
            assertThat(rows).as(end).singleElement().satisfies(r -> assertThat(r.get(0)).isEqualTo("a--b"));
            warehouse().createTableAs(table("wrapped"), query, TableLayout.NONE, WriteMode.REPLACE);
            assertThat(all(sql().sql("SELECT s FROM ").table(table("wrapped")).build())).as(end).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- quality checks

    private static final String QUALITY_CONTRACT = String.join("\n",
            "apiVersion: v3.1.0",
            "kind: DataContract",
            "id: urn:test:tracks",
            "version: 1.0.0",
            "status: active",
            "schema:",
            "  - name: tracks",
            "    customProperties:",
            "      - {property: meshkit.kind, value: dimension}",
            "    quality:",
            "      - {metric: rowCount, mustBeGreaterThan: 0}",
            "    properties:",
            "      - {name: track_id, logicalType: integer, physicalType: bigint, primaryKey: true}",
            "      - {name: title, logicalType: string, required: true}",
            "      - name: genre",
            "        logicalType: string",
            "        quality:",
            "          - metric: invalidValues",
            "            arguments: {validValues: [rock, pop]}",
            "            mustBe: 0",
            "          - {metric: nullValues, unit: percent, mustBeLessThan: 50, severity: warning}",
            "      - {name: valid_from, logicalType: timestamp}",
            "      - {name: valid_to, logicalType: timestamp}",
            "      - {name: is_current, logicalType: boolean}",
            "");

    private TableId tracksTable(String name, List<List<Object>> rows) {
        TableId t = table(name);
        warehouse().execute(warehouse().dialect().createTableIfNotExists(t, List.of(
                new ColumnInfo(ColumnName.of("track_id"), DataType.BIGINT, "", true),
                new ColumnInfo(ColumnName.of("title"), DataType.VARCHAR, "", true),
                new ColumnInfo(ColumnName.of("genre"), DataType.VARCHAR, "", true),
                new ColumnInfo(ColumnName.of("valid_from"), DataType.TIMESTAMP, "", true),
                new ColumnInfo(ColumnName.of("valid_to"), DataType.TIMESTAMP, "", true),
                new ColumnInfo(ColumnName.of("is_current"), DataType.BOOLEAN, "", true))));
        for (List<Object> r : rows) {
            warehouse().execute(sql().sql("INSERT INTO ").table(t).sql(" VALUES (").binds(r).sql(")").build());
        }
        return t;
    }

    private static List<Object> track(long id, String title, String genre, String from, String to, boolean current) {
        return Arrays.asList(id, title, genre, LocalDateTime.parse(from), LocalDateTime.parse(to), current);
    }

    private static final String OPEN = "9999-12-31T00:00";

    private Map<String, io.meshkit.core.quality.CheckResult> runQuality(TableId t) {
        return runQuality(t, warehouse());
    }

    /** Runs the contract's checks through {@code through} (the warehouse, or a wrapper of it). */
    private Map<String, io.meshkit.core.quality.CheckResult> runQuality(TableId t, Warehouse through) {
        io.meshkit.core.contract.Contract contract = io.meshkit.core.contract.ContractReader.create()
                .parse("tracks.odcs.yaml", QUALITY_CONTRACT).orThrow();
        var dataset = contract.datasets().get(0);
        var checks = io.meshkit.core.quality.QualityChecks.forDataset(dataset, t, warehouse().dialect());
        Map<String, io.meshkit.core.quality.CheckResult> byId = new java.util.LinkedHashMap<>();
        for (var r : new io.meshkit.core.quality.QualityRunner(through).run(t, checks)) {
            byId.merge(r.check() + ":" + r.target(), r, (a, b) -> {
                throw new AssertionError("two results for " + r.check() + ":" + r.target());
            });
        }
        return byId;
    }

    /** A clean dimension passes every check the contract implies. */
    @Test
    public void qualityChecksPassOnACleanDimension() {
        TableId t = tracksTable("clean", List.of(
                track(1, "Longer, Better, Stronger Passwords", "rock", "2019-02-05T00:00", OPEN, true),
                track(2, "Think Before You Click", "pop", "2019-02-05T00:00", "2019-05-01T00:00", false),
                track(2, "Think Before You Click (On My Heart)", null, "2019-05-01T00:00", OPEN, true)));
        var results = runQuality(t);
        assertThat(results.keySet()).containsExactly("primary_key_unique:track_id, valid_from", "primary_key_not_null:track_id, valid_from",
                "required_not_null:title", "row_count:tracks", "invalid_values:genre", "null_values:genre", "scd2_valid_range:track_id",
                "scd2_current_flag:track_id", "scd2_no_overlap:track_id", "scd2_one_current:track_id");
        assertThat(results.values()).allSatisfy(r -> assertThat(r.status()).as(r.check()).isEqualTo(io.meshkit.core.quality.CheckStatus.PASSED));
        assertThat(results.get("null_values:genre").observed()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("33.33333333333333"));
        assertThat(results.get("row_count:tracks").observed()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("3"));
    }

    /** Planted problems fail their checks, with the offending keys as samples. */
    @Test
    public void qualityChecksFindPlantedProblems() {
        TableId t = tracksTable("dirty", List.of(
                track(1, "a", "rock", "2019-01-01T00:00", OPEN, true),
                track(1, "a again", "rock", "2019-01-01T00:00", OPEN, true),       // duplicate version, two current
                track(2, null, "jazz", "2019-01-01T00:00", "2019-03-01T00:00", false), // null title, invalid genre
                track(2, "b", null, "2019-02-01T00:00", OPEN, true),               // overlaps the version before
                track(3, "c", null, "2019-05-01T00:00", "2019-04-01T00:00", false),  // ends before it starts
                track(4, "d", null, "2019-01-01T00:00", OPEN, false)));             // open but not current
        var results = runQuality(t);
        var failed = io.meshkit.core.quality.CheckStatus.FAILED;
        assertThat(results.get("primary_key_unique:track_id, valid_from").status()).isEqualTo(failed);
        assertThat(results.get("primary_key_unique:track_id, valid_from").sampleKeys()).containsExactly("1, 2019-01-01T00:00");
        assertThat(results.get("required_not_null:title").status()).isEqualTo(failed);
        assertThat(results.get("required_not_null:title").sampleKeys()).containsExactly("2, 2019-01-01T00:00");
        assertThat(results.get("invalid_values:genre").observed()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
        assertThat(results.get("null_values:genre").status()).isEqualTo(io.meshkit.core.quality.CheckStatus.WARNED); // 50% is not < 50
        assertThat(results.get("scd2_valid_range:track_id").sampleKeys()).containsExactly("3, 2019-05-01T00:00");
        assertThat(results.get("scd2_current_flag:track_id").sampleKeys()).containsExactly("4, 2019-01-01T00:00");
        assertThat(results.get("scd2_no_overlap:track_id").status()).isEqualTo(failed);
        assertThat(results.get("scd2_no_overlap:track_id").sampleKeys()).contains("2");
        assertThat(results.get("scd2_one_current:track_id").sampleKeys()).containsExactly("1");
        assertThat(results.get("row_count:tracks").status()).isEqualTo(io.meshkit.core.quality.CheckStatus.PASSED);
        assertThat(results.values()).allSatisfy(r -> assertThat(r.passed()).isEqualTo(r.status() != failed));
    }

    /**
     * The same planted problems with the key classified as personal data: every check that shows
     * sample keys (the library checks and all four SCD2 checks) shows the key as {@code ***}.
     */
    @Test
    public void everyCheckMasksAPersonalDataKey() {
        TableId t = tracksTable("dirty_personal", List.of(
                track(1, "a", "rock", "2019-01-01T00:00", OPEN, true),
                track(1, "a again", "rock", "2019-01-01T00:00", OPEN, true),
                track(2, null, "jazz", "2019-01-01T00:00", "2019-03-01T00:00", false),
                track(2, "b", null, "2019-02-01T00:00", OPEN, true),
                track(3, "c", null, "2019-05-01T00:00", "2019-04-01T00:00", false),
                track(4, "d", null, "2019-01-01T00:00", OPEN, false)));
        String personal = QUALITY_CONTRACT.replace("primaryKey: true}", "primaryKey: true, classification: restricted}");
        var dataset = io.meshkit.core.contract.ContractReader.create().parse("tracks.odcs.yaml", personal).orThrow().datasets().get(0);
        var results = new io.meshkit.core.quality.QualityRunner(warehouse())
                .run(t, io.meshkit.core.quality.QualityChecks.forDataset(dataset, t, warehouse().dialect()));
        List<String> shown = new ArrayList<>();
        for (var r : results) {
            shown.addAll(r.sampleKeys());
        }
        assertThat(results.stream().filter(r -> !r.sampleKeys().isEmpty()).map(r -> r.check()))
                .contains("primary_key_unique", "required_not_null", "scd2_valid_range", "scd2_current_flag", "scd2_no_overlap",
                        "scd2_one_current");
        assertThat(shown).isNotEmpty().allSatisfy(k -> assertThat(k).startsWith("***").doesNotContainPattern("^[1-4]\\b"));
    }

    /**
     * A null among an ODCS rule's listed values (the standard's own example lists {@code validValues:
     * ["", null, "n/a"]}): NULL is matched by IS NULL, and the listed strings still count.
     */
    @Test
    public void aNullAmongTheListedValuesOfARuleIsNotAnError() {
        TableId t = tracksTable("listed_null", List.of(
                track(1, "a", "rock", "2019-01-01T00:00", OPEN, true),
                track(2, "b", "jazz", "2019-01-01T00:00", OPEN, true),
                track(3, "c", null, "2019-01-01T00:00", OPEN, true),
                track(4, "d", "", "2019-01-01T00:00", OPEN, true),
                track(5, "e", "pop", "2019-01-01T00:00", OPEN, true)));
        String listed = QUALITY_CONTRACT.replace("arguments: {validValues: [rock, pop]}", "arguments: {validValues: [rock, null, \"\"]}")
                .replace("- {metric: nullValues, unit: percent, mustBeLessThan: 50, severity: warning}",
                        "- {metric: missingValues, arguments: {missingValues: [null, \"\"]}, mustBeLessThan: 3}");
        var dataset = io.meshkit.core.contract.ContractReader.create().parse("tracks.odcs.yaml", listed).orThrow().datasets().get(0);
        Map<String, io.meshkit.core.quality.CheckResult> byCheck = new java.util.HashMap<>();
        for (var r : new io.meshkit.core.quality.QualityRunner(warehouse())
                .run(t, io.meshkit.core.quality.QualityChecks.forDataset(dataset, t, warehouse().dialect()))) {
            byCheck.put(r.check() + ":" + r.target(), r);
        }
        assertThat(byCheck.get("invalid_values:genre").observed()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("2"));
        assertThat(byCheck.get("invalid_values:genre").sampleKeys()).containsExactly("2, 2019-01-01T00:00", "5, 2019-01-01T00:00");
        assertThat(byCheck.get("missing_values:genre").observed()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("2"));
        assertThat(byCheck.get("missing_values:genre").status()).isEqualTo(io.meshkit.core.quality.CheckStatus.PASSED);
    }

    private static final String PK = "primary_key_unique:track_id, valid_from";
    private static final String PK_NULL = "primary_key_not_null:track_id, valid_from";
    private static final String RANGE = "scd2_valid_range:track_id";
    private static final String FLAG = "scd2_current_flag:track_id";
    private static final String OVERLAP = "scd2_no_overlap:track_id";
    private static final String ONE_CURRENT = "scd2_one_current:track_id";

    /**
     * Each SCD2 invariant broken on its own beside a clean key: exactly the checks it breaks fail,
     * with their counts and sample keys; primary_key_unique and scd2_one_current, which are only
     * run when a cheaper check observed something, still report every duplicate and every key
     * with two current versions.
     */
    @Test
    public void eachPlantedScd2ViolationFailsItsChecksWithItsKeys() {
        List<Object> clean = track(1, "a", "rock", "2019-01-01T00:00", OPEN, true);
        // a version repeated with the same valid_from (closed versions, so no second current one)
        assertFailures(tracksTable("dup_version", List.of(clean,
                track(5, "e", "rock", "2019-01-01T00:00", "2019-02-01T00:00", false),
                track(5, "e again", "rock", "2019-01-01T00:00", "2019-03-01T00:00", false))),
                Map.of(PK, List.of("5, 2019-01-01T00:00"), OVERLAP, List.of("5")), Map.of(PK, 1L, OVERLAP, 1L));
        // two current versions one after the other, and two with a closed one between them
        assertFailures(tracksTable("two_current", List.of(clean,
                track(6, "f", "rock", "2019-01-01T00:00", OPEN, true),
                track(6, "f2", "rock", "2019-02-01T00:00", OPEN, true),
                track(7, "g", "rock", "2019-01-01T00:00", OPEN, true),
                track(7, "g2", "rock", "2019-02-01T00:00", "2019-03-01T00:00", false),
                track(7, "g3", "rock", "2019-03-01T00:00", OPEN, true))),
                Map.of(ONE_CURRENT, List.of("6", "7"), OVERLAP, List.of("6", "7")), Map.of(ONE_CURRENT, 2L, OVERLAP, 2L));
        // a closed version still flagged current: no overlap, yet two current versions
        assertFailures(tracksTable("closed_current", List.of(clean,
                track(8, "h", "rock", "2019-01-01T00:00", "2019-02-01T00:00", true),
                track(8, "h2", "rock", "2019-02-01T00:00", OPEN, true))),
                Map.of(FLAG, List.of("8, 2019-01-01T00:00"), ONE_CURRENT, List.of("8")), Map.of(FLAG, 1L, ONE_CURRENT, 1L));
        // an open version not flagged current
        assertFailures(tracksTable("open_not_current", List.of(clean,
                track(9, "i", "rock", "2019-01-01T00:00", OPEN, false))),
                Map.of(FLAG, List.of("9, 2019-01-01T00:00")), Map.of(FLAG, 1L));
        // a version that ends before it starts
        assertFailures(tracksTable("bad_range", List.of(clean,
                track(10, "j", "rock", "2019-03-01T00:00", "2019-02-01T00:00", false))),
                Map.of(RANGE, List.of("10, 2019-03-01T00:00")), Map.of(RANGE, 1L));
        // two versions overlapping in time with different starts, one current
        assertFailures(tracksTable("overlap", List.of(clean,
                track(11, "k", "rock", "2019-01-01T00:00", "2019-03-01T00:00", false),
                track(11, "k2", "rock", "2019-02-01T00:00", OPEN, true))),
                Map.of(OVERLAP, List.of("11")), Map.of(OVERLAP, 1L));
        // the same key and a NULL valid_from twice: NULL keys group together, as GROUP BY groups them
        assertFailures(tracksTable("null_from", List.of(clean,
                Arrays.asList(12L, "l", "rock", null, LocalDateTime.parse(OPEN), true),
                Arrays.asList(12L, "l2", "rock", null, LocalDateTime.parse(OPEN), true))),
                Map.of(PK, List.of("12, null"), PK_NULL, List.of("12, null", "12, null"), RANGE, List.of("12, null", "12, null"),
                        ONE_CURRENT, List.of("12")),
                Map.of(PK, 1L, PK_NULL, 2L, RANGE, 2L, ONE_CURRENT, 1L));
    }

    private void assertFailures(TableId t, Map<String, List<String>> samples, Map<String, Long> observed) {
        var results = runQuality(t);
        for (String scd2 : List.of(PK, PK_NULL, RANGE, FLAG, OVERLAP, ONE_CURRENT)) {
            var r = results.get(scd2);
            boolean fails = samples.containsKey(scd2);
            assertThat(r.status()).as(t.name() + " " + scd2).isEqualTo(fails ? io.meshkit.core.quality.CheckStatus.FAILED
                    : io.meshkit.core.quality.CheckStatus.PASSED);
            assertThat(r.observed()).as(t.name() + " " + scd2)
                    .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(BigDecimal.valueOf(observed.getOrDefault(scd2, 0L))));
            assertThat(r.sampleKeys()).as(t.name() + " " + scd2).containsExactlyElementsOf(samples.getOrDefault(scd2, List.of()));
        }
    }

    /**
     * The GROUP BYs of primary_key_unique and scd2_one_current are not run on a dimension whose
     * valid_range, current_flag and no_overlap checks pass (they cannot fail then), and are run as
     * soon as one of those fails.
     */
    @Test
    public void impliedScd2ChecksRunOnlyWhenACheapCheckFails() {
        List<String> queries = new CopyOnWriteArrayList<>();
        Warehouse recording = (Warehouse) java.lang.reflect.Proxy.newProxyInstance(Warehouse.class.getClassLoader(),
                new Class<?>[] {Warehouse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("query")) {
                        queries.add(((Sql) args[0]).text());
                    }
                    try {
                        return method.invoke(warehouse(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TableId clean = tracksTable("clean_dim", List.of(
                track(1, "a", "rock", "2019-01-01T00:00", "2019-02-01T00:00", false),
                track(1, "a2", "rock", "2019-02-01T00:00", OPEN, true),
                track(2, "b", "pop", "2019-01-01T00:00", OPEN, true)));
        assertThat(runQuality(clean, recording).values()).allSatisfy(r -> assertThat(r.passed()).isTrue());
        assertThat(queries).noneMatch(q -> q.contains("GROUP BY"));
        assertThat(queries).anyMatch(q -> q.contains("LEAD("));

        queries.clear();
        TableId dirty = tracksTable("dirty_dim", List.of(
                track(1, "a", "rock", "2019-01-01T00:00", OPEN, true),
                track(1, "a2", "rock", "2019-02-01T00:00", OPEN, true)));
        var results = runQuality(dirty, recording);
        assertThat(queries).anyMatch(q -> q.contains("GROUP BY") && q.contains("HAVING") && q.contains("WHERE"))
                .anyMatch(q -> q.contains("GROUP BY") && q.contains("valid_from"));
        assertThat(results.get(ONE_CURRENT).sampleKeys()).containsExactly("1");
        assertThat(results.get(PK).status()).isEqualTo(io.meshkit.core.quality.CheckStatus.PASSED);
    }
}
