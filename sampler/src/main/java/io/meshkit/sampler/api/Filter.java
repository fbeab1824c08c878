package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A row filter of a metric query: a column compared with a value. The value is bound, converted to
 * the column's type; it never becomes SQL text.
 *
 * @param column the column
 * @param operator the comparison
 * @param value the value as text, e.g. {@code DE} or {@code 2025-01-01}
 */
public record Filter(ColumnName column, Operator operator, String value) {
    private static final Pattern FORM = Pattern.compile("\\s*([^=!<>\\s]+)\\s*(>=|<=|!=|<>|=|<|>)\\s*(.*?)\\s*");

    /** The comparisons a filter may use. */
    public enum Operator {
        /** Equal. */
        EQ("="),
        /** Not equal. */
        NE("<>"),
        /** Less than. */
        LT("<"),
        /** At most. */
        LE("<="),
        /** Greater than. */
        GT(">"),
        /** At least. */
        GE(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** How the operator is written, e.g. {@code <=}. */
        public String symbol() {
            return symbol;
        }
    }

    /** Validates. */
    public Filter {
        requireNonNull(column, "column is null");
        requireNonNull(operator, "operator is null");
        requireNonNull(value, "value is null");
    }

    /** Parses {@code COLUMN OP VALUE}, e.g. {@code country=DE} or {@code lesson_date>=2025-01-01}. */
    public static Filter parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot parse filter: expected COLUMN OP VALUE with OP one of = != < <= > >=, e.g. country=DE");
        }
        Operator op = switch (m.group(2)) {
            case "=" -> Operator.EQ;
            case "!=", "<>" -> Operator.NE;
            case "<" -> Operator.LT;
            case "<=" -> Operator.LE;
            case ">" -> Operator.GT;
            default -> Operator.GE;
        };
        return new Filter(ColumnName.of(m.group(1)), op, m.group(3));
    }

    /**
     * The filter as a predicate of a dialect: the column quoted, the value bound.
     *
     * @param value the filter's value converted to the column's type
     */
    public Sql predicate(Dialect dialect, Object value) {
        SqlBuilder b = dialect.sql().id(column);
        switch (operator) {
            case EQ -> b.sql(" = ");
            case NE -> b.sql(" <> ");
            case LT -> b.sql(" < ");
            case LE -> b.sql(" <= ");
            case GT -> b.sql(" > ");
            case GE -> b.sql(" >= ");
        }
        return b.bind(value).build();
    }

    /** The filter with its value hidden (values may be row data and never go into messages). */
    @Override
    public String toString() {
        return column + " " + operator.symbol() + " ?";
    }
}
