package io.meshkit.testing;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh database on a {@link TestingMySql} server for one test class, dropped afterwards.
 *
 * @param server the server
 * @param name the database name
 */
public record MySqlDatabase(TestingMySql server, String name) implements AutoCloseable {
    /** Validates the fields. */
    public MySqlDatabase {
        requireNonNull(server, "server is null");
        requireNonNull(name, "name is null");
    }

    /** A JDBC URL for this database. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** Opens a connection to this database. */
    public Connection openConnection() throws SQLException {
        return server.openConnection(name);
    }

    /** Runs statements in order on one new connection to this database: a test's fixture tables and rows. */
    public void execute(String... statements) throws SQLException {
        try (Connection c = openConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        server.dropDatabase(name);
    }
}
