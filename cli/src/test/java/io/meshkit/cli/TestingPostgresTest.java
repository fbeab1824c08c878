package io.meshkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The test kit's PostgreSQL: a fresh database per test, a skip only for an unreachable server, a failure instead when required. */
class TestingPostgresTest {
    private static final String NOBODY_LISTENS = "postgres://postgres@127.0.0.1:1/test";

    @Test
    void anUnreachableServerSkipsOrFailsWhenRequired() {
        String before = System.getProperty(TestingPostgres.REQUIRE_PROPERTY);
        try {
            System.setProperty(TestingPostgres.REQUIRE_PROPERTY, "false");
            assertThatThrownBy(() -> TestingPostgres.createDatabase(NOBODY_LISTENS)).isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("no PostgreSQL server for tests at " + NOBODY_LISTENS);
            System.setProperty(TestingPostgres.REQUIRE_PROPERTY, "true");
            assertThatThrownBy(() -> TestingPostgres.createDatabase(NOBODY_LISTENS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("-Dmeshkit.requirePostgres=true forbids skipping");
        } finally {
            if (before == null) {
                System.clearProperty(TestingPostgres.REQUIRE_PROPERTY);
            } else {
                System.setProperty(TestingPostgres.REQUIRE_PROPERTY, before);
            }
        }
    }

    @Test
    void aFreshDatabaseIsDroppedWhenClosed() {
        TestingPostgres.Database db = TestingPostgres.createDatabase();
        try (db; Warehouse w = Warehouses.open(db.uri());
                ResultRows rows = w.query(w.dialect().sql().sql("SELECT current_database() AS d").build())) {
            assertThat(w.uri()).endsWith("/" + db.name());
            assertThat(rows.iterator().next().getString("d")).isEqualTo(db.name());
        }
        assertThatThrownBy(() -> {
            try (Warehouse w = Warehouses.open(db.uri())) {
                w.listTables(Namespace.of("public"));
            }
        }).hasMessageContaining(db.name());
    }
}
