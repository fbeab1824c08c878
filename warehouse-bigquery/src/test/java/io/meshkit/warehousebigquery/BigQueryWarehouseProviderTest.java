package io.meshkit.warehousebigquery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.SupportsDryRun;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.warehousebigquery.internal.BigQueryWarehouse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider is found by scheme and validates the URI and settings before anything is sent. */
class BigQueryWarehouseProviderTest {
    @Test
    void serviceLoaderFindsTheBigQueryScheme() {
        assertThat(Warehouses.providers()).containsKey("bigquery");
        // opening sends nothing: no credentials are needed until the first call
        try (Warehouse w = Warehouses.open("bigquery:my-project/EU", Map.of("run_id", "run-1", "maximum_bytes_billed", "1000000000"))) {
            assertThat(w).isInstanceOf(BigQueryWarehouse.class);
            assertThat(w.uri()).isEqualTo("bigquery:my-project/EU");
            assertThat(w.dialect().name()).isEqualTo("bigquery");
            assertThat(w.supports(SupportsDryRun.class)).isTrue();
            assertThat(w.supports(SupportsTransactions.class)).isFalse();
            BigQueryWarehouse bq = (BigQueryWarehouse) w;
            assertThat(bq.settings().location()).isEqualTo("EU");
            assertThat(bq.settings().maximumBytesBilled()).hasValue(1_000_000_000L);
            assertThat(bq.settings().runId()).contains("run-1");
            assertThat(bq.settings().maxAttempts()).isEqualTo(5);
        }
    }

    @Test
    void badUrisAndSettingsAreUserErrors() {
        assertInvalid("bigquery:my-project", Map.of(), "Cannot open warehouse bigquery:my-project: expected bigquery:PROJECT/LOCATION, e.g."
                + " bigquery:my-project/EU");
        assertInvalid("bigquery:/EU", Map.of(), "Cannot open warehouse bigquery:/EU: expected bigquery:PROJECT/LOCATION, e.g."
                + " bigquery:my-project/EU");
        assertInvalid("bigquery:My Project/EU", Map.of(), "Cannot open warehouse bigquery:My Project/EU: project must be a Google Cloud"
                + " project id, e.g. my-project");
        assertInvalid("bigquery:my-project/EU", Map.of("memory_limit", "2GB"), "Cannot open warehouse bigquery:my-project/EU: unknown"
                + " setting(s) [memory_limit] (known: max_attempts, initial_backoff_ms, max_backoff_ms, maximum_bytes_billed, run_id)");
        assertInvalid("bigquery:my-project/EU", Map.of("max_attempts", "0"), "Cannot open warehouse bigquery:my-project/EU: max_attempts"
                + " must be a positive integer");
        assertInvalid("bigquery:my-project/EU", Map.of("run_id", "Run 1"), "Cannot open warehouse bigquery:my-project/EU: run_id must be"
                + " at most 63 lowercase letters, digits, '-' or '_' (a BigQuery label)");
    }

    @Test
    void withoutCredentialsTheFirstCallSaysHowToProvideThem() {
        boolean hasCredentials = System.getenv("GOOGLE_APPLICATION_CREDENTIALS") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"),
                        ".config/gcloud/application_default_credentials.json"));
        org.junit.jupiter.api.Assumptions.assumeFalse(hasCredentials, "this machine has Application Default Credentials");
        try (Warehouse w = Warehouses.open("bigquery:my-project/EU", Map.of("max_attempts", "1"))) {
            MeshkitException e = catchThrowableOfType(MeshkitException.class,
                    () -> w.query(w.dialect().sql().sql("SELECT 1").build()).close());
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e).hasMessageStartingWith("Cannot use warehouse bigquery:my-project/EU: no Application Default Credentials");
        }
    }

    private static void assertInvalid(String uri, Map<String, String> settings, String message) {
        MeshkitException e = catchThrowableOfType(MeshkitException.class, () -> Warehouses.open(uri, settings));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(e.exitCode()).isEqualTo(2);
        assertThat(e).hasMessage(message);
    }
}
