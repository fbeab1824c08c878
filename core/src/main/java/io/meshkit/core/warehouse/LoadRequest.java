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
 * @param columns how the columns are typed
 */
public record LoadRequest(List<URI> files, FileFormat format, WriteMode mode, Columns columns) {
    /** How the loaded table's columns are typed. */
    public enum Columns {
        /** Parquet's own types; for CSV, types inferred from the values (the engine's sniffing). */
        INFERRED,
        /**
         * CSV only: every column a string named by the header line, each value as written; an empty
         * unquoted field is NULL and an empty quoted field ({@code ""}) the empty string, as
         * {@link ResultText#writeCsv} writes them.
         */
        TEXT
    }

    /** Copies the files and checks there is at least one. */
    public LoadRequest {
        files = List.copyOf(files);
        requireNonNull(format, "format is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(columns, "columns is null");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to load");
        }
        if (columns == Columns.TEXT && format != FileFormat.CSV) {
            throw new IllegalArgumentException("only CSV files load as text");
        }
    }

    /** Files whose columns keep their types (Parquet) or are inferred (CSV). */
    public LoadRequest(List<URI> files, FileFormat format, WriteMode mode) {
        this(files, format, mode, Columns.INFERRED);
    }

    /** CSV files whose every column is read as text (see {@link Columns#TEXT}). */
    public static LoadRequest csvAsText(List<URI> files, WriteMode mode) {
        return new LoadRequest(files, FileFormat.CSV, mode, Columns.TEXT);
    }
}
