package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * An ODCS server: where the data lives.
 *
 * @param server the server's identifier
 * @param type the server type, e.g. {@code bigquery}, {@code duckdb}
 * @param properties the server's other fields as written (e.g. {@code project}, {@code dataset})
 */
public record Server(String server, String type, Map<String, Object> properties) {
    /** Validates and copies. */
    public Server {
        requireNonNull(server, "server is null");
        requireNonNull(type, "type is null");
        properties = CollectionsUtil.map(properties);
    }
}
