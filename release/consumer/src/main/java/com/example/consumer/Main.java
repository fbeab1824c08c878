package com.example.consumer;

import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;

/** Opens the embedded warehouse through meshkit's SPI (DuckDB found by ServiceLoader) and runs a query. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        try (Warehouse warehouse = Warehouses.open("duckdb::memory:");
                ResultRows rows = warehouse.query(Sql.of("SELECT 40 + 2 AS answer"))) {
            for (Row row : rows) {
                System.out.println("answer=" + row.getLong("answer"));
            }
        }
    }
}
