package io.meshkit.warehouseduckdb;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.warehouse.SchemeWarehouseProvider;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.warehouseduckdb.internal.DuckDbSettings;
import io.meshkit.warehouseduckdb.internal.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Opens embedded DuckDB warehouses, scheme {@code duckdb}.
 *
 * <ul>
 *   <li>{@code duckdb:PATH}: a database file, relative to the working directory or absolute; missing
 *       parent directories are created.
 *   <li>{@code duckdb::memory:}: a private in-memory database, gone when the warehouse closes (tests).
 * </ul>
 *
 * <p>Settings: {@code memory_limit} (a size such as {@code 2GB} or {@code 512MiB}) and {@code threads}
 * (a positive integer), applied with {@code SET} when the database opens. Other keys are rejected.
 */
public final class DuckDbWarehouseProvider extends SchemeWarehouseProvider {
    /** The URI scheme. */
    public static final String SCHEME = "duckdb";

    private static final String MEMORY = ":memory:";

    /** Used by {@link java.util.ServiceLoader}. */
    public DuckDbWarehouseProvider() {
        super(SCHEME);
    }

    /** Two threads: a new project runs on a laptop or a small CI runner beside other work. */
    @Override
    public Map<String, String> projectSettings() {
        return Map.of("threads", "2");
    }

    /**
     * Opens the database a {@code duckdb:} URI names.
     *
     * @throws MeshkitException with {@link ErrorCode#INVALID_ARGUMENT} for a malformed URI or setting,
     *     or a {@link io.meshkit.core.error.WarehouseException} when DuckDB cannot open the file
     */
    @Override
    public Warehouse open(String uri, Map<String, String> settings) {
        Optional<Path> location = file(uri);
        DuckDbSettings parsed = DuckDbSettings.parse(uri, settings == null ? Map.of() : settings);
        if (location.isEmpty()) {
            return DuckDbWarehouse.open(uri, "jdbc:duckdb:", parsed);
        }
        Path file = location.get();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        } catch (IOException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot open warehouse " + uri + ": cannot create directory " + file.getParent() + " ("
                            + (e instanceof java.nio.file.NoSuchFileException ? "a parent directory does not exist and cannot be made"
                            : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                            : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                            : "cannot write there") + ")", e);
        }
        return DuckDbWarehouse.open(uri, "jdbc:duckdb:" + file, parsed);
    }

    /** Whether the database file exists; an in-memory database always does. */
    @Override
    public boolean exists(String uri) {
        return file(uri).map(Files::exists).orElse(true);
    }

    /** The absolute database file a {@code duckdb:} URI names; empty for {@code duckdb::memory:}. */
    private static Optional<Path> file(String uri) {
        if (uri == null || !uri.startsWith(SCHEME + ":")) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot open warehouse " + uri + ": expected duckdb:PATH or duckdb::memory:");
        }
        String location = uri.substring(SCHEME.length() + 1);
        if (location.isBlank()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot open warehouse " + uri + ": no file given (use duckdb:PATH or duckdb::memory:)");
        }
        if (location.equals(MEMORY)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(location).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot open warehouse " + uri + ": " + e.getMessage(), e);
        }
    }

    /** {@code duckdb:DIRECTORY/NAME.duckdb} (attached as {@code meshkit_warehouse}, so the name may be a namespace's too). */
    @Override
    public Optional<String> embeddedUri(Path directory, String name) {
        return Optional.of(SCHEME + ":" + directory.resolve(name + ".duckdb"));
    }
}
