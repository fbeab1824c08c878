package io.meshkit.warehousepostgres;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.SchemeWarehouseProvider;
import io.meshkit.core.warehouse.Warehouse;
import java.util.Map;

/**
 * Opens {@code jdbc:postgresql:} URLs: core finds a provider by the text before the first colon, so
 * this one registers for {@code jdbc} and accepts only PostgreSQL's JDBC URLs.
 */
public final class JdbcPostgresWarehouseProvider extends SchemeWarehouseProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public JdbcPostgresWarehouseProvider() {
        super("jdbc");
    }

    /** The same warehouse as {@code postgres://} URIs: a project on either gets the same files from {@code meshkit init}. */
    @Override
    public String warehouseName() {
        return PostgresWarehouseProvider.SCHEME;
    }

    /** Only PostgreSQL's JDBC URLs. */
    @Override
    public boolean accepts(String uri) {
        return uri != null && uri.startsWith("jdbc:postgresql:");
    }

    @Override
    public Warehouse open(String uri, Map<String, String> settings) {
        if (!accepts(uri)) {
            throw new MeshkitException(ErrorCode.UNKNOWN_WAREHOUSE, "Cannot open warehouse " + PostgresWarehouseProvider.withoutSecrets(uri)
                    + ": of JDBC URLs only jdbc:postgresql: is a warehouse");
        }
        return new PostgresWarehouseProvider().open(uri, settings);
    }
}
