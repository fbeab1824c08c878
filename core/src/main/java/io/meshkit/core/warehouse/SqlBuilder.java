package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds a {@link Sql} statement or fragment: keywords and operators through {@link #sql(String)}
 * (literals only, never data or names), identifiers through {@link #id}/{@link #table}, types
 * through {@link #type}, values through {@link #bind}, expressions another piece of code built
 * through {@link #append}. The result's text is only ever these pieces: no caller concatenates SQL.
 */
public final class SqlBuilder {
    private final Quoting quoting;
    private final StringBuilder text = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    SqlBuilder(Quoting quoting) {
        this.quoting = requireNonNull(quoting, "quoting is null");
    }

    /**
     * Appends constant SQL text: keywords, operators, function names, aliases. Never a value or a
     * name, and never text computed at run time: outside core and the warehouse modules the argument
     * must be a string literal or a constant ({@code ArchitectureTest} checks the sources).
     */
    public SqlBuilder sql(String constantSql) {
        text.append(constantSql);
        return this;
    }

    /** Appends an integer literal, for what an engine does not bind: a {@code GROUP BY} ordinal, an aggregate's limit. */
    public SqlBuilder literal(long value) {
        text.append(value);
        return this;
    }

    /** Appends a finite double as a numeric literal (Java's spelling, e.g. {@code 1.0E-4}), for a constant of the query's shape. */
    public SqlBuilder literal(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        text.append(value);
        return this;
    }

    /** Appends a column name, quoted. */
    public SqlBuilder id(ColumnName column) {
        text.append(quoting.quote(column));
        return this;
    }

    /** Appends column names, quoted and separated by commas. */
    public SqlBuilder ids(List<ColumnName> columns) {
        return join(columns, this::id);
    }

    /** Appends a namespace, quoted. */
    public SqlBuilder namespace(Namespace namespace) {
        text.append(quoting.quote(namespace));
        return this;
    }

    /** Appends a qualified table name, quoted. */
    public SqlBuilder table(TableId table) {
        text.append(quoting.quote(table));
        return this;
    }

    /** Appends a table's own name without its namespace, quoted (e.g. after {@code RENAME TO}). */
    public SqlBuilder tableName(TableId table) {
        text.append(quoting.quoteIdentifier(table.name()));
        return this;
    }

    /** Appends the engine's spelling of a portable type ({@link Dialect#typeName}); needs a warehouse dialect. */
    public SqlBuilder type(DataType type) {
        text.append(dialect().typeName(type));
        return this;
    }

    /**
     * Appends the type a warehouse reported for a column ({@link ColumnInfo#engineType}, or the
     * dialect's spelling that made it), for a cast to exactly that type, portable or not.
     */
    public SqlBuilder engineType(ColumnInfo column) {
        text.append(column.engineType());
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

    /** Appends a fragment's text and its bound values. */
    public SqlBuilder append(Sql fragment) {
        text.append(fragment.text());
        parameters.addAll(fragment.parameters());
        return this;
    }

    /** Appends fragments separated by {@code ", "}. */
    public SqlBuilder appendAll(List<Sql> fragments) {
        return join(fragments, this::append);
    }

    /** Appends each item with the given appender, separated by {@code ", "}. */
    public <T> SqlBuilder join(Iterable<T> items, Consumer<T> appender) {
        return join(items, ", ", appender);
    }

    /** Appends each item with the given appender, separated by a constant separator. */
    public <T> SqlBuilder join(Iterable<T> items, String separator, Consumer<T> appender) {
        Iterator<T> it = items.iterator();
        while (it.hasNext()) {
            appender.accept(it.next());
            if (it.hasNext()) {
                text.append(separator);
            }
        }
        return this;
    }

    /** The quoting this builder writes names with. */
    public Quoting quoting() {
        return quoting;
    }

    /** The warehouse dialect this builder quotes with; fails for a builder of a source that is not a warehouse. */
    public Dialect dialect() {
        if (quoting instanceof Dialect d) {
            return d;
        }
        throw new IllegalStateException("a builder of " + quoting.getClass().getSimpleName() + " has no warehouse dialect");
    }

    /** The statement or fragment built so far. */
    public Sql build() {
        return new Sql(text.toString(), parameters);
    }
}
