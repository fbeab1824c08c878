package io.meshkit.cli.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.cli.CliRun;
import io.meshkit.cli.TestingPostgres;
import io.meshkit.cli.WarehouseQuery;
import io.meshkit.core.identifier.TableId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each template's pipeline on PostgreSQL publishes the same rows as on DuckDB (whose content
 * {@link TemplatesIT} checks): generated once, run on a temporary DuckDB file and on a fresh
 * PostgreSQL database (dropped afterwards), every published table compared row for row. Skipped only
 * when no PostgreSQL server answers, failed then under {@code -Dmeshkit.requirePostgres=true}.
 */
class TemplatesPostgresIT {
    @TempDir
    Path tmp;

    private void runsAsOnDuckDb(Template t, String dataset, List<String> published) {
        Path dir = tmp.resolve(t.id());
        CliRun init = CliRun.of("init", dir.toString(), "--template", t.id(), "--dataset", dataset);
        assertThat(init.exitCode()).as(init.err()).isZero();
        String duckdb = "duckdb:" + tmp.resolve(t.id() + ".duckdb");
        try (TestingPostgres.Database db = TestingPostgres.createDatabase()) {
            for (String uri : List.of(duckdb, db.uri())) {
                CliRun run = CliRun.of("run", dir.resolve("pipeline.yaml").toString(), "--warehouse", uri);
                assertThat(run.exitCode()).as(uri + ": " + run.out() + run.err()).isZero();
            }
            for (String table : published) {
                List<String> expected = WarehouseQuery.tableText(duckdb, TableId.parse(table));
                assertThat(expected).as("%s on DuckDB", table).hasSizeGreaterThan(5);
                assertThat(WarehouseQuery.tableText(db.uri(), TableId.parse(table))).as("%s on PostgreSQL, as on DuckDB", table)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void snapshotDimension() {
        runsAsOnDuckDb(Template.SNAPSHOT_DIMENSION, "shop.customers", List.of("shop.customers"));
    }

    @Test
    void eventFactAndItsSampledCopy() {
        runsAsOnDuckDb(Template.EVENT_FACT, "web.page_events", List.of("web.page_events", "web_sampled.page_events"));
    }

    @Test
    void derivedDatasetAndItsUpstreams() {
        runsAsOnDuckDb(Template.DERIVED_DATASET, "finance.order_segments", List.of("crm.customers", "sales.orders", "finance.order_segments"));
    }
}
