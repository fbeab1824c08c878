package io.meshkit.warehousebigquery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.cloud.bigquery.CopyJobConfiguration;
import com.google.cloud.bigquery.FormatOptions;
import com.google.cloud.bigquery.JobConfiguration;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryJobConfiguration;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.FileFormat;
import io.meshkit.core.warehouse.LoadRequest;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SupportsDryRun;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.SupportsRunLabels;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the BigQuery warehouse asks of BigQuery: job configurations, retries, labels, layouts, costs. */
class BigQueryWarehouseTest {
    private static final String URI_ = "bigquery:meshkit-test/EU";
    private static final Namespace MUSIC = Namespace.of("music");

    private FakeBigQueryClient fake;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private BigQueryWarehouse warehouse;

    @BeforeEach
    void open() {
        fake = new FakeBigQueryClient();
        BigQuerySettings settings = BigQuerySettings.parse(URI_, Map.of("run_id", "run-42", "max_attempts", "3", "initial_backoff_ms", "100",
                "max_backoff_ms", "150"));
        warehouse = new BigQueryWarehouse(URI_, settings, fake,
                new Retry(settings.maxAttempts(), settings.initialBackoff(), settings.maxBackoff(), pauses::add));
        warehouse.createNamespace(MUSIC);
    }

    private TableId numbers(String name, long count) {
        TableId t = MUSIC.table(name);
        warehouse.createTableAs(t, Sql.of("SELECT n, MOD(n, 7) AS g FROM (" + BigQueryWarehouseContractTest.series(count).text() + ")"),
                TableLayout.NONE, WriteMode.REPLACE);
        return t;
    }

    private static com.google.cloud.bigquery.BigQueryException rateLimit() {
        return FakeBigQueryClient.error(403, "rateLimitExceeded", "Exceeded rate limits: too many table update operations");
    }

    @Test
    void datasetsAreCreatedInTheWarehouseLocation() {
        assertThat(fake.location("music")).isEqualTo("EU");
        warehouse.createNamespace(MUSIC); // twice is harmless
    }

    @Test
    void everyJobCarriesTheRunIdLabel() {
        TableId t = numbers("t", 10);
        warehouse.copy(t, MUSIC.table("c"), WriteMode.CREATE);
        warehouse.withRunId("run-43").execute(Sql.of("DELETE FROM `music`.`t` WHERE n < 5"));
        List<Map<String, String>> labels = fake.jobs.stream().map(BigQueryWarehouseTest::labels).toList();
        assertThat(labels).hasSizeGreaterThanOrEqualTo(3);
        assertThat(labels.subList(0, labels.size() - 1)).allSatisfy(l -> assertThat(l).containsEntry(BigQueryWarehouse.RUN_ID_LABEL, "run-42"));
        assertThat(labels.get(labels.size() - 1)).containsEntry(BigQueryWarehouse.RUN_ID_LABEL, "run-43");
        assertThat(fake.jobs).anyMatch(j -> j instanceof CopyJobConfiguration);
    }

    @Test
    void forRunLabelsTheJobsWithTheRunIdMadeALabelValue() {
        Warehouse run = SupportsRunLabels.forRun(warehouse, "Nightly Run 2026/11:A");
        assertThat(run).isInstanceOf(BigQueryWarehouse.class);
        assertThat(run.supports(SupportsPromotion.class)).isTrue();
        fake.jobs.clear();
        run.execute(Sql.of("SELECT 1"));
        assertThat(labels(fake.jobs.get(0))).containsEntry(BigQueryWarehouse.RUN_ID_LABEL, "nightly_run_2026_11_a");
        String uuid = UUID.randomUUID().toString();
        assertThat(warehouse.forRun(uuid).settings().runId()).contains(uuid); // the run log's ids pass unchanged
        assertThat(warehouse.forRun("x".repeat(100)).settings().runId().orElseThrow()).hasSize(63);
        assertThatThrownBy(() -> warehouse.forRun(" ")).isInstanceOf(IllegalArgumentException.class);

        run.close(); // a view: the client stays open for the warehouse it came from
        assertThat(fake.closed).isFalse();
        warehouse.execute(Sql.of("SELECT 1"));
        assertThat(labels(fake.jobs.get(fake.jobs.size() - 1))).containsEntry(BigQueryWarehouse.RUN_ID_LABEL, "run-42");
        warehouse.close();
        assertThat(fake.closed).isTrue();
    }

