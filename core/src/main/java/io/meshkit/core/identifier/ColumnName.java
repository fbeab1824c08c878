package io.meshkit.core.identifier;

import java.util.List;
import java.util.stream.Stream;

/**
 * A column name. Always rendered into SQL by a {@link io.meshkit.core.warehouse.Dialect}.
 *
 * @param name the unquoted name
 */
public record ColumnName(String name) {
    /** Validates that the name can be quoted safely. */
    public ColumnName {
        Identifiers.checkQuotable("column", name);
    }

    /** A column name. */
    public static ColumnName of(String name) {
        return new ColumnName(name);
    }

    /** Several column names. */
    public static List<ColumnName> list(String... names) {
        return Stream.of(names).map(ColumnName::new).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
