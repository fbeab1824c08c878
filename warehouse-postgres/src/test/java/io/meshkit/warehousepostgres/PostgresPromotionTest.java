package io.meshkit.warehousepostgres;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SupportsPromotion} on PostgreSQL: production a view over the release, re-made in one transaction. */
class PostgresPromotionTest {
    private Warehouse w;
    private Namespace m;
    private Namespace versions;

    @BeforeEach
    void open() {
        w = new PostgresWarehouseProvider().open(TestPostgres.url(), Map.of());
        long pid = ProcessHandle.current().pid();
        m = Namespace.of("postgres_branch_m_" + pid);
        versions = Namespace.of("postgres_branch_v_" + pid);
        w.createNamespace(m);
        w.createNamespace(versions);
    }

    @AfterEach
    void close() {
        for (Namespace ns : List.of(m, versions)) {
            w.execute(w.dialect().sql().sql("DROP SCHEMA IF EXISTS ").namespace(ns).sql(" CASCADE").build());
        }
        w.close();
    }

    private long count(TableId t) {
        try (ResultRows r = w.query(w.dialect().sql().sql("SELECT count(*) FROM ").table(t).build())) {
            return ((Number) r.iterator().next().get(0)).longValue();
        }
    }

    private TableId series(Namespace ns, String name, int rows) {
        TableId t = ns.table(name);
        w.execute(w.dialect().sql().sql("CREATE TABLE ").table(t).sql(" AS SELECT generate_series(1, ").bind(rows).sql(") AS id").build());
        return t;
    }

    @Test
    void promotesSeveralTablesTogetherKeepsTheReleasesAndRemembersWhatEachServes() {
        SupportsPromotion p = (SupportsPromotion) w;
        assertThat(p.promotesAtomicallyAcrossTables()).isTrue();
        TableId a1 = series(versions, "a1", 10);
        TableId b1 = series(versions, "b1", 20);
        TableId b = series(m, "b", 1); // a plain production table is replaced
        TableId a = m.table("a");

        p.promote(List.of(new Promotion(a, a1), new Promotion(b, b1)));
        assertThat(count(a)).isEqualTo(10);
        assertThat(count(b)).isEqualTo(20);
        assertThat(p.servedRelease(a)).contains(a1);
        assertThat(p.servedRelease(b)).contains(b1);
        assertThat(p.servedRelease(m.table("nope"))).isEmpty();

        TableId a2 = series(versions, "a2", 30);
        p.promote(List.of(new Promotion(a, a2)));
        assertThat(count(a)).isEqualTo(30);
        assertThat(count(a1)).as("the earlier release is kept").isEqualTo(10);
        assertThat(w.drop(a1)).isTrue();
        assertThatThrownBy(() -> w.drop(a2)).hasMessageContaining("serves it");
        assertThat(count(a)).isEqualTo(30);
    }

    @Test
    void aMissingReleaseFailsAndChangesNothing() {
        SupportsPromotion p = (SupportsPromotion) w;
        TableId v1 = series(m, "v1", 3);
        TableId v2 = series(m, "v2", 4);
        p.promote(List.of(new Promotion(m.table("a"), v1)));
        TableId missing = m.table("missing");
        assertThatThrownBy(() -> p.promote(List.of(new Promotion(m.table("a"), v2), new Promotion(m.table("b"), missing))))
                .isInstanceOf(NoSuchTableException.class).hasMessage("Cannot promote table " + missing + ": it does not exist");
        assertThat(count(m.table("a"))).isEqualTo(3);
        assertThat(w.describe(m.table("b"))).isEmpty();
    }

    @Test
    void aPromotionJoinsTheCallersTransaction() {
        TableId v1 = series(m, "v1", 3);
        assertThatThrownBy(() -> ((SupportsTransactions) w).inTransaction(tx -> {
            ((SupportsPromotion) tx).promote(List.of(new Promotion(m.table("a"), v1)));
            throw new IllegalStateException("the caller's next step failed");
        })).hasMessage("the caller's next step failed");
        assertThat(w.describe(m.table("a"))).isEmpty();
    }

    @Test
    void plansTheStatementsItWouldRunForWhatProductionIsNow() {
        SupportsPromotion p = (SupportsPromotion) w;
        List<Promotion> promotion = List.of(new Promotion(m.table("a"), m.table("a__v000002")));
        String schema = "\"" + m.name() + "\"";
        String view = "CREATE VIEW " + schema + ".\"a\" AS SELECT * FROM " + schema + ".\"a__v000002\"";

        PromotionPlan absent = p.planPromotion(promotion);
        assertThat(absent.commit()).isEqualTo(PromotionPlan.Commit.TOGETHER);
        assertThat(absent.lines()).hasSize(2).first().isEqualTo(view);
        assertThat(absent.lines().get(1)).startsWith("COMMENT ON VIEW " + schema + ".\"a\" IS 'meshkit-promoted:");

        w.execute(Sql.of("CREATE TABLE " + schema + ".a AS SELECT 1 AS plain"));
        assertThat(p.planPromotion(promotion).lines()).startsWith("DROP TABLE IF EXISTS " + schema + ".\"a\"", view);

        p.promote(List.of(new Promotion(m.table("a"), series(m, "v1", 3))));
        assertThat(p.planPromotion(promotion).lines()).startsWith("DROP VIEW IF EXISTS " + schema + ".\"a\"", view);
        assertThat(w.describe(m.table("a")).orElseThrow().rowCount()).as("planning runs nothing").isEqualTo(3);
    }
}
