package io.meshkit.cli;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opentest4j.TestAbortedException;

/**
 * A PostgreSQL server for tests that run meshkit on it as a warehouse: {@code MESHKIT_TEST_POSTGRES_URL}
 * (a {@code postgres://} URI or a {@code jdbc:postgresql:} URL), else the server every development
 * machine runs, {@value #DEFAULT_URL}. Opened through the warehouse provider on the class path
 * ({@code warehouse-postgres}), so the tests need no driver of their own. (In the CLI's tests, not in
 * the shared kit: no class outside the warehouse modules is named after a warehouse.)
 *
 * <p>{@link #createDatabase()} gives each test a fresh database, dropped when the test closes it.
 * Only an unreachable server skips the test (an assumption, the reason printed); with
 * {@code -Dmeshkit.requirePostgres=true} (set by {@code .ci/run}) it fails instead, so CI cannot go
 * green by skipping.
 */
public final class TestingPostgres {
    /** The environment variable naming the server. */
    public static final String URL_VARIABLE = "MESHKIT_TEST_POSTGRES_URL";
    /** The system property that turns a missing server into a failure. */
    public static final String REQUIRE_PROPERTY = "meshkit.requirePostgres";
    /** The server when {@link #URL_VARIABLE} is not set. */
    public static final String DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^((?:jdbc:)?postgres(?:ql)?://[^/?]*)/[^?]*(\\?.*)?$");
    private static final Pattern TEST_DATABASE = Pattern.compile("meshkit_test_[0-9a-f]{12}");

    private TestingPostgres() {}

    /**
     * A fresh database with a unique name on the server.
     *
     * @throws TestAbortedException when the server cannot be reached (an {@link IllegalStateException} under {@value #REQUIRE_PROPERTY})
     */
    public static Database createDatabase() {
        return createDatabase(serverUrl());
    }

    /** {@link #createDatabase()} on the server of this URL. */
    public static Database createDatabase(String server) {
        String name = "meshkit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Warehouse w = Warehouses.open(server)) {
            w.execute(Sql.of("CREATE DATABASE " + w.dialect().quoteIdentifier(name)));
        } catch (MeshkitException e) {
            if (e.code() != ErrorCode.WAREHOUSE_FAILURE || !e.getMessage().startsWith("Cannot open warehouse")) {
                throw e;
            }
            String reason = "no PostgreSQL server for tests at " + server + " (" + e.getMessage() + "; set " + URL_VARIABLE + ")";
            if (Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"))) {
                throw new IllegalStateException(reason + " and -D" + REQUIRE_PROPERTY + "=true forbids skipping", e);
            }
            System.err.println("SKIPPED: " + reason);
            throw new TestAbortedException(reason, e);
        }
        return new Database(server, name);
    }

    /** The server's URL, from {@link #URL_VARIABLE} or {@link #DEFAULT_URL}. */
    public static String serverUrl() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /**
     * A database made by {@link #createDatabase()}; {@link #close()} drops it with whatever is in it.
     *
     * @param server the server's URL (its own database)
     * @param name the test database's name
     */
    public record Database(String server, String name) implements AutoCloseable {
        /** Validates. */
        public Database {
            requireNonNull(server, "server is null");
            if (!TEST_DATABASE.matcher(name).matches()) {
                throw new IllegalArgumentException("not a test database: " + name);
            }
        }

        /** The warehouse URI of this database: the server's URL with the database replaced. */
        public String uri() {
            Matcher m = DATABASE_IN_URL.matcher(server);
            if (!m.matches()) {
                throw new IllegalArgumentException("expected postgres://USER@HOST:PORT/DATABASE in " + URL_VARIABLE + ", got " + server);
            }
            return m.group(1) + "/" + name + (m.group(2) == null ? "" : m.group(2));
        }

        @Override
        public void close() {
            try (Warehouse w = Warehouses.open(server)) {
                w.execute(Sql.of("DROP DATABASE IF EXISTS " + w.dialect().quoteIdentifier(name) + " WITH (FORCE)"));
            }
        }
    }
}
