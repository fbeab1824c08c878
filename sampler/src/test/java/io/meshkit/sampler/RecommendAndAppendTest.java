package io.meshkit.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.sampling.SamplingValue;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.PrepareResult;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.Recommendation;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.api.Target;
import io.meshkit.sampler.internal.DefaultSampler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** recommend picks higher rates for tighter targets; append keeps new batches sorted and is idempotent. */
class RecommendAndAppendTest {
    private static final TableId LESSONS = TableId.of("learning", "lessons");
    private static final ColumnName USER = ColumnName.of("user_id");
    private static Warehouse warehouse;
    private static Sampler sampler;

    @BeforeAll
    static void setUp() {
        warehouse = TestWarehouse.open();
        SyntheticLessons.create(warehouse, LESSONS, 1, 100_000, 3, 30, 50, 1.5);
        sampler = new DefaultSampler(warehouse);
        sampler.prepare(LESSONS, USER);
    }

    @AfterAll
    static void tearDown() {
        warehouse.close();
    }

    private static MetricQuery query() {
        return new MetricQuery(LESSONS, USER, List.of(Metric.parse("lessons=count"), Metric.parse("lpu=count/users")),
                ColumnName.list("platform"), List.of());
    }

    private static Recommendation recommend(double maxError) {
        return sampler.recommend(query(), new Target(OptionalDouble.of(maxError), Optional.empty(), OptionalLong.empty()), new Rate(0.01), 20);
    }

    @Test
    void tighterTargetsNeedHigherRates() {
        Recommendation loose = recommend(0.20);
        Recommendation medium = recommend(0.03);
        Recommendation tight = recommend(0.0001);
        assertThat(loose.rate()).isPresent();
        assertThat(medium.rate()).isPresent();
        assertThat(loose.rate().get()).isLessThan(medium.rate().get());
        assertThat(tight.rate()).contains(Rate.FULL);
        assertThat(loose.candidates()).hasSize(4);
        // predicted errors fall as the rate grows, to 0 at 100%
        List<Double> errors = loose.candidates().stream().map(Recommendation.Candidate::maxRelativeError).toList();
        assertThat(errors).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(errors.get(3)).isZero();
        assertThat(loose.explanation()).contains("smallest rate");
        // the prediction holds: at the recommended rate the real intervals are within the target (with some slack for the estimate's own noise)
        var actual = sampler.query(query(), medium.rate().get(), 20);
        actual.groups().forEach(g -> g.estimates().forEach(e -> assertThat(e.relativeError()).isLessThan(0.03 * 1.5)));
    }

    /** A pilot at 100% reads the whole table and counts no sampled users: it says so, not "rows of 0 users". */
    @Test
    void theExplanationSaysWhatThePilotRead() {
        assertThat(recommend(0.20).explanation()).containsPattern("Pilot at [0-9.]+% read [0-9,]+ rows of [1-9][0-9,]* users in");
        Recommendation whole = sampler.recommend(query(), new Target(OptionalDouble.of(0.20), Optional.empty(), OptionalLong.empty()),
                new Rate(1.0), 20);
        assertThat(whole.explanation()).containsPattern("Pilot at 100% read all [1-9][0-9,]* rows of the table in").doesNotContain("of 0 users");
    }

    @Test
    void aBudgetAloneGetsTheLargestAffordableRate() {
        Recommendation r = sampler.recommend(query(), new Target(OptionalDouble.empty(), Optional.empty(), OptionalLong.of(1)), new Rate(0.01), 20);
        assertThat(r.rate()).isEmpty(); // not even 0.1% reads one byte
        Recommendation generous = sampler.recommend(query(), new Target(OptionalDouble.empty(), Optional.of(Duration.ofHours(1)), OptionalLong.empty()),
                new Rate(0.01), 20);
        assertThat(generous.rate()).contains(Rate.FULL);
    }

    @Test
    void appendedBatchesAreSortedAndReplaceTheirDay() {
        TableId facts = TableId.of("learning", "daily");
        TableId batch = TableId.of("learning", "batch");
        warehouse.execute(Sql.of("CREATE TABLE learning.daily AS SELECT * FROM learning.lessons WHERE lesson_date < DATE '2024-01-20'"));
        sampler.prepare(facts, USER);
        long before = count("SELECT count(*) FROM learning.daily");
        warehouse.execute(Sql.of("CREATE TABLE learning.batch AS SELECT * EXCLUDE (sampling_value) FROM learning.lessons WHERE lesson_date = DATE '2024-01-20'"));
        long batchRows = count("SELECT count(*) FROM learning.batch");

        PrepareResult first = sampler.append(facts, USER, batch, Optional.of(ColumnName.of("lesson_date")));
        PrepareResult again = sampler.append(facts, USER, batch, Optional.of(ColumnName.of("lesson_date")));
        assertThat(first.rowsWritten()).isEqualTo(batchRows);
        assertThat(first.rowsReplaced()).isZero();
        assertThat(again.rowsReplaced()).isEqualTo(batchRows);
        assertThat(count("SELECT count(*) FROM learning.daily")).isEqualTo(before + batchRows);
        // the appended rows: sampling values computed by the dialect (equal to Java's) and in ascending order
        double previous = -1;
        try (ResultRows rows = warehouse.query(Sql.of("SELECT user_id, sampling_value FROM learning.daily WHERE lesson_date = DATE '2024-01-20' ORDER BY rowid"))) {
            for (Row r : rows) {
                double v = r.getDouble("sampling_value");
                assertThat(v).isEqualTo(SamplingValue.of(r.getLong("user_id"))).isGreaterThanOrEqualTo(previous);
                previous = v;
            }
        }
    }

    @Test
    void preparesAnotherTableFromAViewLeavingTheViewAlone() {
        warehouse.execute(Sql.of("CREATE VIEW learning.published AS SELECT * EXCLUDE (sampling_value) FROM learning.lessons"));
        TableId sampled = TableId.of("learning_sampled", "lessons");
        PrepareResult r = sampler.prepare(TableId.of("learning", "published"), sampled, USER);
        assertThat(r.table()).isEqualTo(sampled);
        assertThat(r.rowsWritten()).isEqualTo(count("SELECT count(*) FROM learning.published")).isPositive();
        assertThat(count("SELECT count(*) FROM learning_sampled.lessons WHERE sampling_value IS NULL AND user_id IS NOT NULL")).isZero();
        // a rerun replaces the table with the same rows
        assertThat(sampler.prepare(TableId.of("learning", "published"), sampled, USER).rowsWritten()).isEqualTo(r.rowsWritten());
        assertThat(count("SELECT count(*) FROM learning_sampled.lessons")).isEqualTo(r.rowsWritten());
        assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'learning' AND table_name = 'published'"
                + " AND table_type = 'VIEW'")).isEqualTo(1);
    }

    private static long count(String sql) {
        try (ResultRows rows = warehouse.query(Sql.of(sql))) {
            return ((Number) rows.iterator().next().get(0)).longValue();
        }
    }
}
