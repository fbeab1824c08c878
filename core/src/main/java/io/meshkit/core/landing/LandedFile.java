package io.meshkit.core.landing;

import static java.util.Objects.requireNonNull;

/**
 * A file of a snapshot in a landing zone.
 *
 * @param name the file name inside the snapshot's directory, e.g. {@code part-00003.parquet}
 * @param size its size in bytes
 */
public record LandedFile(String name, long size) {
    /** Validates. */
    public LandedFile {
        requireNonNull(name, "name is null");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative");
        }
    }
}
