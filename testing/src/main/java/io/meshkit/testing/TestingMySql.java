package io.meshkit.testing;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A MySQL server for tests, from the first of:
 * <ol>
 *   <li>{@code MESHKIT_TEST_MYSQL_URL} (e.g. {@code jdbc:mysql://127.0.0.1:3306/test?user=root}; a
 *       password, if any, in {@code MESHKIT_TEST_MYSQL_PASSWORD}): CI points it at the local server;</li>
 *   <li>Testcontainers' MySQL, when a Docker engine answers;</li>
 *   <li>none: {@link #find()} returns empty with the reason in {@link #unavailableReason()}.</li>
 * </ol>
 * Each test class gets its own database ({@link #createDatabase()}), dropped on {@link #close()}.
 * Use it through {@link MySqlExtension}, which skips (or, with {@code -Dmeshkit.requireMysql=true},
 * fails) when there is no server.
 */
public final class TestingMySql implements AutoCloseable {
    /** The environment variable naming an existing server. */
    public static final String URL_VARIABLE = "MESHKIT_TEST_MYSQL_URL";
    /** The environment variable holding that server's password, if it has one. */
    public static final String PASSWORD_VARIABLE = "MESHKIT_TEST_MYSQL_PASSWORD";
    /** The system property that turns a missing server into a failure. */
    public static final String REQUIRE_PROPERTY = "meshkit.requireMysql";

    private static volatile String unavailableReason = "not looked for yet";

    private final String baseUrl;
    private final Properties credentials;
    private final MySQLContainer container;
    private final String description;

    private TestingMySql(String baseUrl, Properties credentials, MySQLContainer container, String description) {
        this.baseUrl = requireNonNull(baseUrl, "baseUrl is null");
        this.credentials = credentials;
        this.container = container;
        this.description = description;
    }

    /** Finds a server, or empty with the reason in {@link #unavailableReason()}. */
    public static Optional<TestingMySql> find() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            Properties props = new Properties();
            String password = System.getenv(PASSWORD_VARIABLE);
            if (password != null) {
                props.setProperty("password", password);
            }
            return Optional.of(new TestingMySql(url, props, null, URL_VARIABLE + " (" + redact(url) + ")"));
        }
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            unavailableReason = "no MySQL server for tests: " + URL_VARIABLE + " is not set and no Docker engine answers for Testcontainers";
            return Optional.empty();
        }
        MySQLContainer c = new MySQLContainer(DockerImageName.parse("mysql:8.4"));
        c.start();
        Properties props = new Properties();
        props.setProperty("user", "root");
        props.setProperty("password", c.getPassword());
        return Optional.of(new TestingMySql(c.getJdbcUrl(), props, c, "Testcontainers " + c.getDockerImageName()));
    }

    /** Why {@link #find()} found no server. */
    public static String unavailableReason() {
        return unavailableReason;
    }

    /** Whether a missing server must fail the build ({@code -Dmeshkit.requireMysql=true}). */
    public static boolean required() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"));
    }

    /** Where the server came from, without secrets. */
    public String description() {
        return description;
    }

    /** Opens a connection to the server's default database. */
    public Connection openConnection() throws SQLException {
        return DriverManager.getConnection(baseUrl, credentials);
    }

    /** Opens a connection to a database of this server. */
    public Connection openConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), credentials);
    }

    /** A JDBC URL for a database of this server, with the same user and options as the base URL. */
    public String jdbcUrl(String database) {
        int scheme = baseUrl.indexOf("//");
        int slash = baseUrl.indexOf('/', scheme + 2);
        int query = baseUrl.indexOf('?');
        String hostPart = slash < 0 ? (query < 0 ? baseUrl : baseUrl.substring(0, query)) : baseUrl.substring(0, slash);
        String params = query < 0 ? "" : baseUrl.substring(query);
        return hostPart + "/" + database + params;
    }

    /** The user and password to connect with. */
    public Properties credentials() {
        Properties copy = new Properties();
        copy.putAll(credentials);
        return copy;
    }

    /** Creates a fresh database with a unique name and returns the name. */
    public String createDatabase() throws SQLException {
        String name = "meshkit_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = openConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4");
        }
        return name;
    }

    /** Drops a database created by {@link #createDatabase()}. */
    public void dropDatabase(String name) throws SQLException {
        if (!name.matches("meshkit_test_[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a test database: " + name);
        }
        try (Connection c = openConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + name + "`");
        }
    }

    @Override
    public void close() {
        if (container != null) {
            container.stop();
        }
    }

    /** A URL with any password parameter removed, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }
}
