package io.meshkit.warehousepostgres;

import io.meshkit.core.warehouse.SchemeWarehouseProvider;
import io.meshkit.core.warehouse.Warehouse;
import java.util.Map;

/**
 * Opens {@code postgresql://} URIs, libpq's other spelling of {@code postgres://}: core finds a provider
 * by the text before the first colon, so this one registers for {@code postgresql} and opens them as
 * {@link PostgresWarehouseProvider} does.
 */
public final class PostgresqlWarehouseProvider extends SchemeWarehouseProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public PostgresqlWarehouseProvider() {
        super("postgresql");
    }

    /** The same warehouse as {@code postgres://} URIs: a project on either gets the same files from {@code meshkit init}. */
    @Override
    public String warehouseName() {
        return PostgresWarehouseProvider.SCHEME;
    }

    @Override
    public Warehouse open(String uri, Map<String, String> settings) {
        return new PostgresWarehouseProvider().open(uri, settings);
    }
}
