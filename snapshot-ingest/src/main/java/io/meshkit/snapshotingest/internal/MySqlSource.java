package io.meshkit.snapshotingest.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.identifier.Identifiers;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.secret.Secrets;
import io.meshkit.core.secret.SourceUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * A MySQL (or MariaDB) source: where its URL points, how to connect, and what its tables look like.
 * The password never travels in the URL: it comes from {@code MESHKIT_MYSQL_PASSWORD}, and every URL
 * this class prints is {@link #redactedUrl() redacted}.
 */
public final class MySqlSource {
    /** The environment variable holding the source password. */
    public static final String PASSWORD_VARIABLE = Secrets.MYSQL_PASSWORD_VARIABLE;

    private static final Pattern URL = Pattern.compile("(?:jdbc:)?(mysql|mariadb)://([^/?#]*)(?:/([^?#]*))?(?:\\?(.*))?");

    private final String host;
    private final int port;
    private final String database;
    private final String jdbcUrl;
    private final String redactedUrl;
    private final Properties properties;
    private final Jdbi jdbi;

    private MySqlSource(String host, int port, String database, String jdbcUrl, String redactedUrl, Properties properties) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.jdbcUrl = jdbcUrl;
        this.redactedUrl = redactedUrl;
        this.properties = properties;
        this.jdbi = Jdbi.create(this::open);
        // bound values may be row data (chunk bounds): keep them out of exception messages
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /**
     * A source from a URL such as {@code jdbc:mysql://host:3306/db?user=meshkit} (or {@code mysql://...}),
     * with the password (may be null) from the environment.
     */
    public static MySqlSource of(String url, String password) {
        requireNonNull(url, "url is null");
        // the secret policy first, on every form the driver reads a password from (SECURITY.md)
        SourceUrl.parse(url).requireNoSecret(PASSWORD_VARIABLE);
        Matcher m = URL.matcher(url.trim());
        if (!m.matches()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use source " + redact(url)
                    + ": expected jdbc:mysql://HOST[:PORT]/DATABASE[?user=USER]");
        }
        String authority = m.group(2);
        String params = m.group(4) == null ? "" : m.group(4);
        Properties props = new Properties();
        String hostPort = authority;
        if (authority.contains("@")) {
            props.setProperty("user", authority.substring(0, authority.indexOf('@')));
            hostPort = authority.substring(authority.indexOf('@') + 1);
        }
        String host = hostPort;
        int port = 3306;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use source " + redact(url) + ": port is not a number", e);
            }
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        String database = m.group(3) == null ? "" : m.group(3);
        if (database.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use source " + redact(url)
                    + ": name the database, e.g. jdbc:mysql://" + host + ":" + port + "/shop");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String kv : params.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int eq = kv.indexOf('=');
            settings.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        settings.forEach(props::setProperty);
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        // what the reader relies on: text results in UTF-8, YEAR as a number, no cursor fetch (streaming instead)
        props.setProperty("characterEncoding", "UTF-8");
        props.putIfAbsent("connectionCollation", "utf8mb4_general_ci");
        props.setProperty("yearIsDateType", "false");
        props.setProperty("tinyInt1isBit", "false");
        props.setProperty("useCursorFetch", "false");
        props.putIfAbsent("connectTimeout", "10000");
        props.putIfAbsent("allowPublicKeyRetrieval", "true");
        String jdbcUrl = "jdbc:mysql://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port + "/" + database;
        return new MySqlSource(host, port, database, jdbcUrl, redact(url), props);
    }

    /** A URL with any password removed, for messages and manifests. */
    public static String redact(String url) {
        if (url == null) {
            return "";
        }
        return Secrets.redact(url);
    }

    /** The host. */
    public String host() {
        return host;
    }

    /** The port. */
    public int port() {
        return port;
    }

    /** The database the tables are read from. */
    public String database() {
        return database;
    }

    /** The URL without secrets. */
    public String redactedUrl() {
        return redactedUrl;
    }

    /** Jdbi over this source, for metadata queries. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Opens a connection with session time zone UTC (TIMESTAMP values arrive in UTC). */
    public Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, properties);
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Opens a connection, turning failures into one-line errors with host and port. */
    public Connection connect() {
        try {
            return open();
        } catch (SQLException e) {
            throw failure("connect to", e);
        }
    }

    /** A source error as a meshkit error: {@code Cannot <verb> MySQL at host:port: reason}. */
    public MeshkitException failure(String verb, SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("").trim();
        int code = e.getErrorCode();
        if (code == 1049) {
            return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb + " MySQL at " + host + ":" + port
                    + ": database " + Identifiers.describe(database) + " does not exist", e);
        }
        // 1045, or MariaDB's 1698 for a user without a password (SQLSTATE 28000 either way); 1044: no access to the database
        if (code == 1045 || code == 1698 || "28000".equals(e.getSQLState())) {
            return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb + " MySQL at " + host + ":" + port
                    + ": access denied (check the user in the URL and " + PASSWORD_VARIABLE + ")", e);
        }
        if (code == 1044) {
            return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb + " MySQL at " + host + ":" + port
                    + ": access denied to database " + Identifiers.describe(database) + " (grant the user SELECT on it)", e);
        }
        return new MeshkitException(ErrorCode.SOURCE_FAILURE, "Cannot " + verb + " MySQL at " + host + ":" + port + ": " + reason, e);
    }

    /** The server's product and version, e.g. {@code MariaDB 10.11.19}. */
    public ServerInfo server(Handle h) {
        String version = h.createQuery("SELECT VERSION()").mapTo(String.class).one();
        return new ServerInfo(version.toLowerCase(Locale.ROOT).contains("mariadb"), version);
    }

    /**
     * The server behind a source.
     *
     * @param mariaDb whether it is MariaDB (else MySQL)
     * @param version {@code VERSION()}
     */
    public record ServerInfo(boolean mariaDb, String version) {
        /** E.g. {@code mariadb 10.11.19-MariaDB}. */
        public String system() {
            return (mariaDb ? "mariadb " : "mysql ") + version;
        }
    }

    /** Reads a table's columns, key and size estimate from {@code information_schema}. */
    public SourceTable describe(String table) {
        try (Handle h = jdbi.open()) {
            boolean mariaDb = server(h).mariaDb();
            List<Map<String, Object>> rows = h.createQuery("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, NUMERIC_PRECISION, "
                            + "NUMERIC_SCALE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")
                    .bind(0, database).bind(1, table).mapToMap().list();
            if (rows.isEmpty()) {
                throw new NoSuchTableException("snapshot", TableId.of(database, table));
            }
            List<String> jsonColumns = mariaDb
                    ? h.createQuery("SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?")
                            .bind(0, database).bind(1, table).mapTo(String.class).list()
                    : List.of();
            List<SourceColumn> columns = new ArrayList<>();
            for (Map<String, Object> r : rows) {
                String name = (String) r.get("column_name");
                String dataType = (String) r.get("data_type");
                boolean json = jsonColumns.stream().anyMatch(c -> c.replace(" ", "").equalsIgnoreCase("json_valid(`" + name.replace("`", "``") + "`)"));
                columns.add(MySqlTypes.map(table, name, dataType, (String) r.get("column_type"), "YES".equals(r.get("is_nullable")),
                        number(r.get("numeric_precision")), number(r.get("numeric_scale")), json));
            }
            List<String> key = h.createQuery("SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                            + "AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX")
                    .bind(0, database).bind(1, table).mapTo(String.class).list();
            Long estimate = h.createQuery("SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")
                    .bind(0, database).bind(1, table).mapTo(Long.class).findOne().orElse(0L);
            return new SourceTable(database, table, columns, key, estimate == null ? 0 : estimate);
        } catch (org.jdbi.v3.core.ConnectionException e) {
            throw e.getCause() instanceof SQLException s ? failure("connect to", s) : e;
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            throw e.getCause() instanceof SQLException s ? failure("describe table " + table + " on", s) : e;
        }
    }

    private static int number(Object o) {
        return o == null ? -1 : ((Number) o).intValue();
    }
}
