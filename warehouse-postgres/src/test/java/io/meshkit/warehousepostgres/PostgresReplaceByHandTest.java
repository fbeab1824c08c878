package io.meshkit.warehousepostgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.WriteMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statements a dry run prints for a replacing {@code CREATE TABLE AS} ({@code publish stage}), run by hand one at a
 * time without a transaction and stopped after the create: the temporary table stays, under the name the next run
 * uses. Neither the printed statements run again nor the warehouse may fail on it.
 */
class PostgresReplaceByHandTest extends AbstractSchemaTest {
    PostgresReplaceByHandTest() {
        super("replace_by_hand");
    }

    @Test
    void aRunByHandStoppedAfterTheCreateDoesNotStopTheNextRun() {
        TableId target = namespace.table("totals");
        List<Sql> printed = warehouse.dialect().replaceTableAs(target, Sql.of("SELECT 1 AS n"));
        stopAfterTheCreate(printed);
        assertThat(tables()).singleElement().asString().startsWith("meshkit_tmp_");

        printed.forEach(warehouse::execute);
        assertThat(tables()).containsExactly("totals");
        assertThat(count(target)).isEqualTo(1);

        stopAfterTheCreate(printed);
        var stats = warehouse.createTableAs(target, Sql.of("SELECT generate_series(1, 3) AS n"), TableLayout.NONE, WriteMode.REPLACE);
        assertThat(stats.rowsAffected()).hasValue(3);
        assertThat(tables()).containsExactly("totals");
        assertThat(count(target)).isEqualTo(3);
    }

    /** Runs the statements up to and including the create, each committed on its own (as psql does by default). */
    private void stopAfterTheCreate(List<Sql> statements) {
        for (Sql s : statements) {
            warehouse.execute(s);
            if (s.text().startsWith("CREATE TABLE")) {
                return;
            }
        }
    }

    private List<String> tables() {
        List<String> names = new ArrayList<>();
        warehouse.listTables(namespace).forEach(t -> names.add(t.name()));
        return names;
    }

    private long count(TableId t) {
        try (ResultRows r = warehouse.query(warehouse.dialect().sql().sql("SELECT count(*) FROM ").table(t).build())) {
            return ((Number) r.iterator().next().get(0)).longValue();
        }
    }
}
