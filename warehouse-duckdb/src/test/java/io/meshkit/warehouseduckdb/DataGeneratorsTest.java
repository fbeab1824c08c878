package io.meshkit.warehouseduckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.testing.DataGenerators;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataGeneratorsTest {
    private static final List<DataType> TYPES = List.of(DataType.BIGINT, DataType.VARCHAR, DataType.decimal(10, 2),
            DataType.TIMESTAMP, DataType.TIMESTAMP_TZ, DataType.of(DataType.Kind.BINARY), DataType.BOOLEAN, DataType.DATE);

    private static List<List<Object>> list(Iterator<List<Object>> it) {
        List<List<Object>> rows = new ArrayList<>();
        it.forEachRemaining(rows::add);
        return rows;
    }

    @Test
    void sameSeedSameRows() {
        List<List<Object>> a = list(DataGenerators.rows(7, 50, TYPES, 0.2));
        List<List<Object>> b = list(DataGenerators.rows(7, 50, TYPES, 0.2));
        List<List<Object>> c = list(DataGenerators.rows(8, 50, TYPES, 0.2));
        assertThat(a).hasSize(50).usingRecursiveComparison().isEqualTo(b);
        assertThat(a).usingRecursiveComparison().isNotEqualTo(c);
        assertThat(a.stream().flatMap(List::stream).filter(v -> v == null).count()).isBetween(40L, 120L);
    }

    @Test
    void insertedRowsReadBackEqual() {
        List<ColumnInfo> columns = new ArrayList<>();
        StringBuilder ddl = new StringBuilder("CREATE TABLE main.gen (");
        try (Warehouse w = Warehouses.open("duckdb::memory:")) {
            for (int i = 0; i < TYPES.size(); i++) {
                ColumnName name = ColumnName.of("c" + i);
                columns.add(new ColumnInfo(name, TYPES.get(i), w.dialect().typeName(TYPES.get(i)), true));
                ddl.append(i == 0 ? "" : ", ").append(w.dialect().quote(name)).append(' ').append(w.dialect().typeName(TYPES.get(i)));
            }
            w.execute(Sql.of(ddl.append(")").toString()));
            TableId t = TableId.of("main", "gen");
            // 1,234 rows: several batches and a partial last one
            long inserted = DataGenerators.insertRows(w, t, columns, DataGenerators.rows(42, 1234, TYPES, 0.1));
            assertThat(inserted).isEqualTo(1234);

            Iterator<List<Object>> expected = DataGenerators.rows(42, 1234, TYPES, 0.1);
            try (ResultRows rows = w.query(Sql.of("SELECT * FROM main.gen"))) {
                for (Row row : rows) { // DuckDB keeps insertion order
                    List<Object> e = expected.next();
                    for (int i = 0; i < e.size(); i++) {
                        if (e.get(i) instanceof BigDecimal d) {
                            assertThat((BigDecimal) row.get(i)).isEqualByComparingTo(d);
                        } else {
                            assertThat(row.get(i)).isEqualTo(e.get(i));
                        }
                    }
                }
            }
            assertThat(expected.hasNext()).isFalse();
        }
    }
}
