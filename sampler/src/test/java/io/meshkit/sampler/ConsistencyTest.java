package io.meshkit.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.sampling.SamplingValue;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.internal.DefaultSampler;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample is the same users everywhere: Java and SQL agree, rates nest, tables join. */
class ConsistencyTest {
    private static final TableId LESSONS = TableId.of("learning", "lessons");
    private static final TableId PROFILES = TableId.of("learning", "profiles");
    private static Warehouse warehouse;
    private static Sampler sampler;

    @BeforeAll
    static void setUp() {
        warehouse = TestWarehouse.open();
        SyntheticLessons.create(warehouse, LESSONS, 1, 5_000, 42, 60, 50);
        // a second table keyed by the same users, with a string key of another type to check canonical text
        warehouse.execute(Sql.of("CREATE TABLE learning.profiles AS SELECT DISTINCT user_id, CAST(user_id AS VARCHAR) AS user_key,"
                + " user_id % 7 AS cohort FROM learning.lessons"));
        sampler = new DefaultSampler(warehouse);
        sampler.prepare(LESSONS, ColumnName.of("user_id"));
        sampler.prepare(PROFILES, ColumnName.of("user_key"));
    }

    @AfterAll
    static void tearDown() {
        warehouse.close();
    }

    @Test
    void sqlSamplingValuesEqualJavaBitForBit() {
        int checked = 0;
        try (ResultRows rows = warehouse.query(Sql.of("SELECT DISTINCT user_id, sampling_value FROM learning.lessons ORDER BY user_id LIMIT 2000"))) {
            for (Row r : rows) {
                assertThat(r.getDouble("sampling_value")).isEqualTo(SamplingValue.of(r.getLong("user_id")));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(2000);
    }

    @Test
    void tableIsOrderedBySamplingValue() {
        try (ResultRows rows = warehouse.query(Sql.of("SELECT count(*) AS n FROM (SELECT sampling_value,"
                + " lag(sampling_value) OVER (ORDER BY rowid) AS prev FROM learning.lessons) WHERE sampling_value < prev"))) {
            assertThat(rows.iterator().next().getLong("n")).isZero();
        }
    }

    @Test
    void smallerRatesAreSubsetsOfLargerOnes() {
        Set<Long> tenth = users("SELECT DISTINCT user_id FROM {sample}", new Rate(0.001));
        Set<Long> one = users("SELECT DISTINCT user_id FROM {sample}", new Rate(0.01));
        Set<Long> ten = users("SELECT DISTINCT user_id FROM {sample}", new Rate(0.1));
        assertThat(one).containsAll(tenth);
        assertThat(ten).containsAll(one);
        assertThat(ten.size()).isBetween(400, 600); // 10% of 5,000 users, give or take the binomial spread
        assertThat(one.size()).isLessThan(ten.size());
    }

    @Test
    void tablesSampledOnTheSameKeyJoinOnTheSameUsers() {
        Rate r = new Rate(0.1);
        Set<Long> lessonUsers = users("SELECT DISTINCT user_id FROM {sample}", r);
        Set<Long> profileUsers = users("SELECT DISTINCT user_id FROM {sample:learning.profiles}", r);
        assertThat(profileUsers).isEqualTo(lessonUsers);
        // every sampled lesson finds its sampled profile
        try (ResultRows rows = sampler.sql("SELECT count(*) AS n, count(p.user_id) AS matched FROM {sample} l"
                + " LEFT JOIN {sample:learning.profiles} p ON p.user_id = l.user_id", Optional.of(LESSONS), r)) {
            Row row = rows.iterator().next();
            assertThat(row.getLong("n")).isPositive();
            assertThat(row.getLong("matched")).isEqualTo(row.getLong("n"));
        }
    }

    /**
     * A placeholder in a comment or a string is text, not a table; an alias after a comment is still the
     * user's alias; the statement may end in a semicolon and a comment.
     */
    @Test
    void placeholdersInCommentsAndStringsAreText() {
        Rate r = new Rate(0.1);
        Set<Long> expected = users("SELECT DISTINCT user_id FROM {sample}", r);
        assertThat(users("SELECT DISTINCT l.user_id FROM {sample} /* not {sample:no.such} ) */ l -- nor {sample:no.such}\n"
                + "WHERE '{sample:no.such} --' <> ''; -- done; {sample:no.such}", r)).isEqualTo(expected);
    }

    private static Set<Long> users(String sql, Rate rate) {
        Set<Long> out = new HashSet<>();
        try (ResultRows rows = sampler.sql(sql, Optional.of(LESSONS), rate)) {
            for (Row r : rows) {
                out.add(r.getLong("user_id"));
            }
        }
        return out;
    }

    @Test
    void javaSampleMatchesTheWarehouseSample() {
        Rate r = new Rate(0.05);
        Set<Long> sql = users("SELECT DISTINCT user_id FROM {sample}", r);
        Set<Long> java = new HashSet<>();
        for (Long id : users("SELECT DISTINCT user_id FROM {sample}", Rate.FULL)) {
            if (SamplingValue.isSampled(Long.toString(id), r.fraction())) {
                java.add(id);
            }
        }
        assertThat(sql).isEqualTo(java).isNotEmpty();
        assertThat(List.copyOf(sql)).hasSizeLessThan(5_000);
    }
}
