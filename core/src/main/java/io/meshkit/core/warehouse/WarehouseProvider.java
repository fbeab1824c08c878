package io.meshkit.core.warehouse;

import java.nio.file.Path;
import java.util.Optional;

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

    /**
     * Whether the warehouse a URI names exists already, without creating it: false only when a
     * warehouse this provider keeps in a local file has no file yet (opening it would create an empty
     * one). A warehouse that is a service is taken to exist (the default) and fails when reached.
     * Commands that only read use it, through {@link Warehouses#requireExisting}, to refuse a mistyped path.
     *
     * @param uri the whole URI, as for {@link #open}
     */
    default boolean exists(String uri) {
        return true;
    }

    /**
     * The URI of a warehouse this provider keeps in one local file, if it is an embedded engine: for
     * warehouses that exist only for a while (a golden test's run), found through
     * {@link Warehouses#embeddedUri}. Empty (the default) for a warehouse that is a service.
     *
     * @param directory the directory the file goes in
     * @param name the file's name without an extension (the provider adds its own)
     */
    default Optional<String> embeddedUri(Path directory, String name) {
        return Optional.empty();
    }

    /**
     * Whether this provider opens URIs of this form, without connecting: true (the default) for any URI of
     * its scheme; false where a scheme it shares holds other forms too (of {@code jdbc:} URLs, one engine's).
     * {@code meshkit init} refuses a URI its provider does not accept instead of writing a project for it.
     *
     * @param uri the whole URI, as for {@link #open}
     */
    default boolean accepts(String uri) {
        return true;
    }

    /**
     * The name of the warehouse this provider opens, the same for every URI form of one warehouse: under it
     * {@code meshkit init} keeps the files a project on this warehouse gets ({@code warehouses/<name>/}).
     * The scheme by default; a provider that opens another URI form of a warehouse another provider
     * names (a JDBC URL, say) returns that provider's name.
     */
    default String warehouseName() {
        return scheme();
    }

    /**
     * The engine settings a new project's {@code meshkit.yaml} starts with for this warehouse
     * ({@code meshkit init}), in order; none by default. Only keys {@link #open} accepts.
     */
    default java.util.Map<String, String> projectSettings() {
        return java.util.Map.of();
    }
}
