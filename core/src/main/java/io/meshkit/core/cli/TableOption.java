package io.meshkit.core.cli;

import io.meshkit.core.identifier.TableId;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --table NAMESPACE.TABLE}: an existing table a command works on. Add with {@code @Mixin}; a
 * tool words the help through the key {@code table} of its command's resource bundle.
 */
public final class TableOption {
    @Option(names = "--table", paramLabel = "NAMESPACE.TABLE", descriptionKey = "table", description = "The table.")
    TableId table;

    /** The table given, if any. */
    public Optional<TableId> table() {
        return Optional.ofNullable(table);
    }
}
