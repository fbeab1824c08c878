package io.meshkit.warehouseduckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.Promotion;
import io.meshkit.core.warehouse.PromotionPlan;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SupportsPromotion;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SupportsPromotion} on DuckDB: production as a view re-pointed in one transaction. */
class DuckDbPromotionTest {
    @TempDir
    Path dir;

    private static long count(Warehouse w, String table) {
        try (ResultRows r = w.query(Sql.of("SELECT count(*) FROM " + table))) {
            return ((Number) r.iterator().next().get(0)).longValue();
        }
    }

    @Test
    void promotesSeveralTablesTogetherWithoutCopyingAndRemembersWhatEachServes() {
        try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("p.duckdb"))) {
            SupportsPromotion p = (SupportsPromotion) w;
            assertThat(p.promotesAtomicallyAcrossTables()).isTrue();
            w.createNamespace(Namespace.of("m"));
            w.createNamespace(Namespace.of("m_versions"));
            w.execute(Sql.of("CREATE TABLE m_versions.a1 AS SELECT range AS id FROM range(10)"));
            w.execute(Sql.of("CREATE TABLE m_versions.b1 AS SELECT range AS id FROM range(20)"));
            w.execute(Sql.of("CREATE TABLE m.b AS SELECT 1 AS plain")); // a plain production table is replaced
            TableId a = TableId.of("m", "a");
            TableId b = TableId.of("m", "b");

            p.promote(List.of(new Promotion(a, TableId.of("m_versions", "a1")), new Promotion(b, TableId.of("m_versions", "b1"))));

            assertThat(count(w, "m.a")).isEqualTo(10);
            assertThat(count(w, "m.b")).isEqualTo(20);
            assertThat(p.servedRelease(a)).contains(TableId.of("m_versions", "a1"));
            assertThat(p.servedRelease(b)).contains(TableId.of("m_versions", "b1"));
            assertThat(p.servedRelease(TableId.of("m", "nope"))).isEmpty();
            assertThat(p.servingProduction(TableId.of("M_Versions", "B1"))).as("names resolved without case").contains(b);
            assertThat(count(w, "m_versions.a1")).as("the release is kept").isEqualTo(10);
        }
    }

    @Test
    void aMissingReleaseFailsAndChangesNothingNotEvenTheOtherPromotionsOfTheCall() {
        try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("p.duckdb"))) {
            SupportsPromotion p = (SupportsPromotion) w;
            w.createNamespace(Namespace.of("m"));
            w.execute(Sql.of("CREATE TABLE m.v1 AS SELECT range AS id FROM range(3)"));
            w.execute(Sql.of("CREATE TABLE m.v2 AS SELECT range AS id FROM range(4)"));
            p.promote(List.of(new Promotion(TableId.of("m", "a"), TableId.of("m", "v1"))));

            assertThatThrownBy(() -> p.promote(List.of(new Promotion(TableId.of("m", "a"), TableId.of("m", "v2")),
                    new Promotion(TableId.of("m", "b"), TableId.of("m", "missing")))))
                    .isInstanceOf(NoSuchTableException.class).hasMessage("Cannot promote table m.missing: it does not exist");
            assertThat(count(w, "m.a")).isEqualTo(3);
            assertThat(w.describe(TableId.of("m", "b"))).isEmpty();
        }
    }

    @Test
    void aPromotionJoinsTheCallersTransaction() {
        try (Warehouse w = Warehouses.open("duckdb:" + dir.resolve("p.duckdb"), Map.of("memory_limit", "256MB"))) {
            w.createNamespace(Namespace.of("m"));
            w.execute(Sql.of("CREATE TABLE m.v1 AS SELECT range AS id FROM range(3)"));
            assertThatThrownBy(() -> ((SupportsTransactions) w).inTransaction(tx -> {
                ((SupportsPromotion) tx).promote(List.of(new Promotion(TableId.of("m", "a"), TableId.of("m", "v1"))));
                throw new IllegalStateException("the caller's next step failed");
            })).hasMessage("the caller's next step failed");
            assertThat(w.describe(TableId.of("m", "a"))).isEmpty();
        }
    }

    @Test
    void plansTheStatementsItWouldRunForWhatProductionIsNow() {
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            SupportsPromotion p = (SupportsPromotion) w;
            w.createNamespace(Namespace.of("m"));
            List<Promotion> promotion = List.of(new Promotion(TableId.of("m", "a"), TableId.of("m", "a__v000002")));
            String view = "CREATE OR REPLACE VIEW \"m\".\"a\" AS SELECT * FROM \"m\".\"a__v000002\"";
            String comment = "COMMENT ON VIEW \"m\".\"a\" IS 'meshkit-promoted:6d.615f5f76303030303032'";

            PromotionPlan absent = p.planPromotion(promotion);
            assertThat(absent.commit()).isEqualTo(PromotionPlan.Commit.TOGETHER);
            assertThat(absent.lines()).containsExactly(view, comment);

            w.execute(Sql.of("CREATE TABLE m.a AS SELECT 1 AS plain"));
            assertThat(p.planPromotion(promotion).lines()).containsExactly("DROP TABLE IF EXISTS \"m\".\"a\"", view, comment);
            assertThat(count(w, "m.a")).as("planning runs nothing").isEqualTo(1);
        }
    }
}
