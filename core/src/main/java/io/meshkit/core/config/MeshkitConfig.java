package io.meshkit.core.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.lineage.LineageConfig;
import io.meshkit.core.warehouse.Warehouses;
import io.meshkit.core.yaml.YamlInput;
import io.meshkit.core.yaml.YamlInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A team project's {@code meshkit.yaml}, read once into one model. Secrets are never stored here:
 * they come from environment variables. What meshkit reads:
 *
 * <pre>
 * warehouse:
 *   uri: duckdb:.meshkit/warehouse.duckdb
 *   settings: {memory_limit: 4GB, threads: 2}
 * lineage:                   # see {@link LineageConfig}
 *   transport: http
 *   url: http://localhost:5000
 * monitor: {...}             # a tool's own section, kept as read for the tool ({@link #section})
 * </pre>
 *
 * <p>One behaviour for a missing file: without {@code --config}, a missing {@code meshkit.yaml} in
 * the working directory means the defaults; a file named with {@code --config} that does not exist
 * is an error ({@link ErrorCode#FILE_NOT_FOUND}, exit 2) with one line naming it.
 *
 * @param source the file it came from, if any
 * @param warehouseUri the warehouse URI
 * @param warehouseSettings engine settings passed to the warehouse provider
 * @param lineage the {@code lineage:} section ({@link LineageConfig#NONE} without one)
 * @param sections the other top-level sections as read (e.g. {@code monitor}), for the tool that owns them
 */
public record MeshkitConfig(Optional<Path> source, String warehouseUri, Map<String, String> warehouseSettings, LineageConfig lineage,
        Map<String, JsonNode> sections) {
    /** The file looked for in the working directory when no {@code --config} is given. */
    public static final String DEFAULT_FILE = "meshkit.yaml";

    /** Validates and copies. */
    public MeshkitConfig {
        requireNonNull(source, "source is null");
        requireNonNull(warehouseUri, "warehouseUri is null");
        warehouseSettings = Map.copyOf(warehouseSettings);
        requireNonNull(lineage, "lineage is null");
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        sections.forEach((k, v) -> copy.put(k, v.deepCopy()));
        sections = java.util.Collections.unmodifiableMap(copy);
    }

    /** A configuration without lineage and without tool sections. */
    public MeshkitConfig(Optional<Path> source, String warehouseUri, Map<String, String> warehouseSettings) {
        this(source, warehouseUri, warehouseSettings, LineageConfig.NONE, Map.of());
    }

    /** The defaults: the embedded warehouse, no lineage. */
    public static MeshkitConfig defaults() {
        return new MeshkitConfig(Optional.empty(), Warehouses.DEFAULT_URI, Map.of());
    }

    /**
     * The file given with {@code --config} (which must exist), else {@code meshkit.yaml} in the working
     * directory if it exists, else the defaults.
     */
    public static MeshkitConfig load(Optional<Path> file) {
        if (file.isEmpty()) {
            Path local = Path.of(DEFAULT_FILE);
            return Files.exists(local) ? read(local) : defaults();
        }
        return read(file.get());
    }

    /** Reads a configuration file: every section meshkit knows, in one pass over the file. */
    public static MeshkitConfig read(Path file) {
        if (!Files.exists(file)) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot read configuration " + file + ": no such file");
        }
        JsonNode root;
        try {
            root = YamlInput.readTree(file);
        } catch (YamlInputException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, e.location() + ": Cannot read configuration: " + e.problem(), e);
        }
        if (root != null && !root.isNull() && !root.isObject()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, file + ": Cannot read configuration: the file must be a mapping");
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
        LineageConfig lineage = LineageConfig.of(file, root == null ? null : root.get("lineage"));
        Map<String, JsonNode> sections = new LinkedHashMap<>();
        if (root != null && root.isObject()) {
            root.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("warehouse") && !e.getKey().equals("lineage")) {
                    sections.put(e.getKey(), e.getValue());
                }
            });
        }
        return new MeshkitConfig(Optional.of(file), uri, settings, lineage, sections);
    }

    /** A tool's own top-level section as read (a copy), if the file has one. */
    public Optional<JsonNode> section(String name) {
        JsonNode n = sections.get(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.deepCopy());
    }

    /**
     * The same configuration with another warehouse URI (from {@code --warehouse} or {@code MESHKIT_WAREHOUSE}).
     * The file's settings stay only for a warehouse of the same scheme: they were written for its engine
     * (a template's DuckDB {@code threads} would make {@code MESHKIT_WAREHOUSE=bigquery:…} refuse to open).
     */
    public MeshkitConfig withWarehouseUri(String uri) {
        Map<String, String> settings = scheme(uri).equals(scheme(warehouseUri)) ? warehouseSettings : Map.of();
        return new MeshkitConfig(source, uri, settings, lineage, sections);
    }

    private static String scheme(String uri) {
        int colon = uri.indexOf(':');
        return colon < 0 ? uri : uri.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    }
}