    @Test
    void forRunOnAWarehouseWithoutRunLabelsIsThatWarehouse() {
        Warehouse plain = (Warehouse) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Warehouse.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        assertThat(SupportsRunLabels.forRun(plain, "run-1")).isSameAs(plain);
    }

    private static Map<String, String> labels(JobConfiguration job) {
        if (job instanceof QueryJobConfiguration q) {
            return q.getLabels();
        }
        if (job instanceof CopyJobConfiguration c) {
            return c.getLabels();
        }
        return ((LoadJobConfiguration) job).getLabels();
    }

    @Test
    void rateLimitsAreRetriedWithGrowingBackoff() {
        fake.failNext(rateLimit(), rateLimit());
        try (ResultRows rows = warehouse.query(Sql.of("SELECT 42 AS answer"))) {
            assertThat(rows.iterator().next().getLong("answer")).isEqualTo(42);
        }
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(75), Duration.ofMillis(150)); // doubled, capped at 150
    }

    @Test
    void aRateLimitThatPersistsFailsAsAWarehouseFailure() {
        fake.failNext(rateLimit(), rateLimit(), rateLimit());
        WarehouseException e = catchThrowableOfType(WarehouseException.class, () -> warehouse.execute(Sql.of("SELECT 1")));
        assertThat(e.code()).isEqualTo(ErrorCode.WAREHOUSE_FAILURE);
        assertThat(e.exitCode()).isEqualTo(3);
        assertThat(e).hasMessageStartingWith("Cannot execute statement: Exceeded rate limits");
        assertThat(pauses).hasSize(2); // three attempts
    }

    @Test
    void otherErrorsAreNotRetried() {
        fake.failNext(FakeBigQueryClient.error(400, "invalidQuery", "Syntax error"));
        WarehouseException e = catchThrowableOfType(WarehouseException.class, () -> warehouse.execute(Sql.of("SELECT 1")));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_QUERY);
        assertThat(pauses).isEmpty();
        warehouse.execute(Sql.of("SELECT 1"));
    }

    @Test
    void createTableAsClustersAndPartitions() {
        Sql events = Sql.of("SELECT n AS user_id, MOD(n, 3) AS kind, DATETIME_ADD(DATETIME '2026-11-01 00:00:00', INTERVAL n HOUR) AS played_at,"
                + " DATE_ADD(DATE '2026-11-01', INTERVAL MOD(n, 30) DAY) AS day FROM (" + BigQueryWarehouseContractTest.series(100).text() + ")");
        TableLayout byTime = new TableLayout(ColumnName.list("kind"), ColumnName.list("user_id"), Optional.of(ColumnName.of("played_at")));
        warehouse.createTableAs(MUSIC.table("events"), events, byTime, WriteMode.CREATE);
        assertThat(fake.clustering("music", "events")).containsExactly("`kind`", "`user_id`");
        assertThat(fake.partitioning("music", "events")).isEqualTo("PARTITION BY DATE(`played_at`)");
        assertThat(warehouse.describe(MUSIC.table("events")).orElseThrow().rowCount()).isEqualTo(100);

        warehouse.createTableAs(MUSIC.table("daily"), events, new TableLayout(List.of(), List.of(), Optional.of(ColumnName.of("day"))),
                WriteMode.REPLACE);
        assertThat(fake.partitioning("music", "daily")).isEqualTo("PARTITION BY `day`");

        assertThatThrownBy(() -> warehouse.createTableAs(MUSIC.table("bad"), events,
                new TableLayout(List.of(), List.of(), Optional.of(ColumnName.of("user_id"))), WriteMode.CREATE))
                .isInstanceOf(MeshkitException.class).hasMessage("Cannot partition by user_id: BigQuery partitions by a DATE, DATETIME or"
                        + " TIMESTAMP column, not INT64");
        assertThat(warehouse.describe(MUSIC.table("bad"))).isEmpty();
    }

    @Test
    void createTableAsClustersByAnInt64NotByAFloat64() {
        // BigQuery cannot cluster by FLOAT64 (the fake refuses as BigQuery does): the dialect says so, and
        // a sampling value's INT64 of the same order (its 53-bit integer) clusters
        Sql values = Sql.of("SELECT n AS user_id, n / 128.0 AS v, CAST(n / 128.0 * 128 AS INT64) AS v_bucket FROM ("
                + BigQueryWarehouseContractTest.series(10).text() + ")");
        assertThat(warehouse.dialect().clusters(io.meshkit.core.type.DataType.DOUBLE)).isFalse();
        assertThatThrownBy(() -> warehouse.createTableAs(MUSIC.table("by_float"), values, TableLayout.clusteredBy(ColumnName.list("v")),
                WriteMode.CREATE)).isInstanceOf(MeshkitException.class);
        assertThat(warehouse.describe(MUSIC.table("by_float"))).isEmpty();
        assertThat(warehouse.dialect().clusters(io.meshkit.core.type.DataType.BIGINT)).isTrue();
        warehouse.createTableAs(MUSIC.table("by_bucket"), values, TableLayout.clusteredBy(ColumnName.list("v_bucket")), WriteMode.CREATE);
        assertThat(fake.clustering("music", "by_bucket")).containsExactly("`v_bucket`");
    }

    @Test
    void replaceIsACopyJobWithWriteTruncateThenDropsTheCandidate() {
        TableId prod = numbers("tracks", 5);
        TableId candidate = numbers("tracks_candidate", 8);
        fake.jobs.clear();
        warehouse.replace(prod, candidate);
        assertThat(fake.jobs).singleElement().isInstanceOfSatisfying(CopyJobConfiguration.class, c -> {
            assertThat(c.getWriteDisposition()).isEqualTo(JobInfo.WriteDisposition.WRITE_TRUNCATE);
            assertThat(c.getDestinationTable().getTable()).isEqualTo("tracks");
            assertThat(c.getSourceTables()).singleElement().satisfies(s -> assertThat(s.getTable()).isEqualTo("tracks_candidate"));
        });
        assertThat(warehouse.describe(prod).orElseThrow().rowCount()).isEqualTo(8);
        assertThat(warehouse.describe(candidate)).isEmpty();
    }

    @Test
    void loadIsALoadJobFromGcsParquet() {
        TableId t = MUSIC.table("plays");
        List<URI> files = List.of(URI.create("gs://landing/music/plays/2026-11-23/part-00000.parquet"),
                URI.create("gs://landing/music/plays/2026-11-23/part-00001.parquet"));
        assertThatThrownBy(() -> warehouse.load(t, new LoadRequest(files, FileFormat.PARQUET, WriteMode.REPLACE)))
                .isInstanceOf(WarehouseException.class).hasMessageStartingWith("Cannot load table music.plays: Not found: URI gs://landing");
        LoadJobConfiguration load = (LoadJobConfiguration) fake.jobs.get(fake.jobs.size() - 1);
        assertThat(load.getSourceUris()).containsExactly(files.get(0).toString(), files.get(1).toString());
        assertThat(load.getFormat()).isEqualTo(FormatOptions.parquet().getType());
        assertThat(load.getWriteDisposition()).isEqualTo(JobInfo.WriteDisposition.WRITE_TRUNCATE);
        assertThat(load.getDestinationTable().getTable()).isEqualTo("plays");
        assertThat(load.getLabels()).containsEntry(BigQueryWarehouse.RUN_ID_LABEL, "run-42");

        MeshkitException local = catchThrowableOfType(MeshkitException.class, () -> warehouse.load(t,
                new LoadRequest(List.of(URI.create("file:///tmp/part.parquet")), FileFormat.PARQUET, WriteMode.CREATE)));
        assertThat(local.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(local).hasMessage("Cannot load table music.plays: BigQuery loads only gs: URIs, got file: (land the files in GCS first)");
    }

    @Test
    void dryRunsEstimateBytesAndJobsReportThem() {
        TableId t = numbers("population", 1000); // two INT64 columns: 16 bytes a row
        assertThat(warehouse.supports(SupportsDryRun.class)).isTrue();
        Sql sample = warehouse.dialect().sql().sql("SELECT n FROM ").table(t).sql(" WHERE ")
                .append(warehouse.dialect().samplingValue(ColumnName.of("n"))).sql(" < ").bind(0.01).build();
        long estimate = ((SupportsDryRun) warehouse).estimateBytes(sample);
        assertThat(estimate).isEqualTo(16_000);
        long before = warehouse.totalBytesProcessed();
        try (ResultRows rows = warehouse.query(sample)) {
            rows.forEach(r -> { });
            assertThat(rows.stats().bytesScanned()).hasValue(16_000);
        }
        assertThat(warehouse.totalBytesProcessed() - before).isEqualTo(16_000);
        assertThat(warehouse.totalSlotMillis()).isPositive();
        QueryStats dml = warehouse.execute(warehouse.dialect().sql().sql("DELETE FROM ").table(t).sql(" WHERE n < ").bind(10L).build());
        assertThat(dml.rowsAffected()).hasValue(10);
    }

    /**
     * The contract's round trip of every Row type, with BigQuery's two differences: JSON is bound as
     * text and parsed with PARSE_JSON, and a HUGEINT column is a BIGNUMERIC, read as BigDecimal.
     */
    @Test
    void boundValuesRoundTrip() {
        warehouse.execute(Sql.of("CREATE TABLE `music`.`bound` (id INT64, b BOOL, l INT64, h BIGNUMERIC, d NUMERIC, f FLOAT64, s STRING,"
                + " bin BYTES, dt DATE, tm TIME, ts DATETIME, tz TIMESTAMP, js JSON, u STRING)"));
        List<Object> values = Arrays.asList(1L, true, Long.MIN_VALUE, BigInteger.TWO.pow(100).negate(), new BigDecimal("-123456789012345.678"),
                0.1 + 0.2, "Zoë 東京 🎵 '; DROP TABLE x; --", new byte[] {0, -1, 39, 10}, LocalDate.of(1999, 12, 31),
                LocalTime.of(23, 59, 59, 123_456_000), LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_012_000),
                Instant.parse("2024-03-31T01:30:00.000001Z"), "{\"a\":[1,2]}", "8d4b0d5a-6a6e-4a43-b1a1-2c2f7a6f0b11");
        var b = warehouse.dialect().sql().sql("INSERT INTO `music`.`bound` VALUES (");
        for (int i = 0; i < values.size(); i++) {
            b.sql(i == 0 ? "" : ", ").sql(i == 12 ? "PARSE_JSON(" : "").bind(values.get(i)).sql(i == 12 ? ")" : "");
        }
        warehouse.execute(b.sql("), (2").sql(", NULL".repeat(values.size() - 1)).sql(")").build());
        List<Row> rows = new ArrayList<>();
        try (ResultRows r = warehouse.query(Sql.of("SELECT * FROM `music`.`bound` ORDER BY id"))) {
            r.forEach(rows::add);
        }
        Row row = rows.get(0);
        for (int i = 0; i < values.size(); i++) {
            Object expected = values.get(i);
            Object actual = row.get(i);
            if (expected instanceof BigInteger big) {
                assertThat((BigDecimal) actual).isEqualByComparingTo(new BigDecimal(big));
            } else if (expected instanceof BigDecimal d) {
                assertThat((BigDecimal) actual).isEqualByComparingTo(d);
            } else if (i == 12) {
                assertThat(((String) actual).replaceAll("\\s", "")).isEqualTo(expected);
            } else {
                assertThat(actual).as("column %d", i).isInstanceOf(expected.getClass()).isEqualTo(expected);
            }
        }
        assertThat(rows.get(1).values().subList(1, values.size())).containsOnlyNulls();
    }

    @Test
    void aCreateThatFindsTheTableFailsWithoutChangingIt() {
        TableId t = numbers("kept", 3);
        assertThatThrownBy(() -> warehouse.copy(t, t, WriteMode.CREATE)).hasMessage("Cannot copy table music.kept to music.kept: it already exists");
        assertThat(warehouse.describe(t).orElseThrow().rowCount()).isEqualTo(3);
    }
}
