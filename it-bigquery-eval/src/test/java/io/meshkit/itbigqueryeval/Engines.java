package io.meshkit.itbigqueryeval;

import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;

/**
 * The two warehouses every test here runs the same work on: DuckDB in memory (the reference), and
 * BigQuery offline, that is the real {@code BigQueryWarehouse} whose statements ZetaSQL analyzes and
 * its reference evaluator runs over in-memory tables (scheme {@code bigquery-zetasql}, from
 * warehouse-bigquery's test jar). Each call opens a new, empty warehouse.
 */
final class Engines {
    private Engines() {}

    static Warehouse duckDb() {
        return Warehouses.open("duckdb::memory:");
    }

    static Warehouse bigQueryEvaluator() {
        return Warehouses.open("bigquery-zetasql:meshkit-eval/EU");
    }
}
