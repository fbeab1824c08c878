package io.meshkit.core.quality;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Threshold;
import io.meshkit.core.warehouse.Sql;
import java.util.List;
import java.util.Optional;

/**
 * One check to run in the warehouse. Its measure is either an aggregate expression over the
 * dataset's table (checks of one table are batched into a single scan) or a query returning one
 * number; offending rows' keys come from an optional sample query.
 *
 * @param id the check id
 * @param target what is checked (column or dataset)
 * @param description a one-line explanation
 * @param measure how the observed value is computed
 * @param threshold what the value must be
 * @param percent whether the value is compared as a percentage of the table's rows
 * @param warningOnly whether a failure is only a warning
 * @param sampleKeys a query returning up to five keys of offending rows, if the check has one
 * @param impliedBy ids of other checks of the same run whose observed values, when every one of them
 *     is exactly 0, prove this check's is 0 too (e.g. two versions of a key with the same
 *     {@code valid_from} are an overlap or a bad range); the runner then reports this check passed
 *     with 0 without running its query, and runs it as usual otherwise. Empty for most checks.
 */
public record QualityCheck(String id, String target, String description, Measure measure, Threshold threshold, boolean percent,
        boolean warningOnly, Optional<Sql> sampleKeys, List<String> impliedBy) {
    /** Validates the fields and copies the list. */
    public QualityCheck {
        requireNonNull(id, "id is null");
        requireNonNull(target, "target is null");
        requireNonNull(description, "description is null");
        requireNonNull(measure, "measure is null");
        requireNonNull(sampleKeys, "sampleKeys is null");
        impliedBy = List.copyOf(impliedBy);
        if (impliedBy.contains(id)) {
            throw new IllegalArgumentException("check " + id + " cannot be implied by itself");
        }
    }

    /** A check that is always run (implied by no other). */
    public QualityCheck(String id, String target, String description, Measure measure, Threshold threshold, boolean percent,
            boolean warningOnly, Optional<Sql> sampleKeys) {
        this(id, target, description, measure, threshold, percent, warningOnly, sampleKeys, List.of());
    }

    /** How a check measures its value. */
    public sealed interface Measure permits Aggregate, Query, NotRunnable {}

    /**
     * An aggregate expression over the dataset's table, e.g. {@code SUM(CASE WHEN "c" IS NULL THEN 1 ELSE 0 END)}.
     *
     * @param expression the expression and its bound values
     */
    public record Aggregate(Sql expression) implements Measure {
        /** Validates the expression. */
        public Aggregate {
            requireNonNull(expression, "expression is null");
        }
    }

    /**
     * A query returning one row with one number.
     *
     * @param query the query
     * @param zeroWhen an aggregate over the dataset's table that is 0 only when the query's value is 0
     *     (e.g. the rows beyond the distinct keys, for the number of duplicated keys), if the check has
     *     one: the runner computes it in the table's single scan and runs the query only when it is not
     *     0, so a passing check costs no scan of its own
     */
    public record Query(Sql query, Optional<Sql> zeroWhen) implements Measure {
        /** Validates the query. */
        public Query {
            requireNonNull(query, "query is null");
            requireNonNull(zeroWhen, "zeroWhen is null");
        }

        /** A query always run. */
        public Query(Sql query) {
            this(query, Optional.empty());
        }
    }

    /**
     * A rule meshkit cannot run (text or custom rules).
     *
     * @param reason why
     */
    public record NotRunnable(String reason) implements Measure {
        /** Validates the reason. */
        public NotRunnable {
            requireNonNull(reason, "reason is null");
        }
    }
}
