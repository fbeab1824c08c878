package io.meshkit.core.warehouse;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds the {@link WarehouseProvider} for a URI among those on the class path. */
public final class Warehouses {
    /** The warehouse used when none is configured: an embedded DuckDB file in the project. */
    public static final String DEFAULT_URI = "duckdb:.meshkit/warehouse.duckdb";

    private Warehouses() {}

    /** Opens the warehouse a URI names, with no extra settings. */
    public static Warehouse open(String uri) {
        return open(uri, Map.of());
    }

    /** Opens the warehouse a URI names. */
    public static Warehouse open(String uri, Map<String, String> settings) {
        return provider(uri).open(uri, settings);
    }

    /**
     * Refuses a warehouse that does not exist yet ({@link WarehouseProvider#exists}), creating
     * nothing: a command that reads data already in the warehouse calls it before opening, so that a
     * mistyped file name is one clear error instead of an empty warehouse and a confusing "no such table".
     * <p>A URI no installed provider opens passes: opening it says so.
     *
     * @throws MeshkitException with {@link ErrorCode#FILE_NOT_FOUND} (exit 2) when it does not exist
     */
    public static void requireExisting(String uri) {
        if (!exists(uri)) {
            throw new MeshkitException(ErrorCode.FILE_NOT_FOUND, "Cannot open warehouse " + uri
                    + ": it does not exist (this command reads a warehouse and does not create one: check the path;"
                    + " meshkit ingest, run and publish stage of a query create it)");
        }
    }

    /**
     * Whether the warehouse a URI names exists ({@link WarehouseProvider#exists}); true for a URI no installed
     * provider opens (opening it says what is wrong).
     */
    public static boolean exists(String uri) {
        int colon = uri.indexOf(':');
        WarehouseProvider provider = colon <= 0 ? null : providers().get(uri.substring(0, colon));
        return provider == null || provider.exists(uri);
    }

    /**
     * The installed provider that opens a URI, found by the text before its first colon.
     *
     * @throws MeshkitException with {@link ErrorCode#UNKNOWN_WAREHOUSE} when the URI has no scheme or no
     *     installed provider serves it
     */
    public static WarehouseProvider provider(String uri) {
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            throw new MeshkitException(ErrorCode.UNKNOWN_WAREHOUSE,
                    "Cannot open warehouse '" + uri + "': expected SCHEME:LOCATION, e.g. " + DEFAULT_URI);
        }
        String scheme = uri.substring(0, colon);
        Map<String, WarehouseProvider> providers = providers();
        WarehouseProvider provider = providers.get(scheme);
        if (provider == null) {
            throw new MeshkitException(ErrorCode.UNKNOWN_WAREHOUSE, "Cannot open warehouse of scheme '" + scheme
                    + "': no provider on the class path (installed: " + String.join(", ", providers.keySet()) + ")");
        }
        return provider;
    }

    /**
     * The URI of a new warehouse kept in one local file, from the first installed provider (by
     * scheme) that embeds one: where a golden test runs a pipeline without touching the project's
     * warehouse.
     *
     * @param directory the directory the file goes in
     * @param name the file's name without an extension
     */
    public static String embeddedUri(Path directory, String name) {
        for (WarehouseProvider p : providers().values()) {
            Optional<String> uri = p.embeddedUri(directory, name);
            if (uri.isPresent()) {
                return uri.get();
            }
        }
        throw new MeshkitException(ErrorCode.UNKNOWN_WAREHOUSE, "Cannot create a warehouse in " + directory
                + ": no embedded warehouse on the class path (installed: " + String.join(", ", providers().keySet()) + ")");
    }

    /** The installed providers by scheme. */
    public static Map<String, WarehouseProvider> providers() {
        Map<String, WarehouseProvider> byScheme = new TreeMap<>();
        for (WarehouseProvider p : ServiceLoader.load(WarehouseProvider.class)) {
            byScheme.putIfAbsent(p.scheme(), p);
        }
        return byScheme;
    }
}
