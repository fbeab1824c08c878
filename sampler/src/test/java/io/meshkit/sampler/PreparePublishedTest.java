package io.meshkit.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Promotion;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Metric;
import io.meshkit.sampler.api.MetricQuery;
import io.meshkit.sampler.api.PrepareResult;
import io.meshkit.sampler.api.Rate;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.internal.DefaultSampler;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A production table that publish serves, and the release it reads, are not rewritten by prepare (that would change
 * what consumers read outside a release); a prepared copy of production is written instead, and a plain table is
 * still rewritten.
 */
class PreparePublishedTest {
    private static final ColumnName USER = ColumnName.of("user_id");
    private static final TableId RELEASE = TableId.of("shop", "customers__v1");
    private static final TableId PRODUCTION = TableId.of("shop", "customers");
    private static final TableId COPY = TableId.of("shop_sampled", "customers");

    @Test
    void aServedProductionTableIsRefusedAndItsCopyIsPrepared() {
        try (Warehouse w = TestWarehouse.open()) {
            w.createNamespace(PRODUCTION.namespace());
            w.execute(Sql.of("CREATE TABLE shop.customers__v1 AS SELECT i AS user_id, i % 7 AS visits FROM range(1000) t(i)"));
            ((SupportsPromotion) w).promote(List.of(new Promotion(PRODUCTION, RELEASE)));
            Sampler sampler = new DefaultSampler(w);

            assertThatThrownBy(() -> sampler.prepare(PRODUCTION, USER))
                    .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessage("Cannot prepare table shop.customers: it is a production table that meshkit publish serves (release shop.customers__v1),"
                            + " and rewriting it would bypass publish; prepare a copy instead: --from shop.customers --table shop_sampled.customers"
                            + " (and sample that table)");
            assertThatThrownBy(() -> sampler.append(PRODUCTION, USER, RELEASE, Optional.empty())).isInstanceOf(MeshkitException.class)
                    .hasMessageContaining("meshkit publish serves");
            // the release production reads is refused too: rewriting it would change production as well
            assertThatThrownBy(() -> sampler.prepare(RELEASE, USER))
                    .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessage("Cannot prepare table shop.customers__v1: it is the release that meshkit publish serves as production table"
                            + " shop.customers, and rewriting it would bypass publish; prepare a copy instead: --from shop.customers --table"
                            + " shop_sampled.customers (and sample that table)");
            assertThatThrownBy(() -> sampler.prepare(PRODUCTION, RELEASE, USER)).isInstanceOf(MeshkitException.class)
                    .hasMessageContaining("it is the release that meshkit publish serves");
            assertThatThrownBy(() -> sampler.append(RELEASE, USER, PRODUCTION, Optional.empty())).isInstanceOf(MeshkitException.class)
                    .hasMessageContaining("it is the release that meshkit publish serves");
            assertThat(w.describe(RELEASE).orElseThrow().column(ColumnName.of("sampling_value"))).isEmpty();
            // production still serves the release, unchanged
            assertThat(((SupportsPromotion) w).servedRelease(PRODUCTION)).contains(RELEASE);
            assertThat(w.describe(PRODUCTION).orElseThrow().column(ColumnName.of("sampling_value"))).isEmpty();

            // nor read as if prepared: the message names the copy to prepare and sample
            MetricQuery q = new MetricQuery(PRODUCTION, USER, List.of(Metric.parse("n=count")), List.of(), List.of());
            assertThatThrownBy(() -> sampler.query(q, Rate.FULL, 20)).isInstanceOf(MeshkitException.class)
                    .hasMessage("Cannot query table shop.customers: it has no sampling_value column (a production table that meshkit publish"
                            + " serves: sample its prepared copy, meshkit sample prepare --from shop.customers --table shop_sampled.customers,"
                            + " then --table shop_sampled.customers)");

            PrepareResult copy = sampler.prepare(PRODUCTION, COPY, USER);
            assertThat(sampler.query(new MetricQuery(COPY, USER, List.of(Metric.parse("n=count")), List.of(), List.of()), Rate.FULL, 20)
                    .groups()).hasSize(1);
            assertThat(copy.rowsWritten()).isEqualTo(1000);
            assertThat(w.describe(COPY).orElseThrow().column(ColumnName.of("sampling_value"))).isPresent();

            // a plain table (not served by publish) is still rewritten in place
            w.execute(Sql.of("CREATE TABLE shop.visits AS SELECT i AS user_id FROM range(10) t(i)"));
            assertThat(sampler.prepare(TableId.of("shop", "visits"), USER).rowsWritten()).isEqualTo(10);
        }
    }
}
