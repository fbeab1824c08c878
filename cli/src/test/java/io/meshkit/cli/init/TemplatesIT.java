package io.meshkit.cli.init;

import static io.meshkit.cli.WarehouseQuery.count;
import static io.meshkit.cli.WarehouseQuery.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each template generated and its pipeline run, in process, on a temporary DuckDB file; then the
 * published tables checked against what the shipped sample data must give (worked out by hand
 * from the files, see each template's README). The built distribution, the Maven build of a
 * generated project and its golden tests are run by release/check-consumable.sh.
 */
class TemplatesIT {
    @TempDir
    Path tmp;

    private String init(Template t, String dataset) {
        Path dir = tmp.resolve(t.id());
        CliRun r = CliRun.of("init", dir.toString(), "--template", t.id(), "--dataset", dataset);
        assertThat(r.exitCode()).as(r.err()).isZero();
        String uri = "duckdb:" + tmp.resolve(t.id() + ".duckdb");
        CliRun run = CliRun.of("run", dir.resolve("pipeline.yaml").toString(), "--warehouse", uri);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        return uri;
    }

    @Test
    void snapshotDimensionPublishesTheHistoryOfThreeSnapshots() {
        String uri = init(Template.SNAPSHOT_DIMENSION, "shop.customers");
        assertThat(count(uri, "SELECT COUNT(*) FROM shop.customers")).isEqualTo(8);
        assertThat(rows(uri, "SELECT segment, CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR), is_current FROM shop.customers"
                + " WHERE id = 2 ORDER BY valid_from")).containsExactly(
                List.of("retail", "2024-01-01 00:00:00", "2024-01-02 00:00:00", false),
                List.of("business", "2024-01-02 00:00:00", "9999-12-31 00:00:00", true));
        // a type-1 correction on the last day overwrites every version; a row missing from it is closed
        assertThat(rows(uri, "SELECT DISTINCT country FROM shop.customers WHERE id = 3")).containsExactly(List.of("IE"));
        assertThat(rows(uri, "SELECT CAST(valid_to AS VARCHAR), is_current FROM shop.customers WHERE id = 4"))
                .containsExactly(List.of("2024-01-03 00:00:00", false));
    }

    @Test
    void eventFactPublishesEachEventOnceAndASampledCopy() {
        String uri = init(Template.EVENT_FACT, "web.page_events");
        // 186 rows delivered over three days, 6 of them again the next day: 180 events of 30 users
        assertThat(count(uri, "SELECT COUNT(*) FROM web_staging.page_events")).isEqualTo(186);
        assertThat(count(uri, "SELECT COUNT(*) FROM web.page_events")).isEqualTo(180);
        assertThat(count(uri, "SELECT COUNT(DISTINCT event_id) FROM web.page_events")).isEqualTo(180);
        assertThat(count(uri, "SELECT COUNT(DISTINCT user_id) FROM web.page_events")).isEqualTo(30);
        // the sampled copy: every event, with the sampling value of its user, stored in its order
        assertThat(count(uri, "SELECT COUNT(*) FROM web_sampled.page_events")).isEqualTo(180);
        assertThat(count(uri, "SELECT COUNT(*) FROM (SELECT user_id FROM web_sampled.page_events GROUP BY user_id"
                + " HAVING COUNT(DISTINCT sampling_value) <> 1)")).isZero();
        assertThat(count(uri, "SELECT COUNT(*) FROM (SELECT sampling_value < lag(sampling_value) OVER () AS back"
                + " FROM web_sampled.page_events) WHERE back")).isZero();
    }

    @Test
    void derivedDatasetJoinsEachOrderToTheCustomerVersionOfItsTime() {
        String uri = init(Template.DERIVED_DATASET, "finance.order_segments");
        assertThat(count(uri, "SELECT COUNT(*) FROM finance.order_segments")).isEqualTo(8);
        assertThat(rows(uri, "SELECT segment, COUNT(*), CAST(SUM(amount) AS VARCHAR) FROM finance.order_segments GROUP BY 1 ORDER BY 1 NULLS LAST"))
                .containsExactly(List.of("business", 2L, "162.00"), List.of("retail", 5L, "139.49"), java.util.Arrays.asList(null, 1L, "9.50"));
        // Grace Hopper (2) moved from retail to business on 2024-01-02: each order keeps its time's segment
        assertThat(rows(uri, "SELECT order_id, segment FROM finance.order_segments WHERE customer_id = 2 ORDER BY ordered_at"))
                .containsExactly(List.of("o2", "retail"), List.of("o4", "business"));
    }
}
