package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each node of a contract file is, by JSON Pointer (RFC 6901) into the YAML document, e.g.
 * {@code /schema/0/properties/2/logicalType}. A scalar's location is its value; a mapping's or list's is where
 * it starts; the root is {@code ""}. {@link #keyLocationOf} gives where a mapping entry's key is.
 */
public final class SourceMap {
    /** A map with no locations, for a file that could not be read. */
    public static final SourceMap EMPTY = new SourceMap(Map.of(), Map.of());

    private final Map<String, SourceLocation> locations;
    private final Map<String, SourceLocation> keyLocations;

    SourceMap(Map<String, SourceLocation> locations, Map<String, SourceLocation> keyLocations) {
        this.locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
        this.keyLocations = Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
    }

    /**
     * The location of the key of the mapping entry at a JSON Pointer, e.g. where {@code logicalType} is written for
     * {@code /schema/0/properties/2/logicalType}; empty for list items, the root and unknown pointers.
     */
    public Optional<SourceLocation> keyLocationOf(String jsonPointer) {
        requireNonNull(jsonPointer, "jsonPointer is null");
        return Optional.ofNullable(keyLocations.get(jsonPointer));
    }

    /** The location of the node at a JSON Pointer, if the file has such a node. */
    public Optional<SourceLocation> locationOf(String jsonPointer) {
        requireNonNull(jsonPointer, "jsonPointer is null");
        return Optional.ofNullable(locations.get(jsonPointer));
    }

    /** Every pointer and its location, in document order. */
    public Map<String, SourceLocation> all() {
        return locations;
    }

    /** Escapes a mapping key for use as a JSON Pointer segment. */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
