package io.meshkit.warehousebigquery.internal;

import io.meshkit.core.warehouse.SchemeWarehouseProvider;
import io.meshkit.core.warehouse.Warehouse;
import java.time.Duration;
import java.util.Map;

/**
 * Test scope only (shipped in this module's test jar, never in its main jar): scheme
 * {@value #SCHEME}, {@code bigquery-zetasql:PROJECT/LOCATION}, opens the real
 * {@link BigQueryWarehouse} over a fresh, empty {@link FakeBigQueryClient}, so every statement a
 * tool generates for BigQuery is analyzed by ZetaSQL ({@link AnalyzingClient}) and run by its
 * reference evaluator. Other modules' tests reach it through {@code Warehouses.open} alone, without
 * touching this module's internals (the {@code it-bigquery-eval} module does). Settings are
 * {@code bigquery:}'s; retries do not pause.
 */
public final class EvaluatorWarehouseProvider extends SchemeWarehouseProvider {
    /** The URI scheme. */
    public static final String SCHEME = "bigquery-zetasql";

    /** Used by {@link java.util.ServiceLoader}. */
    public EvaluatorWarehouseProvider() {
        super(SCHEME);
    }

    @Override
    public Warehouse open(String uri, Map<String, String> settings) {
        BigQuerySettings parsed = BigQuerySettings.parse("bigquery:" + uri.substring(SCHEME.length() + 1),
                settings == null ? Map.of() : settings);
        return new BigQueryWarehouse(uri, parsed, new AnalyzingClient(new FakeBigQueryClient()),
                new Retry(parsed.maxAttempts(), Duration.ZERO, Duration.ZERO, d -> {}));
    }
}
