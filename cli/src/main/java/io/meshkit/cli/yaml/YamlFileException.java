package io.meshkit.cli.yaml;

import io.meshkit.core.error.FileLocationException;

/** A mistake in a YAML file the cli reads (a pipeline, a golden test), at a line and column: exit code 2. */
public class YamlFileException extends FileLocationException {
    private static final long serialVersionUID = 1L;

    /**
     * A mistake.
     *
     * @param what what could not be done, for the message: {@code Cannot read pipeline}
     * @param file the file as displayed
     * @param line 1-based line
     * @param column 1-based column
     * @param problem what is wrong, without the location
     */
    protected YamlFileException(String what, String file, int line, int column, String problem) {
        super(what + " " + file, file + ":" + line + ":" + column, problem, null);
    }
}
