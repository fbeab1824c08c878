package io.meshkit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MySqlExtension.class)
class TestingMySqlIT {
    @Test
    void connectsThroughConnectorJAndRoundTripsRows(MySqlDatabase db) throws Exception {
        try (Connection c = db.openConnection(); Statement s = c.createStatement()) {
            assertThat(c.getMetaData().getDriverName()).contains("MySQL Connector/J");
            assertThat(c.getCatalog()).isEqualTo(db.name());
            s.execute("CREATE TABLE t (id BIGINT UNSIGNED PRIMARY KEY, name VARCHAR(50) CHARACTER SET utf8mb4)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                p.setString(1, "18446744073709551615");
                p.setString(2, "Zoë 🎵");
                p.executeUpdate();
            }
            try (ResultSet r = s.executeQuery("SELECT id, name FROM t")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getBigDecimal(1).toBigInteger().toString()).isEqualTo("18446744073709551615");
                assertThat(r.getString(2)).isEqualTo("Zoë 🎵");
            }
        }
    }

    @Test
    void eachTestClassGetsItsOwnDatabaseOnTheSameServer(MySqlDatabase db, TestingMySql server) throws Exception {
        assertThat(db.server()).isSameAs(server);
        assertThat(db.name()).matches("meshkit_test_[0-9a-f]{12}");
        try (Connection c = server.openConnection(); ResultSet r = c.getMetaData().getCatalogs()) {
            boolean found = false;
            while (r.next()) {
                found |= r.getString(1).equals(db.name());
            }
            assertThat(found).isTrue();
        }
    }

    @Test
    void redactsPasswordsInDescriptions() {
        assertThat(TestingMySql.redact("jdbc:mysql://h:3306/db?user=root&password=s3cret&ssl=false"))
                .isEqualTo("jdbc:mysql://h:3306/db?user=root&password=***&ssl=false");
        assertThat(TestingMySql.redact("jdbc:mysql://root:s3cret@h:3306/db")).isEqualTo("jdbc:mysql://root:***@h:3306/db");
    }
}
