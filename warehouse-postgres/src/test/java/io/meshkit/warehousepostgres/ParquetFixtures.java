package io.meshkit.warehousepostgres;

import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.testing.DataGenerators;
import io.meshkit.warehouseduckdb.DuckDbWarehouseProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parquet files for the load tests, written by DuckDB (a writer other than meshkit's, with its own encodings). */
final class ParquetFixtures {
    private ParquetFixtures() {}

    /** Writes a query of PostgreSQL to a Parquet file: its rows go through an in-memory DuckDB table. */
    static void export(Warehouse postgres, Sql query, Path file, String options) {
        try (Warehouse duck = duckdb(); ResultRows rows = postgres.query(query)) {
            List<ColumnInfo> columns = rows.columns().stream()
                    .map(c -> new ColumnInfo(c.name(), c.type(), duck.dialect().typeName(c.type()), true)).toList();
            TableId t = Namespace.of("main").table("export");
            duck.execute(duck.dialect().createTableIfNotExists(t, columns));
            List<List<Object>> values = new ArrayList<>();
            for (Row r : rows) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    row.add(r.get(i));
                }
                values.add(row);
            }
            DataGenerators.insertRows(duck, t, columns, values.iterator());
            duck.execute(duck.dialect().sql().sql("COPY ").table(t).sql(" TO ").bind(file.toString())
                    .sql(" (FORMAT PARQUET" + options + ")").build());
        }
    }

    /** Writes the rows of a DuckDB query (a constant of the test) to a Parquet file. */
    static void write(String duckDbSelect, Path file, String options) {
        try (Warehouse duck = duckdb()) {
            duck.execute(duck.dialect().sql().sql("COPY (" + duckDbSelect + ") TO ").bind(file.toString())
                    .sql(" (FORMAT PARQUET" + options + ")").build());
        }
    }

    /** Writes the rows of a DuckDB query (a constant of the test) to a CSV file with a header line. */
    static void writeCsv(String duckDbSelect, Path file) {
        try (Warehouse duck = duckdb()) {
            duck.execute(duck.dialect().sql().sql("COPY (" + duckDbSelect + ") TO ").bind(file.toString()).sql(" (FORMAT CSV, HEADER)").build());
        }
    }

    /** The rows of a DuckDB query over a Parquet file, each as its columns' text joined by {@code |}. */
    static List<String> read(Path file, String columns) {
        try (Warehouse duck = duckdb(); ResultRows rows = duck.query(duck.dialect().sql().sql("SELECT " + columns + " FROM read_parquet(")
                .bind(file.toString()).sql(") ORDER BY 1").build())) {
            return texts(rows);
        }
    }

    static List<String> texts(ResultRows rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < r.columns().size(); i++) {
                values.add(String.valueOf(r.get(i)));
            }
            out.add(String.join("|", values));
        }
        return out;
    }

    private static Warehouse duckdb() {
        return new DuckDbWarehouseProvider().open("duckdb::memory:", Map.of());
    }
}
