package io.meshkit.core.lineage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code lineage:} section of {@code meshkit.yaml}, part of {@link io.meshkit.core.config.MeshkitConfig}. Lineage is off unless a transport is set:
 *
 * <pre>
 * lineage:
 *   transport: http                    # none (default), http, file or console
 *   url: http://localhost:5000         # http: events go to POST {url}{endpoint}
 *   endpoint: /api/v1/lineage          # http: the default is OpenLineage's
 *   api_key_env: OPENLINEAGE_API_KEY   # http: the bearer token comes from this variable, never the file
 *   file: .meshkit/lineage.jsonl       # file: one JSON event per line, appended
 *   namespace: music                   # the jobs' namespace; default "meshkit"
 *   timeout: 5s                        # http: per request
 * </pre>
 *
 * @param transport {@code none}, {@code http}, {@code file} or {@code console}
 * @param url the HTTP endpoint's base URL
 * @param endpoint the HTTP path
 * @param apiKeyEnv the environment variable holding the API key
 * @param file the file of the file transport
 * @param namespace the jobs' namespace
 * @param timeout the HTTP timeout
 */
public record LineageConfig(String transport, Optional<String> url, String endpoint, Optional<String> apiKeyEnv,
        Optional<Path> file, String namespace, Duration timeout) {
    /** The transports meshkit knows. */
    public static final Set<String> TRANSPORTS = Set.of("none", "http", "file", "console");

    /** Lineage off. */
    public static final LineageConfig NONE = new LineageConfig("none", Optional.empty(), "/api/v1/lineage",
            Optional.empty(), Optional.empty(), "meshkit", Duration.ofSeconds(5));

    /** Validates. */
    public LineageConfig {
        requireNonNull(transport, "transport is null");
        requireNonNull(url, "url is null");
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(apiKeyEnv, "apiKeyEnv is null");
        requireNonNull(file, "file is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(timeout, "timeout is null");
    }

    /** Whether events are sent anywhere. */
    public boolean enabled() {
        return !transport.equals("none");
    }

    /**
     * The {@code lineage:} section of a configuration file, already read by
     * {@link io.meshkit.core.config.MeshkitConfig#read}: {@link #NONE} when it is absent.
     *
     * @param file the file, for messages
     * @param section the section's node, or null
     */
    public static LineageConfig of(Path file, JsonNode section) {
        if (section == null || section.isNull()) {
            return NONE;
        }
        if (!section.isObject()) {
            throw invalid(file, "lineage must be a mapping");
        }
        String transport = text(section, "transport").map(t -> t.toLowerCase(Locale.ROOT)).orElse("none");
        if (!TRANSPORTS.contains(transport)) {
            throw invalid(file, "lineage.transport must be one of none, http, file, console, not '" + transport + "'");
        }
        Optional<String> url = text(section, "url");
        if (transport.equals("http") && url.isEmpty()) {
            throw invalid(file, "lineage.url is required for the http transport");
        }
        if (url.isPresent() && !url.get().matches("https?://[^\\s@]+")) {
            throw invalid(file, "lineage.url must be an http(s) URL without credentials (put the key in api_key_env)");
        }
        Optional<Path> out = text(section, "file").map(Path::of);
        if (transport.equals("file") && out.isEmpty()) {
            throw invalid(file, "lineage.file is required for the file transport");
        }
        Duration timeout = text(section, "timeout").map(t -> parseDuration(file, t)).orElse(NONE.timeout());
        return new LineageConfig(transport, url, text(section, "endpoint").orElse(NONE.endpoint()),
                text(section, "api_key_env"), out, text(section, "namespace").orElse(NONE.namespace()), timeout);
    }

    private static Duration parseDuration(Path file, String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m)").matcher(text.trim());
        if (!m.matches()) {
            throw invalid(file, "lineage.timeout must look like 500ms, 5s or 1m, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static MeshkitException invalid(Path file, String message) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, file + ": Cannot read configuration: " + message);
    }
}
