package io.meshkit.core.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.Warehouses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A team project's {@code meshkit.yaml}. Secrets are never stored here: they come from environment
 * variables. What meshkit reads now:
 *
 * <pre>
 * warehouse:
 *   uri: duckdb:.meshkit/warehouse.duckdb
 *   settings: {memory_limit: 4GB, threads: 2}
 * </pre>
 *
 * @param source the file it came from, if any
 * @param warehouseUri the warehouse URI
 * @param warehouseSettings engine settings passed to the warehouse provider
 */
public record MeshkitConfig(Optional<Path> source, String warehouseUri, Map<String, String> warehouseSettings) {
    /** The file looked for in the working directory when no {@code --config} is given. */
    public static final String DEFAULT_FILE = "meshkit.yaml";

    /** Copies the settings. */
    public MeshkitConfig {
        requireNonNull(source, "source is null");
        requireNonNull(warehouseUri, "warehouseUri is null");
        warehouseSettings = Map.copyOf(warehouseSettings);
    }

    /** The defaults: the embedded DuckDB warehouse. */
    public static MeshkitConfig defaults() {
        return new MeshkitConfig(Optional.empty(), Warehouses.DEFAULT_URI, Map.of());
    }

    /** Loads the given file, or {@code meshkit.yaml} if it exists, or the defaults. */
    public static MeshkitConfig load(Optional<Path> file) {
        if (file.isEmpty()) {
            Path local = Path.of(DEFAULT_FILE);
            return Files.isRegularFile(local) ? read(local) : defaults();
        }
        return read(file.get());
    }

    /** Reads a configuration file. */
    public static MeshkitConfig read(Path file) {
        JsonNode root;
        try {
            root = io.meshkit.core.yaml.YamlInput.readTree(file);
        } catch (io.meshkit.core.yaml.YamlInputException e) {
            throw new MeshkitException(e.problem().equals("no such file") ? ErrorCode.FILE_NOT_FOUND : ErrorCode.INVALID_ARGUMENT,
                    e.location() + ": Cannot read configuration: " + e.problem(), e);
        }
        String uri = Warehouses.DEFAULT_URI;
        Map<String, String> settings = new LinkedHashMap<>();
        JsonNode warehouse = root == null ? null : root.get("warehouse");
        if (warehouse != null && warehouse.isTextual()) {
            uri = warehouse.asText();
        } else if (warehouse != null && warehouse.isObject()) {
            if (warehouse.hasNonNull("uri")) {
                uri = warehouse.get("uri").asText();
            }
            JsonNode s = warehouse.get("settings");
            if (s != null && s.isObject()) {
                s.fields().forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asText()));
            }
        }
        return new MeshkitConfig(Optional.of(file), uri, settings);
    }
}
