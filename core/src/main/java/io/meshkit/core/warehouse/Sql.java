package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A SQL statement with its bound values. Build it with {@link Dialect#sql()}, which quotes every
 * identifier and binds every value; the text never contains a value.
 *
 * @param text the statement, with {@code ?} for each bound value
 * @param parameters the bound values, in order (may contain nulls)
 */
public record Sql(String text, List<Object> parameters) {
    /** Copies the parameters. */
    public Sql {
        requireNonNull(text, "text is null");
        requireNonNull(parameters, "parameters is null");
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters)); // List.copyOf rejects null values
    }

    /** A statement without parameters, e.g. SQL typed by a user or a constant. */
    public static Sql of(String text) {
        return new Sql(text, List.of());
    }

    /** Never prints bound values: they may be row data. */
    @Override
    public String toString() {
        return parameters.isEmpty() ? text : text + " -- " + parameters.size() + " bound value(s)";
    }
}
