package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A piece of SQL with its bound values: a whole statement, or an expression, a clause or a relation
 * to put into one. Build it with {@link Dialect#sql()} ({@link SqlBuilder}), which quotes every
 * identifier and binds every value; the text never contains a value. Expressions pass between
 * tools, {@link SqlBuilder} and dialects as {@code Sql}, never as a {@code String}: a fragment
 * carries its own bound values wherever it is appended.
 *
 * @param text the SQL, with {@code ?} for each bound value
 * @param parameters the bound values, in order (may contain nulls)
 */
public record Sql(String text, List<Object> parameters) {
    /** Copies the parameters. */
    public Sql {
        requireNonNull(text, "text is null");
        requireNonNull(parameters, "parameters is null");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters)); // List.copyOf rejects null values
    }

    /**
     * Constant SQL without parameters: keywords, operators, an alias. Outside core and the warehouse
     * modules the argument must be a literal or a constant (a test over the sources checks it); SQL
     * that a user wrote is {@link #ofUserText}.
     */
    public static Sql of(String constantSql) {
        return new Sql(constantSql, List.of());
    }

    /**
     * SQL a user wrote, run as written: a {@code meshkit query} statement, a contract's quality rule,
     * a {@code publish --query}. Never text built from names or values: those are typed and bound.
     */
    public static Sql ofUserText(String userSql) {
        return new Sql(userSql, List.of());
    }

    /**
     * A query a user wrote, to put inside a larger statement ({@code (query)}, {@code CREATE TABLE ... AS
     * query}): without a final {@code ;} and the comments after its last token ({@link SqlLexer#query}),
     * which would break what it is wrapped in.
     */
    public static Sql ofUserQuery(String userSql, Dialect dialect) {
        return ofUserText(SqlLexer.query(userSql, dialect.syntax()));
    }

    /** Whether the text is empty. */
    public boolean isEmpty() {
        return text.isEmpty();
    }

    /** Never prints bound values: they may be row data. */
    @Override
    public String toString() {
        return parameters.isEmpty() ? text : text + " -- " + parameters.size() + " bound value(s)";
    }
}
