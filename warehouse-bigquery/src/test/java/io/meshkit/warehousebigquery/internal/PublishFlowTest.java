package io.meshkit.warehousebigquery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.CopyJobConfiguration;
import com.google.cloud.bigquery.JobConfiguration;
import com.google.cloud.bigquery.QueryJobConfiguration;
import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.DatasetCatalog;
import io.meshkit.core.runlog.Lease;
import io.meshkit.core.runlog.Publication;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Promotion;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.SupportsRunLabels;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The publisher's write-audit-publish, driven through the SPI exactly as {@code DefaultPublisher}
 * drives a warehouse without {@link SupportsTransactions} (this module may not depend on the
 * publisher): lease, run, stage, checksum, rename the candidate into its version table, promote,
 * record the publication, roll back, read the history. Every statement goes through ZetaSQL's
 * analyzer ({@link AnalyzingClient}) before the fake runs it.
 */
class PublishFlowTest {
    private static final String URI_ = "bigquery:meshkit-test/EU";
    private static final Namespace MUSIC = Namespace.of("music");
    private static final Namespace CANDIDATES = Namespace.of("music_candidates");
    private static final TableId PRODUCTION = MUSIC.table("tracks");
    private static final TableId CANDIDATE = CANDIDATES.table("tracks");
    private static final String DATASET = "music.tracks";
    private static final List<ColumnName> COLUMNS = ColumnName.list("track_id", "title");

    private FakeBigQueryClient fake;
    private AnalyzingClient analyzing;
    private BigQueryWarehouse warehouse;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private Instant now = clock.instant();
    private WarehouseRunLog runLog;

    /** What one publish did. */
    private record Outcome(String what, long version) {}

    @BeforeEach
    void open() {
        fake = new FakeBigQueryClient();
        analyzing = new AnalyzingClient(fake);
        warehouse = new BigQueryWarehouse(URI_, BigQuerySettings.parse(URI_, Map.of()), analyzing,
                new Retry(3, Duration.ZERO, Duration.ZERO, d -> {}));
        runLog = new WarehouseRunLog(warehouse, clock);
    }

    private Instant tick() {
        now = now.plusSeconds(60).truncatedTo(ChronoUnit.MICROS);
        return now;
    }

    private static Sql tracks(int rows, String titlePrefix) {
        return Sql.of("SELECT n AS track_id, CONCAT('" + titlePrefix + "', CAST(n AS STRING)) AS title FROM ("
                + BigQueryWarehouseContractTest.series(rows).text() + ")");
    }

    /**
     * The publisher's checksum (its {@code Auditor.checksumSql}), with one difference: the publisher
     * writes the type {@code BIGINT} literally. BigQuery accepts that alias of INT64, ZetaSQL's
     * analyzer does not ("Type not found: BIGINT"), so here the dialect names the type, as the
     * publisher should.
     */
    private String checksum(Warehouse w, TableId table) {
        Sql value = w.dialect().samplingValue(w.dialect().rowFingerprint(COLUMNS));
        Sql sql = w.dialect().sql().sql("SELECT COUNT(*) AS row_count, SUM(CAST(FLOOR(").append(value).sql(" * 2147483648.0) AS ")
                .type(DataType.BIGINT).sql(")) AS fingerprint_sum FROM ").table(table).build();
        try (ResultRows rows = w.query(sql)) {
            Row r = rows.iterator().next();
            Long sum = r.getLong("fingerprint_sum");
            return String.format(Locale.ROOT, "%d:%016x", r.getLong("row_count"), sum == null ? 0L : sum);
        }
    }

    private static TableId versionTable(long v) {
        return CANDIDATES.table(String.format(Locale.ROOT, "tracks__v%06d", v));
    }

    private OptionalLong served() {
        return warehouse.servedRelease(PRODUCTION).map(t -> t.name().startsWith("tracks__v") && t.namespace().equals(CANDIDATES)
                ? OptionalLong.of(Long.parseLong(t.name().substring("tracks__v".length()))) : OptionalLong.empty()).orElse(OptionalLong.empty());
    }

    private List<Long> kept() {
        return warehouse.listTables(CANDIDATES).stream().filter(t -> t.name().startsWith("tracks__v"))
                .map(t -> Long.parseLong(t.name().substring("tracks__v".length()))).sorted(Comparator.reverseOrder()).toList();
    }

