package io.meshkit.warehouseduckdb.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The engine settings meshkit applies when it opens DuckDB, validated so that they can be written
 * into a {@code SET} statement ({@code SET} takes no bound parameters).
 *
 * @param memoryLimit e.g. {@code 2GB}, or empty for DuckDB's default
 * @param threads a positive thread count, or empty for DuckDB's default
 */
public record DuckDbSettings(Optional<String> memoryLimit, OptionalInt threads) {
    /** The setting keys meshkit accepts. */
    public static final String MEMORY_LIMIT = "memory_limit";
    /** The thread count key. */
    public static final String THREADS = "threads";

    private static final Pattern MEMORY = Pattern.compile("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)",
            Pattern.CASE_INSENSITIVE);

    /** Validates the fields. */
    public DuckDbSettings {
        requireNonNull(memoryLimit, "memoryLimit is null");
        requireNonNull(threads, "threads is null");
        memoryLimit.ifPresent(m -> {
            if (!MEMORY.matcher(m).matches()) {
                throw new IllegalArgumentException("memory_limit must look like 2GB or 512MiB");
            }
        });
        if (threads.isPresent() && threads.getAsInt() < 1) {
            throw new IllegalArgumentException("threads must be a positive integer");
        }
    }

    /**
     * Reads the settings map of a warehouse configuration.
     *
     * @param uri the warehouse URI, for messages
     */
    public static DuckDbSettings parse(String uri, Map<String, String> settings) {
        Map<String, String> rest = new TreeMap<>(settings);
        String memory = rest.remove(MEMORY_LIMIT);
        String threads = rest.remove(THREADS);
        if (!rest.isEmpty()) {
            throw invalid(uri, "unknown setting(s) " + rest.keySet() + " (known: memory_limit, threads)");
        }
        if (memory != null && !MEMORY.matcher(memory.trim()).matches()) {
            throw invalid(uri, "memory_limit must be a size such as 2GB or 512MiB");
        }
        OptionalInt t = OptionalInt.empty();
        if (threads != null) {
            try {
                t = OptionalInt.of(Integer.parseInt(threads.trim()));
            } catch (NumberFormatException e) {
                throw invalid(uri, "threads must be a positive integer");
            }
            if (t.getAsInt() < 1) {
                throw invalid(uri, "threads must be a positive integer");
            }
        }
        return new DuckDbSettings(Optional.ofNullable(memory).map(String::trim), t);
    }

    /** The {@code SET} statements that apply these settings; every value was validated above. */
    List<String> statements() {
        List<String> sql = new ArrayList<>();
        memoryLimit.ifPresent(m -> sql.add("SET memory_limit = '" + m + "'"));
        threads.ifPresent(t -> sql.add("SET threads = " + t));
        return sql;
    }

    private static MeshkitException invalid(String uri, String reason) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot open warehouse " + uri + ": " + reason);
    }
}
