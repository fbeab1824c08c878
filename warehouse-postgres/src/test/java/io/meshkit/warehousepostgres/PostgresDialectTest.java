package io.meshkit.warehousepostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.RecordField;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.Warehouse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PostgreSQL's spelling of types, nested ones included, on the dialect and on the server. */
class PostgresDialectTest {
    private static final DataType STRUCT = DataType.struct(List.of(new DataType.Field("name", DataType.VARCHAR),
            new DataType.Field("n", DataType.BIGINT)));

    private final Dialect dialect = new PostgresWarehouseProvider().open(TestPostgres.url(), Map.of()).dialect();

    /** A dry run and the run it shows name the same temporary table: the name depends on the target only. */
    @Test
    void aReplacementIsWrittenUnderTheSameNameEveryTime() {
        TableId target = TableId.of("web_candidates", "totals");
        Sql select = Sql.of("SELECT 1 AS n");
        List<Sql> first = dialect.replaceTableAs(target, select);
        assertThat(dialect.replaceTableAs(target, select)).isEqualTo(first);
        String temporary = "\"web_candidates\"\\.\"meshkit_tmp_[0-9a-f]{32}\"";
        assertThat(first.get(0).text()).matches("DROP TABLE IF EXISTS " + temporary);
        assertThat(first.get(1).text()).matches("CREATE TABLE " + temporary + " AS SELECT 1 AS n");
        assertThat(dialect.replaceTableAs(TableId.of("web_candidates", "other"), select).get(1)).isNotEqualTo(first.get(1));
        assertThat(dialect.replaceTableAs(TableId.of("web_other", "totals"), select).get(1)).isNotEqualTo(first.get(1));
    }

    @Test
    void spellsPortableTypes() {
        assertThat(dialect.typeName(DataType.of(DataType.Kind.TINYINT))).isEqualTo("smallint");
        assertThat(dialect.typeName(DataType.decimal(18, 3))).isEqualTo("numeric(18,3)");
        assertThat(dialect.typeName(DataType.varchar(2))).isEqualTo("text");
        assertThat(dialect.typeName(DataType.TIMESTAMP_TZ)).isEqualTo("timestamptz");
        assertThat(dialect.typeName(DataType.of(DataType.Kind.HUGEINT))).isEqualTo("numeric(38,0)");
    }

    @Test
    void mapsNestedTypesArraysNativelyStructsAndMapsAsJsonb() {
        assertThat(dialect.typeName(DataType.array(DataType.BIGINT))).isEqualTo("bigint[]");
        assertThat(dialect.typeName(STRUCT)).isEqualTo("jsonb");
        assertThat(dialect.typeName(DataType.map(DataType.VARCHAR, DataType.BIGINT))).isEqualTo("jsonb");
        assertThat(dialect.typeName(DataType.array(STRUCT))).isEqualTo("jsonb");
        assertThat(dialect.typeName(DataType.array(DataType.array(DataType.BIGINT)))).isEqualTo("jsonb");
    }

    @Test
    void readsTheNamesItAndTheDriverWrite() {
        assertThat(dialect.parseType("character varying(40)")).contains(DataType.VARCHAR);
        assertThat(dialect.parseType("numeric(18,3)")).contains(DataType.decimal(18, 3));
        assertThat(dialect.parseType("timestamp without time zone")).contains(DataType.TIMESTAMP);
        assertThat(dialect.parseType("timestamp with time zone")).contains(DataType.TIMESTAMP_TZ);
        assertThat(dialect.parseType("timestamptz")).contains(DataType.TIMESTAMP_TZ);
        assertThat(dialect.parseType("time without time zone")).contains(DataType.of(DataType.Kind.TIME));
        assertThat(dialect.parseType("bigint[]")).contains(DataType.array(DataType.BIGINT));
        assertThat(dialect.parseType("_int8")).contains(DataType.array(DataType.BIGINT));
        assertThat(dialect.parseType("jsonb")).contains(DataType.JSON);
        assertThat(dialect.parseType("double precision")).contains(DataType.DOUBLE);
    }

    /** A collected record's values are cast to their fields' types, which the unnest's column definition list names. */
    @Test
    void collectAndUnnestSpellTheFieldTypes() {
        List<RecordField> fields = List.of(RecordField.of("k", DataType.BIGINT), RecordField.of("Name", DataType.VARCHAR));
        assertThat(dialect.collect(fields, List.of(Sql.of("a"), Sql.of("b")), Sql.of("a > 0")).text())
                .isEqualTo("array_agg(ROW(CAST(a AS bigint), CAST(b AS text))) FILTER (WHERE a > 0)");
        assertThat(dialect.unnest(Sql.of("n"), ColumnName.of("picked"), fields, Sql.of("d")).text())
                .isEqualTo("(SELECT d.* FROM n, unnest(n.\"picked\") AS d(\"k\" bigint, \"Name\" text)) d");
        assertThatThrownBy(() -> dialect.collect(fields, List.of(Sql.of("a")), Sql.of("true"))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Nested columns made with the dialect's spelling hold values and are described back. */
    @Test
    void nestedColumnsOnTheServer() {
        try (Warehouse w = new PostgresWarehouseProvider().open(TestPostgres.url(), Map.of())) {
            Namespace ns = Namespace.of("postgres_branch_nested_" + ProcessHandle.current().pid());
            w.createNamespace(ns);
            TableId t = ns.table("nested");
            try {
                w.execute(w.dialect().createTableIfNotExists(t, List.of(
                        new ColumnInfo(ColumnName.of("tags"), DataType.array(DataType.VARCHAR), "", true),
                        new ColumnInfo(ColumnName.of("owner"), STRUCT, "", true),
                        new ColumnInfo(ColumnName.of("attrs"), DataType.map(DataType.VARCHAR, DataType.BIGINT), "", true))));
                w.execute(w.dialect().sql().sql("INSERT INTO ").table(t).sql(" VALUES (").bind(new String[] {"a", "b"}).sql(", ")
                        .bind("{\"name\": \"Zoë\", \"n\": 1}").sql(", ").bind("{\"k\": 2}").sql(")").build());
                TableInfo info = w.describe(t).orElseThrow();
                assertThat(info.columns()).extracting(c -> c.type()).containsExactly(DataType.array(DataType.VARCHAR), DataType.JSON, DataType.JSON);
                try (ResultRows rows = w.query(w.dialect().sql().sql("SELECT tags, owner ->> 'name' AS name, attrs FROM ").table(t).build())) {
                    Row r = rows.iterator().next();
                    assertThat(r.getString("tags")).isEqualTo("{a,b}");
                    assertThat(r.getString("name")).isEqualTo("Zoë");
                    assertThat(r.getString("attrs")).isEqualTo("{\"k\": 2}");
                }
            } finally {
                w.execute(w.dialect().sql().sql("DROP SCHEMA ").namespace(ns).sql(" CASCADE").build());
            }
        }
    }
}