    private List<Publication> publications() {
        return warehouse.listTables(Namespace.META).contains(WarehouseRunLog.PUBLICATIONS) ? runLog.publications(DATASET, 1000) : List.of();
    }

    /** Stage, audit and promote under the dataset's lease, as {@code meshkit-publish backfill} does. */
    private Outcome backfill(Sql query, int keep) {
        Lease lease = runLog.acquireLease(DATASET, "publish by test", Duration.ofHours(1));
        try {
            DatasetCatalog.create(warehouse, runLog);
            RunRecord run = runLog.startRun("publish", DATASET);
            Warehouse w = SupportsRunLabels.forRun(warehouse, run.runId());
            w.createNamespace(CANDIDATES);
            w.createTableAs(CANDIDATE, query, TableLayout.NONE, WriteMode.REPLACE);
            String checksum = checksum(w, CANDIDATE);
            long rows = w.describe(CANDIDATE).orElseThrow().rowCount();
            OptionalLong served = served();
            if (served.isPresent() && publications().stream().filter(p -> p.version() == served.getAsLong())
                    .anyMatch(p -> p.checksum().equals(checksum))) {
                w.drop(CANDIDATE);
                runLog.finishRun(run.runId(), RunOutcome.succeeded(rows));
                return new Outcome("unchanged", served.getAsLong());
            }
            long next = Math.max(kept().stream().findFirst().orElse(0L), publications().stream().mapToLong(Publication::version).max().orElse(0)) + 1;
            w.createNamespace(MUSIC);
            // the non-transactional path of DefaultPublisher.atomically: each step atomic on its own
            w.replace(versionTable(next), CANDIDATE);
            ((SupportsPromotion) w).promote(List.of(new Promotion(PRODUCTION, versionTable(next))));
            new WarehouseRunLog(w, clock).recordPublication(new Publication(DATASET, next, "1.0.0", PRODUCTION, rows, checksum, tick(),
                    "test", run.runId()));
            for (Long v : kept().subList(Math.min(keep, kept().size()), kept().size())) {
                if (v != next) {
                    w.drop(versionTable(v));
                }
            }
            runLog.finishRun(run.runId(), RunOutcome.succeeded(rows));
            return new Outcome("promoted", next);
        } finally {
            runLog.releaseLease(lease);
        }
    }

    private Outcome rollback() {
        long from = served().orElseThrow();
        long to = kept().stream().filter(v -> v < from).findFirst().orElseThrow();
        Publication original = publications().stream().filter(p -> p.version() == to).min(Comparator.comparing(Publication::publishedAt))
                .orElseThrow();
        RunRecord run = runLog.startRun("publish", DATASET);
        Warehouse w = SupportsRunLabels.forRun(warehouse, run.runId());
        ((SupportsPromotion) w).promote(List.of(new Promotion(PRODUCTION, versionTable(to))));
        new WarehouseRunLog(w, clock).recordPublication(new Publication(DATASET, to, original.contractVersion(), PRODUCTION, original.rows(),
                original.checksum(), tick(), "test", run.runId()));
        runLog.finishRun(run.runId(), RunOutcome.succeeded(original.rows()));
        return new Outcome("rolled back", to);
    }

    private long productionRows() {
        return warehouse.describe(PRODUCTION).orElseThrow().rowCount();
    }

    private long catalogVersion() {
        try (ResultRows r = warehouse.query(warehouse.dialect().sql().sql("SELECT version FROM ").table(DatasetCatalog.DATASETS)
                .sql(" WHERE dataset = ").bind(DATASET).build())) {
            return r.iterator().next().getLong("version");
        }
    }

