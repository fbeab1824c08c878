package io.meshkit.warehousebigquery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.CopyJobConfiguration;
import com.google.cloud.bigquery.JobInfo;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.error.WarehouseException;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Promotion;
import io.meshkit.core.warehouse.PromotionPlan;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.WriteMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SupportsPromotion} on BigQuery: a copy job with WRITE_TRUNCATE per table, the served release
 * in production's labels, and what a reader of the labels sees when a promotion dies half-way.
 */
class BigQueryPromotionTest {
    private static final String URI_ = "bigquery:meshkit-test/EU";
    private static final Namespace MUSIC = Namespace.of("music");
    private static final Namespace CANDIDATES = Namespace.of("music_candidates");
    private static final TableId PRODUCTION = MUSIC.table("tracks");

    private FakeBigQueryClient fake;
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private BigQueryWarehouse warehouse;

    @BeforeEach
    void open() {
        fake = new FakeBigQueryClient();
        BigQuerySettings settings = BigQuerySettings.parse(URI_, Map.of("run_id", "run-42", "max_attempts", "3"));
        warehouse = new BigQueryWarehouse(URI_, settings, new AnalyzingClient(fake), new Retry(3, Duration.ofMillis(10), Duration.ofMillis(20),
                pauses::add));
        warehouse.createNamespace(MUSIC);
        warehouse.createNamespace(CANDIDATES);
    }

    /** A release whose rows are n = 0 … rows-1 and a tag column, so each release is told apart by its sum. */
    private TableId release(int version, long rows) {
        TableId t = CANDIDATES.table("tracks__v" + String.format("%06d", version));
        warehouse.createTableAs(t, Sql.of("SELECT n, " + version + " AS version FROM (" + BigQueryWarehouseContractTest.series(rows).text()
                + ")"), TableLayout.NONE, WriteMode.CREATE);
        return t;
    }

    private long[] countAndVersion(TableId table) {
        try (ResultRows r = warehouse.query(warehouse.dialect().sql().sql("SELECT COUNT(*) AS c, MAX(version) AS v FROM ").table(table).build())) {
            var row = r.iterator().next();
            return new long[] {row.getLong("c"), row.getLong("v")};
        }
    }

    private List<CopyJobConfiguration> copyJobs() {
        return fake.jobs.stream().filter(j -> j instanceof CopyJobConfiguration).map(j -> (CopyJobConfiguration) j).toList();
    }

    private static BigQueryException rateLimit() {
        return FakeBigQueryClient.error(403, "rateLimitExceeded", "Exceeded rate limits: too many table update operations");
    }

    private static BigQueryException denied() {
        return FakeBigQueryClient.error(403, "accessDenied", "Access Denied: Table music.tracks: permission bigquery.tables.update denied");
    }

    @Test
    void promotionIsACopyJobWithWriteTruncateAndTheLabelsNameTheServedRelease() {
        assertThat(warehouse.supports(SupportsPromotion.class)).isTrue();
        assertThat(warehouse.promotesAtomicallyAcrossTables()).isFalse();
        TableId v1 = release(1, 100);
        assertThat(warehouse.servedRelease(PRODUCTION)).isEmpty();

        warehouse.promote(List.of(new Promotion(PRODUCTION, v1)));
        assertThat(countAndVersion(PRODUCTION)).containsExactly(100, 1);
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v1);
        assertThat(warehouse.servingProduction(v1)).as("production reads its own copy, not the release").isEmpty();
        assertThat(copyJobs()).singleElement().satisfies(c -> {
            assertThat(c.getWriteDisposition()).isEqualTo(JobInfo.WriteDisposition.WRITE_TRUNCATE);
            assertThat(c.getCreateDisposition()).isEqualTo(JobInfo.CreateDisposition.CREATE_IF_NEEDED);
            assertThat(c.getSourceTables()).singleElement().satisfies(s -> assertThat(s.getTable()).isEqualTo("tracks__v000001"));
            assertThat(c.getDestinationTable().getTable()).isEqualTo("tracks");
            assertThat(c.getLabels()).containsEntry(BigQueryWarehouse.RUN_ID_LABEL, "run-42");
        });

