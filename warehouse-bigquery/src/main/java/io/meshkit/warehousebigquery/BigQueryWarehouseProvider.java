package io.meshkit.warehousebigquery;

import io.meshkit.core.warehouse.SchemeWarehouseProvider;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.warehousebigquery.internal.BigQuerySettings;
import io.meshkit.warehousebigquery.internal.BigQueryWarehouse;
import java.util.Map;

/**
 * Opens BigQuery warehouses, scheme {@code bigquery}: {@code bigquery:PROJECT/LOCATION}, e.g.
 * {@code bigquery:my-project/EU}. Namespaces are datasets of that project, created in that location.
 * Credentials are Application Default Credentials; none is ever read from the URI or the settings.
 *
 * <p>Settings: {@code max_attempts} (attempts of a rate-limited job, default 5),
 * {@code initial_backoff_ms} (default 1000), {@code max_backoff_ms} (default 32000),
 * {@code maximum_bytes_billed} (a cap per query), {@code run_id} (the job label
 * {@code meshkit-run-id}). Other keys are rejected.
 */
public final class BigQueryWarehouseProvider extends SchemeWarehouseProvider {
    /** The URI scheme. */
    public static final String SCHEME = "bigquery";

    /** Used by {@link java.util.ServiceLoader}. */
    public BigQueryWarehouseProvider() {
        super(SCHEME);
    }

    /**
     * Opens the warehouse a {@code bigquery:} URI names. Nothing is sent to BigQuery until the first call.
     *
     * @throws io.meshkit.core.error.MeshkitException with {@code INVALID_ARGUMENT} for a malformed URI or setting
     */
    @Override
    public Warehouse open(String uri, Map<String, String> settings) {
        return BigQueryWarehouse.open(uri, BigQuerySettings.parse(uri, settings == null ? Map.of() : settings));
    }
}
