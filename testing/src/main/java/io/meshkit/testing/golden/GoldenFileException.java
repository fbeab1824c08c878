package io.meshkit.testing.golden;

import io.meshkit.core.error.FileLocationException;

/** A mistake in a golden test's CSV file, at a line and column: exit code 2. */
public final class GoldenFileException extends FileLocationException {
    private static final long serialVersionUID = 1L;

    /**
     * A mistake in a test's file.
     *
     * @param file the file as displayed
     * @param line 1-based line
     * @param column 1-based column
     * @param problem what is wrong, without the location
     */
    public GoldenFileException(String file, int line, int column, String problem) {
        super("Cannot run golden test " + file, file + ":" + line + ":" + column, problem, null);
    }
}
