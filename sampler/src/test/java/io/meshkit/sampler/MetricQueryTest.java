package io.meshkit.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Estimate;
import io.meshkit.sampler.api.Filter;
import io.meshkit.sampler.api.GroupResult;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.SampledResult;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.internal.DefaultSampler;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scaling, intervals, group-by and filters of metric queries. */
class MetricQueryTest {
    private static final TableId LESSONS = TableId.of("learning", "lessons");
    private static final ColumnName USER = ColumnName.of("user_id");
    private static Warehouse warehouse;
    private static Sampler sampler;

    @BeforeAll
    static void setUp() {
        warehouse = TestWarehouse.open();
        SyntheticLessons.create(warehouse, LESSONS, 1, 20_000, 7, 90, 100);
        sampler = new DefaultSampler(warehouse);
        sampler.prepare(LESSONS, USER);
    }

    @AfterAll
    static void tearDown() {
        warehouse.close();
    }

    private static MetricQuery query(List<String> dims, List<String> filters) {
        return new MetricQuery(LESSONS, USER, List.of(Metric.parse("lessons=count"), Metric.parse("users=users"),
                Metric.parse("xp=sum(xp)"), Metric.parse("avg_xp=mean(xp)"), Metric.parse("lessons_per_user=count/users")),
                dims.stream().map(ColumnName::of).toList(), filters.stream().map(Filter::parse).toList());
    }

    private static double exact(String sql) {
        try (ResultRows rows = warehouse.query(Sql.of(sql))) {
            return ((Number) rows.iterator().next().get(0)).doubleValue();
        }
    }

    @Test
    void fullRateIsExactWithZeroWidthIntervals() {
        SampledResult r = sampler.query(query(List.of("platform"), List.of()), Rate.FULL, 20);
        assertThat(r.groups()).hasSize(3);
        GroupResult ios = r.group(List.of("ios")).orElseThrow();
        assertThat(ios.estimate("lessons").value()).isEqualTo(exact("SELECT count(*) FROM learning.lessons WHERE platform = 'ios'"));
        assertThat(ios.estimate("users").value()).isEqualTo(exact("SELECT count(DISTINCT user_id) FROM learning.lessons WHERE platform = 'ios'"));
        assertThat(ios.estimate("xp").value()).isEqualTo(exact("SELECT sum(xp) FROM learning.lessons WHERE platform = 'ios'"));
        assertThat(ios.estimate("avg_xp").value()).isCloseTo(exact("SELECT avg(xp) FROM learning.lessons WHERE platform = 'ios'"), within(1e-9));
        for (GroupResult g : r.groups()) {
            for (Estimate e : g.estimates()) {
                assertThat(e.standardError()).as(e.metric()).isZero();
                assertThat(e.lower()).isEqualTo(e.value());
                assertThat(e.upper()).isEqualTo(e.value());
            }
        }
    }

    @Test
    void totalsAreScaledByTheRateAndRatiosAreNot() {
        Rate rate = new Rate(0.1);
        SampledResult r = sampler.query(query(List.of(), List.of()), rate, 20);
        GroupResult all = r.groups().get(0);
        double sampledRows = exact("SELECT count(*) FROM learning.lessons WHERE sampling_value < 0.1");
        double sampledUsers = exact("SELECT count(DISTINCT user_id) FROM learning.lessons WHERE sampling_value < 0.1");
        assertThat(all.sampledRows()).isEqualTo((long) sampledRows);
        assertThat(all.estimate("lessons").value()).isCloseTo(sampledRows / 0.1, within(1e-6));
        assertThat(all.estimate("users").value()).isCloseTo(sampledUsers / 0.1, within(1e-6));
        assertThat(all.estimate("lessons_per_user").value()).isCloseTo(sampledRows / sampledUsers, within(1e-9));
        // and the estimates are near the truth, inside plausible intervals
        double users = exact("SELECT count(DISTINCT user_id) FROM learning.lessons");
        assertThat(all.estimate("users").relativeError()).isBetween(0.005, 0.2);
        assertThat(Math.abs(all.estimate("users").value() - users) / users).isLessThan(0.2);
    }

