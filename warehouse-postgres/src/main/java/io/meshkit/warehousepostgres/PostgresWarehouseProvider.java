package io.meshkit.warehousepostgres;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.SchemeWarehouseProvider;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.warehousepostgres.internal.PostgresWarehouse;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * Opens PostgreSQL warehouses, scheme {@code postgres} (also registered for {@code jdbc:postgresql:}
 * URLs by {@link JdbcPostgresWarehouseProvider}).
 *
 * <ul>
 *   <li>{@code postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?PARAM=VALUE&...]}: the libpq URI form;
 *       the parameters are the JDBC driver's (e.g. {@code sslmode=require}). {@code postgresql://} works too.
 *   <li>{@code jdbc:postgresql://HOST[:PORT]/DATABASE?user=...}: a JDBC URL, as it is.
 * </ul>
 *
 * <p>Settings from configuration are passed to the driver as connection properties (e.g.
 * {@code password}, {@code sslmode}). A password is never part of {@link Warehouse#uri()}.
 */
public final class PostgresWarehouseProvider extends SchemeWarehouseProvider {
    /** The URI scheme. */
    public static final String SCHEME = "postgres";

    private static final String JDBC_PREFIX = "jdbc:postgresql:";

    /** Used by {@link java.util.ServiceLoader}. */
    public PostgresWarehouseProvider() {
        super(SCHEME);
    }

    /**
     * Connects to the database a {@code postgres://} URI or a {@code jdbc:postgresql:} URL names.
     *
     * @throws MeshkitException with {@link ErrorCode#INVALID_ARGUMENT} for a malformed URI, or a
     *     warehouse failure when the server cannot be reached or refuses the login
     */
    @Override
    public Warehouse open(String uri, Map<String, String> settings) {
        Properties properties = new Properties();
        if (settings != null) {
            settings.forEach(properties::setProperty);
        }
        if (uri != null && uri.startsWith(JDBC_PREFIX)) {
            return PostgresWarehouse.open(withoutSecrets(uri), uri, properties);
        }
        if (uri == null || !(uri.startsWith("postgres://") || uri.startsWith("postgresql://"))) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot open warehouse " + uri
                    + ": expected postgres://USER@HOST:PORT/DATABASE or jdbc:postgresql://HOST:PORT/DATABASE");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot open warehouse " + withoutSecrets(uri) + ": " + e.getReason(), e);
        }
        if (parsed.getHost() == null) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot open warehouse " + withoutSecrets(uri)
                    + ": no host (use postgres://USER@HOST:PORT/DATABASE)");
        }
        String database = parsed.getRawPath() == null || parsed.getRawPath().length() <= 1 ? "" : parsed.getRawPath().substring(1);
        if (database.isEmpty() || database.contains("/")) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot open warehouse " + withoutSecrets(uri)
                    + ": name one database after the host (postgres://USER@HOST:PORT/DATABASE)");
        }
        if (parsed.getRawUserInfo() != null) {
            String[] user = parsed.getRawUserInfo().split(":", 2);
            properties.setProperty("user", decode(user[0]));
            if (user.length == 2) {
                properties.setProperty("password", decode(user[1]));
            }
        }
        String jdbcUrl = JDBC_PREFIX + "//" + parsed.getHost() + (parsed.getPort() > 0 ? ":" + parsed.getPort() : "") + "/" + database
                + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
        return PostgresWarehouse.open(withoutSecrets(uri), jdbcUrl, properties);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URI with a password (in the user info or a {@code password=} parameter) replaced by {@code ***}. */
    static String withoutSecrets(String uri) {
        if (uri == null) {
            return null;
        }
        return uri.replaceAll("(://[^/@:]*):[^/@]*@", "$1:***@").replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }
}
