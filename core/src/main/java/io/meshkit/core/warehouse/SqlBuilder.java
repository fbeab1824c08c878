package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Builds a {@link Sql} statement: keywords and operators through {@link #sql(String)} (constants
 * only, never data), identifiers through {@link #id}/{@link #table}, values through {@link #bind}.
 */
public final class SqlBuilder {
    private final Dialect dialect;
    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    SqlBuilder(Dialect dialect) {
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** Appends constant SQL text: keywords, operators, function names. Never a value or a name. */
    public SqlBuilder sql(String constantSql) {
        text.append(constantSql);
        return this;
    }

    /** Appends a column name, quoted. */
    public SqlBuilder id(ColumnName column) {
        text.append(dialect.quote(column));
        return this;
    }

    /** Appends column names, quoted and separated by commas. */
    public SqlBuilder ids(List<ColumnName> columns) {
        return join(columns, this::id);
    }

    /** Appends a namespace, quoted. */
    public SqlBuilder namespace(Namespace namespace) {
        text.append(dialect.quote(namespace));
        return this;
    }

    /** Appends a qualified table name, quoted. */
    public SqlBuilder table(TableId table) {
        text.append(dialect.quote(table));
        return this;
    }

    /** Appends a {@code ?} placeholder and binds the value. */
    public SqlBuilder bind(Object value) {
        text.append('?');
        parameters.add(value);
        return this;
    }

    /** Appends bound values separated by commas. */
    public SqlBuilder binds(List<?> values) {
        return join(values, this::bind);
    }

    /** Appends another statement's text and its bound values. */
    public SqlBuilder append(Sql other) {
        text.append(other.text());
        parameters.addAll(other.parameters());
        return this;
    }

    /** Appends each item with the given appender, separated by {@code ", "}. */
    public <T> SqlBuilder join(Iterable<T> items, java.util.function.Consumer<T> appender) {
        return join(items, ", ", appender);
    }

    /** Appends each item with the given appender, separated by a constant separator. */
    public <T> SqlBuilder join(Iterable<T> items, String separator, java.util.function.Consumer<T> appender) {
        Iterator<T> it = items.iterator();
        while (it.hasNext()) {
            appender.accept(it.next());
            if (it.hasNext()) {
                text.append(separator);
            }
        }
        return this;
    }

    /** The dialect this builder quotes with. */
    public Dialect dialect() {
        return dialect;
    }

    /** The statement built so far. */
    public Sql build() {
        return new Sql(text.toString(), parameters);
    }
}