    @Test
    void promoteRerunRollbackAndHistoryWorkOnBigQuery() {
        assertThat(warehouse.supports(SupportsTransactions.class)).isFalse();

        assertThat(backfill(tracks(100, "a"), 3)).isEqualTo(new Outcome("promoted", 1));
        assertThat(backfill(tracks(120, "b"), 3)).isEqualTo(new Outcome("promoted", 2));
        assertThat(productionRows()).isEqualTo(120);
        assertThat(backfill(tracks(120, "b"), 3)).isEqualTo(new Outcome("unchanged", 2)); // a rerun converges
        assertThat(warehouse.describe(CANDIDATE)).isEmpty();

        assertThat(rollback()).isEqualTo(new Outcome("rolled back", 1));
        assertThat(productionRows()).isEqualTo(100);
        assertThat(served()).hasValue(1);
        assertThat(catalogVersion()).isEqualTo(1);
        assertThat(checksum(warehouse, PRODUCTION)).isEqualTo(publications().stream().filter(p -> p.version() == 1).findFirst()
                .orElseThrow().checksum());

        // history: every version with its publications, the served one marked
        assertThat(publications()).extracting(Publication::version).containsExactlyInAnyOrder(1L, 2L, 1L);
        assertThat(kept()).containsExactly(2L, 1L);

        // more versions than kept: the oldest go, never the served one
        backfill(tracks(130, "c"), 2);
        backfill(tracks(140, "d"), 2);
        assertThat(served()).hasValue(4);
        assertThat(kept()).containsExactly(4L, 3L);
        assertThat(catalogVersion()).isEqualTo(4);
    }

    @Test
    void everyJobOfARunCarriesItsRunId() {
        backfill(tracks(10, "a"), 3);
        String runId = runLog.publications(DATASET, 10).get(0).runId();
        List<Map<String, String>> labelled = fake.jobs.stream().map(PublishFlowTest::labels)
                .filter(l -> l.containsKey(BigQueryWarehouse.RUN_ID_LABEL)).toList();
        assertThat(labelled).isNotEmpty().allSatisfy(l -> assertThat(l).containsEntry(BigQueryWarehouse.RUN_ID_LABEL, runId));
        assertThat(fake.jobs.stream().filter(j -> j instanceof CopyJobConfiguration).map(PublishFlowTest::labels))
                .hasSize(2) // the rename into the version table and the promotion
                .allSatisfy(l -> assertThat(l).containsEntry(BigQueryWarehouse.RUN_ID_LABEL, runId));
    }

    private static Map<String, String> labels(JobConfiguration job) {
        Map<String, String> labels = job instanceof QueryJobConfiguration q ? q.getLabels()
                : job instanceof CopyJobConfiguration c ? c.getLabels() : null;
        return labels == null ? Map.of() : labels;
    }

    @Test
    void aPublishThatDiesAfterTheCopyJobLeavesProductionAheadOfTheLogAndTheRerunConverges() {
        backfill(tracks(100, "a"), 3);
        // the final label patch of the promotion fails: as if the process died right after the copy job
        fake.failLabelPatches(null, FakeBigQueryClient.error(403, "accessDenied", "Access Denied"));
        assertThatThrownBy(() -> backfill(tracks(120, "b"), 3)).isInstanceOf(WarehouseException.class);
        assertThat(productionRows()).isEqualTo(120);
        assertThat(served()).hasValue(2); // the warehouse is the truth: the committed copy job counts
        assertThat(publications()).extracting(Publication::version).containsExactly(1L); // the log is behind

        Outcome rerun = backfill(tracks(120, "b"), 3);
        assertThat(rerun).isEqualTo(new Outcome("promoted", 3)); // v2 was never recorded, so its content is published again
        assertThat(served()).hasValue(3);
        assertThat(catalogVersion()).isEqualTo(3);
        assertThat(productionRows()).isEqualTo(120);
        assertThat(fake.labels("music", "tracks")).containsOnlyKeys("meshkit-serves-0");
    }

    @Test
    void everyStatementOfTheFlowIsValidGoogleSql() {
        backfill(tracks(10, "a"), 3);
        backfill(tracks(20, "b"), 3);
        rollback();
        // AnalyzingClient threw if ZetaSQL rejected any of them; these are the publisher's own
        assertThat(analyzing.analyzed)
                .anyMatch(s -> s.startsWith("INSERT INTO `meshkit_meta`.`publications`"))
                .anyMatch(s -> s.contains("AS INT64)) AS fingerprint_sum FROM `music_candidates`.`tracks`"))
                .anyMatch(s -> s.contains("VIEW `meshkit_meta`.`datasets`"));
        assertThat(served()).hasValue(1);
    }
}
