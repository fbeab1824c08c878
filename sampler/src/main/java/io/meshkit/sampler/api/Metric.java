package io.meshkit.sampler.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number a metric query reports per group: a total (one measure, scaled by {@code 1/rate}) or a
 * ratio of two totals (a mean, or e.g. lessons per user; unscaled, since the scale cancels).
 *
 * <p>Definitions, as given to {@code --metric NAME=EXPR} or in a query file:
 * <ul>
 *   <li>{@code count}: rows; {@code users}: distinct sampling keys; {@code sum(col)}; {@code count(col)}: non-NULL rows</li>
 *   <li>{@code mean(col)}: {@code sum(col)/count(col)}</li>
 *   <li>{@code A/B} where A and B are any of the first line: a ratio of sums, e.g. {@code count/users}</li>
 * </ul>
 *
 * @param name the name shown in results
 * @param numerator the measure (the total itself, or the numerator of a ratio)
 * @param denominator the denominator of a ratio; empty for a total
 */
public record Metric(String name, Measure numerator, Optional<Measure> denominator) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Pattern CALL = Pattern.compile("(sum|count|mean)\\s*\\(\\s*([^()]+?)\\s*\\)");

    /** Validates the name. */
    public Metric {
        requireNonNull(name, "name is null");
        requireNonNull(numerator, "numerator is null");
        requireNonNull(denominator, "denominator is null");
        if (!NAME.matcher(name).matches()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot use metric name '" + name + "': expected letters, digits and underscores, not starting with a digit");
        }
    }

    /** A total. */
    public static Metric total(String name, Measure measure) {
        return new Metric(name, measure, Optional.empty());
    }

    /** A ratio of two totals. */
    public static Metric ratio(String name, Measure numerator, Measure denominator) {
        return new Metric(name, numerator, Optional.of(denominator));
    }

    /** Parses {@code NAME=EXPR}; see the class documentation for {@code EXPR}. */
    public static Metric parse(String definition) {
        int eq = definition.indexOf('=');
        if (eq <= 0) {
            throw bad(definition, "expected NAME=EXPR, e.g. lessons=count or xp_per_user=sum(xp)/users");
        }
        return parse(definition.substring(0, eq).trim(), definition.substring(eq + 1).trim());
    }

    /** Parses an expression under a name. */
    public static Metric parse(String name, String expression) {
        String e = expression.trim();
        Matcher mean = Pattern.compile("mean\\s*\\(\\s*([^()]+?)\\s*\\)").matcher(e);
        if (mean.matches()) {
            ColumnName c = column(name, expression, mean.group(1));
            return ratio(name, Measure.sum(c), Measure.countOf(c));
        }
        int slash = e.indexOf('/');
        if (slash >= 0) {
            return ratio(name, measure(name, expression, e.substring(0, slash)), measure(name, expression, e.substring(slash + 1)));
        }
        return total(name, measure(name, expression, e));
    }

    private static Measure measure(String name, String expression, String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("count") || t.equalsIgnoreCase("count(*)") || t.equalsIgnoreCase("rows")) {
            return Measure.rows();
        }
        if (t.equalsIgnoreCase("users") || t.equalsIgnoreCase("keys")) {
            return Measure.keys();
        }
        Matcher m = CALL.matcher(t);
        if (m.matches() && !m.group(1).equalsIgnoreCase("mean")) {
            ColumnName c = column(name, expression, m.group(2));
            return m.group(1).equalsIgnoreCase("sum") ? Measure.sum(c) : Measure.countOf(c);
        }
        throw bad(name + "=" + expression, "'" + t + "' is not count, users, sum(col), count(col) or mean(col)");
    }

    private static ColumnName column(String name, String expression, String text) {
        try {
            return ColumnName.of(text.trim());
        } catch (MeshkitException e) {
            throw bad(name + "=" + expression, e.getMessage());
        }
    }

    private static MeshkitException bad(String definition, String reason) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot parse metric '" + definition + "': " + reason);
    }

    /** Whether this is a ratio (unscaled) rather than a total (scaled by {@code 1/rate}). */
    public boolean isRatio() {
        return denominator.isPresent();
    }

    /** The expression, e.g. {@code sum(xp)/users}. */
    public String expression() {
        if (denominator.isPresent() && numerator.kind() == Measure.Kind.SUM && denominator.get().kind() == Measure.Kind.COUNT_OF
                && numerator.column().equals(denominator.get().column())) {
            return "mean(" + numerator.column().orElseThrow() + ")";
        }
        return denominator.map(d -> numerator + "/" + d).orElse(numerator.toString());
    }

    @Override
    public String toString() {
        return name + "=" + expression();
    }
}
