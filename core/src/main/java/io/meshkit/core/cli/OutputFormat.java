package io.meshkit.core.cli;

import java.util.Locale;

/** The output formats commands offer; each command accepts the subset that makes sense for it. */
public enum OutputFormat {
    /** Readable text for a terminal. */
    TEXT,
    /** A stable JSON document for scripts and CI. */
    JSON,
    /** Markdown, e.g. for a pull-request comment. */
    MARKDOWN,
    /** An aligned table. */
    TABLE,
    /** CSV with a header line. */
    CSV,
    /** SARIF 2.1.0, for code scanning. */
    SARIF,
    /** GitHub Actions workflow commands (annotations). */
    GITHUB;

    /** The name as typed on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
