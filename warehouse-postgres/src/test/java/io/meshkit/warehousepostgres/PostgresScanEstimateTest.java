package io.meshkit.warehousepostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.SupportsScanEstimate;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.WriteMode;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scan estimates from the catalog: before and after ANALYZE, against the bytes the rows really hold. */
class PostgresScanEstimateTest extends AbstractSchemaTest {
    private static final ColumnName SV = ColumnName.of("sv");
    private static final ColumnName NAME = ColumnName.of("name");
    private static final ColumnName N = ColumnName.of("n");

    PostgresScanEstimateTest() {
        super("scan_estimate");
    }

    @Test
    void estimatesFollowTheBoundBeforeAndAfterAnalyze() {
        TableId t = namespace.table("sampled");
        warehouse.createTableAs(t, warehouse.dialect().sql().sql("SELECT n, ").append(warehouse.dialect().samplingValue(N))
                .sql(" AS sv, repeat('x', 10 + CAST(n % 10 AS integer)) AS name FROM generate_series(CAST(0 AS bigint), 99999) AS g(n)").build(),
                TableLayout.NONE, WriteMode.CREATE);
        SupportsScanEstimate estimates = (SupportsScanEstimate) warehouse;
        TableInfo info = warehouse.describe(t).orElseThrow();
        double exact = 100_000 * (8 + 16.5);

        long all = estimates.estimateScanBytes(info, Set.of(SV, NAME), SV, 2.0).orElseThrow();
        long tenth = estimates.estimateScanBytes(info, Set.of(SV, NAME), SV, 0.1).orElseThrow();
        assertThat((double) all).as("all rows, widths from the heap size").isCloseTo(exact, within(exact * 0.35));
        assertThat((double) tenth).isCloseTo(all / 10.0, within(all * 0.01));
        assertThat(estimates.estimateScanBytes(info, Set.of(SV), SV, 0.0).orElseThrow()).isZero();

        warehouse.execute(warehouse.dialect().sql().sql("ANALYZE ").table(t).build());
        long analysedAll = estimates.estimateScanBytes(info, Set.of(SV, NAME), SV, 2.0).orElseThrow();
        long analysedTenth = estimates.estimateScanBytes(info, Set.of(SV, NAME), SV, 0.1).orElseThrow();
        assertThat((double) analysedAll).as("all rows, widths from avg_width").isCloseTo(exact, within(exact * 0.05));
        // the histogram of a uniform sampling value puts about a tenth of the rows below 0.1
        assertThat((double) analysedTenth).isCloseTo(analysedAll / 10.0, within(analysedAll * 0.02));
        // an integer range column: its histogram, not the bound, decides
        long halfByN = estimates.estimateScanBytes(info, Set.of(N), N, 50_000).orElseThrow();
        assertThat((double) halfByN).isCloseTo(8 * 50_000, within(8 * 50_000 * 0.05));
        assertThat(estimates.estimateScanBytes(info, Set.of(N), ColumnName.of("absent"), 0.5)).isEmpty();
    }
}
