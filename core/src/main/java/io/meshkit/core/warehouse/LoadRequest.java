package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;

/**
 * Files to load into a table.
 *
 * @param files the files, as URIs ({@code file:} for local files, {@code gs:} for GCS)
 * @param format the file format
 * @param mode what happens to an existing table
 */
public record LoadRequest(List<URI> files, FileFormat format, WriteMode mode) {
    /** Copies the files and checks there is at least one. */
    public LoadRequest {
        files = List.copyOf(files);
        requireNonNull(format, "format is null");
        requireNonNull(mode, "mode is null");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to load");
        }
    }
}
