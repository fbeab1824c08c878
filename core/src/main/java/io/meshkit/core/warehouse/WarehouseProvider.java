package io.meshkit.core.warehouse;

/**
 * Opens warehouses for one URI scheme. Registered in
 * {@code META-INF/services/io.meshkit.core.warehouse.WarehouseProvider}, so adding a warehouse is
 * adding a jar.
 */
public interface WarehouseProvider {
    /** The URI scheme this provider opens, e.g. {@code duckdb}. */
    String scheme();

    /**
     * Opens a warehouse.
     *
     * @param uri the whole URI, e.g. {@code duckdb:.meshkit/warehouse.duckdb} or {@code duckdb::memory:}
     * @param settings engine settings from configuration (e.g. {@code memory_limit}, {@code threads})
     */
    Warehouse open(String uri, java.util.Map<String, String> settings);
}