        TableId v2 = release(2, 150);
        warehouse.promote(List.of(new Promotion(PRODUCTION, v2)));
        assertThat(countAndVersion(PRODUCTION)).containsExactly(150, 2);
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v2);
        // the releases stay, unchanged, to roll back to; nothing is pending any more
        assertThat(countAndVersion(v1)).containsExactly(100, 1);
        assertThat(fake.labels("music", "tracks")).containsOnlyKeys("meshkit-serves-0");

        warehouse.promote(List.of(new Promotion(PRODUCTION, v1))); // rollback
        assertThat(countAndVersion(PRODUCTION)).containsExactly(100, 1);
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v1);
    }

    @Test
    void theLabelsAreWrittenAroundTheCopyJob() {
        warehouse.promote(List.of(new Promotion(PRODUCTION, release(1, 10))));
        fake.labelPatches.clear();
        TableId v2 = release(2, 20);
        warehouse.promote(List.of(new Promotion(PRODUCTION, v2)));
        assertThat(fake.labelPatches).hasSize(2);
        Map<String, String> before = fake.labelPatches.get(0).getValue();
        Map<String, String> after = fake.labelPatches.get(1).getValue();
        assertThat(before.get("meshkit-pending-job")).startsWith("meshkit_promote_");
        assertThat(ReleaseLabels.pendingRelease(before)).contains(v2);
        assertThat(ReleaseLabels.servedRelease(before)).contains(CANDIDATES.table("tracks__v000001")); // still the old one
        assertThat(ReleaseLabels.servedRelease(after)).contains(v2);
        assertThat(after).containsEntry("meshkit-pending-job", null).containsEntry("meshkit-pending-0", null);
    }

    @Test
    void aPromotionThatDiesAfterItsCopyJobIsStillReadRight() {
        TableId v1 = release(1, 10);
        warehouse.promote(List.of(new Promotion(PRODUCTION, v1)));
        TableId v2 = release(2, 20);
        fake.failLabelPatches(null, denied()); // the pending patch passes, the final one fails: as a crash there would leave it
        assertThatThrownBy(() -> warehouse.promote(List.of(new Promotion(PRODUCTION, v2)))).isInstanceOf(WarehouseException.class)
                .hasMessageStartingWith("Cannot promote music_candidates.tracks__v000002 to music.tracks: Access Denied");
        assertThat(ReleaseLabels.servedRelease(fake.labels("music", "tracks"))).contains(v1); // the labels lag behind the data …
        assertThat(countAndVersion(PRODUCTION)).containsExactly(20, 2);
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v2); // … but the committed copy job settles it

        // the next promotion fails before its copy job commits: v2 is still what production serves
        TableId v3 = release(3, 30);
        fake.failCopies(denied());
        assertThatThrownBy(() -> warehouse.promote(List.of(new Promotion(PRODUCTION, v3)))).isInstanceOf(WarehouseException.class);
        assertThat(countAndVersion(PRODUCTION)).containsExactly(20, 2);
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v2);

        warehouse.promote(List.of(new Promotion(PRODUCTION, v3)));
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v3);
        assertThat(fake.labels("music", "tracks")).containsOnlyKeys("meshkit-serves-0");
    }

    @Test
    void aPendingJobThatHasNotCommittedDoesNotCount() {
        TableId v1 = release(1, 10);
        TableId v2 = release(2, 20);
        warehouse.promote(List.of(new Promotion(PRODUCTION, v1)));
        fake.recordRunningJob("meshkit_promote_still_running");
        fake.updateLabels(com.google.cloud.bigquery.TableId.of("meshkit-test", "music", "tracks"),
                ReleaseLabels.pending(v2, "meshkit_promote_still_running"));
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v1);
        fake.updateLabels(com.google.cloud.bigquery.TableId.of("meshkit-test", "music", "tracks"),
                ReleaseLabels.pending(v2, "meshkit_promote_never_submitted"));
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v1);
    }

    @Test
    void aCopyWhoseAnswerWasLostIsNotRunTwice() {
        warehouse.promote(List.of(new Promotion(PRODUCTION, release(1, 10))));
        TableId v2 = release(2, 20);
        fake.jobs.clear();
        fake.failAfterNextCopy(rateLimit());
        warehouse.promote(List.of(new Promotion(PRODUCTION, v2)));
        assertThat(copyJobs()).hasSize(1);
        assertThat(pauses).hasSize(1);
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v2);
        assertThat(countAndVersion(PRODUCTION)).containsExactly(20, 2);
    }

    @Test
    void aRateLimitedCopyIsRetriedAsANewJobAndTheLabelsFollowIt() {
        warehouse.promote(List.of(new Promotion(PRODUCTION, release(1, 10))));
        TableId v2 = release(2, 20);
        fake.labelPatches.clear();
        fake.failCopies(rateLimit());
        warehouse.promote(List.of(new Promotion(PRODUCTION, v2)));
        List<String> pendingJobs = fake.labelPatches.stream().map(e -> e.getValue().get("meshkit-pending-job")).filter(j -> j != null).toList();
        assertThat(pendingJobs).hasSize(2).doesNotHaveDuplicates();
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v2);
    }

    @Test
    void aMissingReleaseChangesNothing() {
        TableId v1 = release(1, 10);
        TableId other = MUSIC.table("albums");
        assertThatThrownBy(() -> warehouse.promote(List.of(new Promotion(other, v1), new Promotion(PRODUCTION, CANDIDATES.table("nope")))))
                .isInstanceOf(NoSuchTableException.class).hasMessageContaining("music_candidates.nope");
        assertThat(warehouse.describe(other)).isEmpty();
        assertThat(copyJobs()).isEmpty();
    }

    @Test
    void severalTablesArePromotedOneAfterTheOther() {
        TableId albums = MUSIC.table("albums");
        TableId albumsV1 = CANDIDATES.table("albums__v000001");
        warehouse.createTableAs(albumsV1, Sql.of("SELECT 7 AS n, 1 AS version"), TableLayout.NONE, WriteMode.CREATE);
        TableId v1 = release(1, 10);
        warehouse.promote(List.of(new Promotion(PRODUCTION, v1), new Promotion(albums, albumsV1)));
        assertThat(copyJobs()).hasSize(2);
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v1);
        assertThat(warehouse.servedRelease(albums)).contains(albumsV1);
    }

    @Test
    void aProductionViewIsReplacedByATableAndItsOwnLabelsAreKept() {
        warehouse.execute(Sql.of("CREATE VIEW `music`.`tracks` AS SELECT 1 AS n, 0 AS version"));
        TableId v1 = release(1, 10);
        warehouse.promote(List.of(new Promotion(PRODUCTION, v1)));
        assertThat(countAndVersion(PRODUCTION)).containsExactly(10, 1);
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(v1);

        fake.updateLabels(com.google.cloud.bigquery.TableId.of("meshkit-test", "music", "tracks"), Map.of("team", "music"));
        warehouse.promote(List.of(new Promotion(PRODUCTION, release(2, 20))));
        assertThat(fake.labels("music", "tracks")).containsEntry("team", "music");
    }

    @Test
    void aTableMeshkitDidNotPromoteServesNoRelease() {
        warehouse.createTableAs(PRODUCTION, Sql.of("SELECT 1 AS n"), TableLayout.NONE, WriteMode.CREATE);
        assertThat(warehouse.servedRelease(PRODUCTION)).isEmpty();
        fake.updateLabels(com.google.cloud.bigquery.TableId.of("meshkit-test", "music", "tracks"), Map.of("meshkit-serves-0", "not-hex"));
        assertThat(warehouse.servedRelease(PRODUCTION)).isEmpty();
    }

    @Test
    void namesKeepTheirCaseAndLongNamesSpanSeveralLabels() {
        Namespace odd = Namespace.of("Music_Candidates_" + "x".repeat(40));
        warehouse.createNamespace(odd);
        TableId release = odd.table("Tracks__V000001_" + "y".repeat(60));
        warehouse.createTableAs(release, Sql.of("SELECT 1 AS n, 1 AS version"), TableLayout.NONE, WriteMode.CREATE);
        warehouse.promote(List.of(new Promotion(PRODUCTION, release)));
        assertThat(warehouse.servedRelease(PRODUCTION)).contains(release);
        assertThat(fake.labels("music", "tracks")).containsKeys("meshkit-serves-0", "meshkit-serves-1", "meshkit-serves-2")
                .allSatisfy((k, v) -> assertThat(v).matches("[a-z0-9_-]{1,63}"));

        TableId huge = odd.table("t".repeat(250));
        assertThatThrownBy(() -> warehouse.promote(List.of(new Promotion(PRODUCTION, huge)))).isInstanceOf(MeshkitException.class)
                .satisfies(e -> assertThat(((MeshkitException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("too long to record in labels");
    }

    @Test
    void aViewAsReleaseIsRefused() {
        warehouse.execute(Sql.of("CREATE VIEW `music_candidates`.`tracks__v000001` AS SELECT 1 AS n"));
        assertThatThrownBy(() -> warehouse.promote(List.of(new Promotion(PRODUCTION, CANDIDATES.table("tracks__v000001")))))
                .isInstanceOf(MeshkitException.class).hasMessageContaining("the release is a view");
    }

    @Test
    void planPromotionRunsNothing() {
        TableId v1 = release(1, 10);
        fake.jobs.clear();
        PromotionPlan plan = warehouse.planPromotion(List.of(new Promotion(PRODUCTION, v1)));
        assertThat(plan.commit()).isEqualTo(PromotionPlan.Commit.EACH_STEP);
        assertThat(plan.steps()).allMatch(step -> step.statement().isEmpty()); // API calls, none a statement to run
        assertThat(plan.lines()).containsExactly(
                "DELETE VIEW `music`.`tracks` -- only if production is a view (a copy job cannot overwrite one)",
                "PATCH LABELS `music`.`tracks` SET meshkit-pending = `music_candidates`.`tracks__v000001`, meshkit-pending-job = <copy job id>"
                        + " -- only if production exists",
                "COPY JOB `music_candidates`.`tracks__v000001` TO `music`.`tracks` WRITE_TRUNCATE CREATE_IF_NEEDED LABELS meshkit-run-id=run-42",
                "PATCH LABELS `music`.`tracks` SET meshkit-serves = `music_candidates`.`tracks__v000001`, REMOVE meshkit-pending,"
                        + " meshkit-pending-job");
        assertThat(fake.jobs).isEmpty();
        assertThat(warehouse.describe(PRODUCTION)).isEmpty();
    }
}
