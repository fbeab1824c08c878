package io.meshkit.core.warehouse;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;

/**
 * How an SQL engine quotes identifiers: all that {@link SqlBuilder} needs to write names. A
 * warehouse's {@link Dialect} is one; a source that a tool reads over its own JDBC connection (the
 * differ's MySQL side of a cross-database diff) implements only this, so its statements are built
 * the same way, with typed names and bound values.
 */
public interface Quoting {
    /** Quotes a single identifier, escaping whatever the engine requires. */
    String quoteIdentifier(String name);

    /** Quotes a column name. */
    default String quote(ColumnName column) {
        return quoteIdentifier(column.name());
    }

    /** Quotes a namespace (a schema, a dataset, a MySQL database). */
    default String quote(Namespace namespace) {
        return quoteIdentifier(namespace.name());
    }

    /** Quotes a qualified table name. */
    default String quote(TableId table) {
        return quote(table.namespace()) + "." + quoteIdentifier(table.name());
    }

    /** A builder for a statement or an expression quoted this way. */
    default SqlBuilder sql() {
        return new SqlBuilder(this);
    }
}
