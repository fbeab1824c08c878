package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

/**
 * A place in a contract file.
 *
 * @param path the file as shown to the user
 * @param line the 1-based line
 * @param column the 1-based column
 */
public record SourceLocation(String path, int line, int column) {
    /** Validates. */
    public SourceLocation {
        requireNonNull(path, "path is null");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
        }
    }

    /** {@code path:line:column}. */
    @Override
    public String toString() {
        return path + ":" + line + ":" + column;
    }
}
