package io.meshkit.warehousebigquery.internal;

import com.google.auth.oauth2.GoogleCredentials;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.testing.WarehouseContractTest;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The shared contract against real BigQuery. Runs when {@code MESHKIT_BIGQUERY_PROJECT} names a
 * project and Application Default Credentials are present ({@code MESHKIT_BIGQUERY_LOCATION}
 * defaults to {@code EU}); skipped with the reason printed otherwise. Datasets {@code mk_*} are left
 * behind, empty.
 */
class BigQueryWarehouseIT extends WarehouseContractTest {
    private final BigQueryWarehouseContractTest offline = new BigQueryWarehouseContractTest();

    @Override
    protected Warehouse createWarehouse() {
        String project = System.getenv("MESHKIT_BIGQUERY_PROJECT");
        if (project == null || project.isBlank()) {
            skip("MESHKIT_BIGQUERY_PROJECT is not set");
        }
        try {
            GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            skip("no Application Default Credentials (" + e.getClass().getSimpleName() + ")"); // never the credentials themselves
        }
        String location = System.getenv().getOrDefault("MESHKIT_BIGQUERY_LOCATION", "EU");
        String uri = "bigquery:" + project + "/" + location;
        return BigQueryWarehouse.open(uri, BigQuerySettings.parse(uri, Map.of("run_id", "contract-it", "max_attempts", "3")));
    }

    private static void skip(String reason) {
        System.out.println("SKIPPED BigQueryWarehouseIT: " + reason);
        Assumptions.abort(reason);
    }

    @Override
    protected Sql generateSeries(long count) {
        return BigQueryWarehouseContractTest.series(count);
    }

    @Override
    protected boolean supportsLocalFileLoad() {
        return false;
    }

    @Override
    protected DataType expectedDescribedType(DataType written) {
        return offline.expectedDescribedType(written);
    }

    @Override
    @Test
    @Disabled("as in BigQueryWarehouseContractTest: JSON needs PARSE_JSON and HUGEINT reads back as BigDecimal")
    public void boundValuesOfEveryRowTypeRoundTrip() {}
}
