package io.meshkit.warehousepostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The URIs that open PostgreSQL, found through the service loader as the CLI finds them. */
class PostgresWarehouseProviderTest {
    @Test
    void opensPostgresPostgresqlAndJdbcUrisThroughTheServiceLoader() {
        for (String uri : new String[] {TestPostgres.url(), TestPostgres.url().replaceFirst("^postgres://", "postgresql://"),
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"}) {
            try (Warehouse w = Warehouses.open(uri); ResultRows r = w.query(Sql.of("SELECT current_setting('TimeZone') AS tz"))) {
                assertThat(w.dialect().name()).isEqualTo("postgres");
                assertThat(r.iterator().next().getString("tz")).isEqualTo("UTC");
            }
        }
    }

    @Test
    void keepsPasswordsOutOfTheUri() {
        assertThat(PostgresWarehouseProvider.withoutSecrets("postgres://ann:s3cret@db:5432/wh")).isEqualTo("postgres://ann:***@db:5432/wh");
        assertThat(PostgresWarehouseProvider.withoutSecrets("jdbc:postgresql://db/wh?user=ann&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/wh?user=ann&password=***&ssl=true");
    }

    @Test
    void badUrisFailOnOneLine() {
        PostgresWarehouseProvider p = new PostgresWarehouseProvider();
        assertThatThrownBy(() -> p.open("postgres://127.0.0.1:5432", Map.of())).isInstanceOf(MeshkitException.class)
                .hasMessage("Cannot open warehouse postgres://127.0.0.1:5432: name one database after the host (postgres://USER@HOST:PORT/DATABASE)");
        assertThatThrownBy(() -> new JdbcPostgresWarehouseProvider().open("jdbc:mysql://h/db", Map.of())).isInstanceOf(MeshkitException.class)
                .satisfies(e -> assertThat(((MeshkitException) e).code()).isEqualTo(ErrorCode.UNKNOWN_WAREHOUSE))
                .hasMessageContaining("only jdbc:postgresql: is a warehouse");
        assertThatThrownBy(() -> p.open("postgres://ann:s3cret@127.0.0.1:5432/postgres_branch_no_such_db", Map.of()))
                .isInstanceOf(MeshkitException.class)
                .hasMessageStartingWith("Cannot open warehouse postgres://ann:***@127.0.0.1:5432/postgres_branch_no_such_db: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").doesNotContain("\n"));
    }
}