    @Test
    void filtersAreBoundAndTyped() {
        MetricQuery q = query(List.of("country"), List.of("lesson_date>=2024-02-01", "platform=web", "xp > 15"));
        SampledResult r = sampler.query(q, Rate.FULL, 10);
        GroupResult de = r.group(List.of("DE")).orElseThrow();
        assertThat(de.estimate("lessons").value()).isEqualTo(exact("SELECT count(*) FROM learning.lessons WHERE country = 'DE'"
                + " AND lesson_date >= DATE '2024-02-01' AND platform = 'web' AND xp > 15"));
        assertThat(r.groups()).hasSize(10);
    }

    @Test
    void anUnpreparedTableIsRefusedWithAHint() {
        warehouse.execute(Sql.of("CREATE TABLE learning.raw AS SELECT 1 AS user_id"));
        MetricQuery q = new MetricQuery(TableId.of("learning", "raw"), USER, List.of(Metric.parse("n=count")), List.of(), List.of());
        assertThatThrownBy(() -> sampler.query(q, Rate.FULL, 20))
                .isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot query table learning.raw: it has no sampling_value column (run 'meshkit sample prepare' on it first)");
    }

    @Test
    void badColumnsAndValuesAreUserErrorsWithoutTheValue() {
        MetricQuery noColumn = query(List.of("nope"), List.of());
        assertThatThrownBy(() -> sampler.query(noColumn, Rate.FULL, 20))
                .isInstanceOf(MeshkitException.class).hasMessageContaining("has no column nope (dimension)");
        MetricQuery badDate = query(List.of(), List.of("lesson_date=secret-value"));
        assertThatThrownBy(() -> sampler.query(badDate, Rate.FULL, 20))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("lesson_date = ?").hasMessageNotContaining("secret");
        MetricQuery sumText = new MetricQuery(LESSONS, USER, List.of(Metric.parse("c=sum(country)")), List.of(), List.of());
        assertThatThrownBy(() -> sampler.query(sumText, Rate.FULL, 20)).hasMessageContaining("not numeric");
    }

    @Test
    void metricDefinitionsParse() {
        assertThat(Metric.parse("lpu = count / users").expression()).isEqualTo("count/users");
        assertThat(Metric.parse("m=mean(xp)").isRatio()).isTrue();
        assertThat(Metric.parse("m=mean(xp)").expression()).isEqualTo("mean(xp)");
        assertThat(Metric.parse("s=sum(xp)").isRatio()).isFalse();
        assertThatThrownBy(() -> Metric.parse("s=avg(xp)")).hasMessageContaining("is not count, users, sum(col)");
        assertThatThrownBy(() -> Metric.parse("count")).hasMessageContaining("expected NAME=EXPR");
        assertThat(Rate.parse("0.1%").fraction()).isEqualTo(0.001);
        assertThat(Rate.parse("0.1%").toString()).isEqualTo("0.1%");
        assertThatThrownBy(() -> Rate.parse("150%")).hasMessageContaining("must be in (0, 1]");
    }

    @Test
    void sampledQueryReadsFewerRowGroups() {
        // 600,000 rows: five DuckDB row groups of 122,880 rows, of which a 1% sample reads one
        TableId big = TableId.of("learning", "big");
        warehouse.execute(Sql.of("CREATE TABLE learning.big AS SELECT range % 60000 AS user_id, range AS x FROM range(600000)"));
        sampler.prepare(big, USER);
        MetricQuery q = new MetricQuery(big, USER, List.of(Metric.parse("x=sum(x)")), List.of(), List.of());
        SampledResult full = sampler.query(q, Rate.FULL, 20);
        SampledResult one = sampler.query(q, new Rate(0.01), 20);
        assertThat(full.cost().bytesEstimated()).isTrue();
        // x and sampling_value, 8 logical bytes each, every row
        assertThat(full.cost().bytesScanned().getAsLong()).isEqualTo(600_000L * 16);
        assertThat(one.cost().bytesScanned().getAsLong()).isEqualTo(122_880L * 16);
        // the second estimate computed from the storage metadata the first read; an append changes the row
        // count, so the next estimate reads the metadata again and counts the new rows
        warehouse.execute(Sql.of("CREATE TABLE learning.more AS SELECT 60000 + range AS user_id, range AS x FROM range(1000)"));
        sampler.append(big, USER, TableId.of("learning", "more"), java.util.Optional.empty());
        assertThat(sampler.query(q, Rate.FULL, 20).cost().bytesScanned().getAsLong()).isEqualTo(601_000L * 16);
    }
}
