package io.meshkit.differ.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.differ.api.Normalisation;
import java.util.List;

/**
 * The pieces of the in-warehouse diff query that SQL engines spell differently: normalised
 * comparison, bounded example lists inside an aggregate, key tuples. One implementation per
 * warehouse dialect; the diff itself is built from these and the core {@link Dialect}.
 */
public interface DiffSql {
    /** The implementation for a warehouse's dialect. */
    static DiffSql forDialect(Dialect dialect) {
        return switch (dialect.name()) {
            case "duckdb" -> DuckDbDiffSql.INSTANCE;
            case "bigquery" -> BigQueryDiffSql.INSTANCE;
            default -> throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot diff in warehouse dialect " + dialect.name() + ": differ supports duckdb and bigquery");
        };
    }

    /** The canonical text spelling of this engine, for cross-database checksums. */
    CanonicalText canonicalText();

    /**
     * A boolean expression true when two values differ after normalisation (NULL differs from every
     * value and equals NULL): under a relative tolerance, numbers differ by more than that fraction of
     * the larger; otherwise the {@link #normalised} values are distinct.
     */
    default String differs(String before, DataType beforeType, String after, DataType afterType, Normalisation n) {
        if (beforeType.isNumeric() && afterType.isNumeric() && n.relativeTolerance() > 0) {
            String b = "CAST(" + before + " AS " + floatType() + ")";
            String a = "CAST(" + after + " AS " + floatType() + ")";
            return "(CASE WHEN " + before + " IS NULL OR " + after + " IS NULL THEN " + before + " IS DISTINCT FROM " + after
                    + " ELSE ABS(" + b + " - " + a + ") > " + n.relativeTolerance() + " * GREATEST(ABS(" + b + "), ABS(" + a + ")) END)";
        }
        return "(" + normalised(before, beforeType, afterType, n) + " IS DISTINCT FROM " + normalised(after, afterType, beforeType, n) + ")";
    }

    /**
     * A value as it is compared with a value of {@code other}'s type: rounded to the request's decimals,
     * cut to its timestamp precision, or as (trimmed, case-folded) text when the types are strings or
     * unrelated.
     */
    String normalised(String expr, DataType type, DataType other, Normalisation n);

    /** The engine's name of the double-precision type. */
    String floatType();

    /**
     * An aggregate: up to {@code n} rows where {@code filter} holds, smallest {@code orderBy} tuple
     * first, as one JSON array of objects with the given field names, or NULL (or an empty array)
     * when no row qualifies.
     */
    String examplesJson(List<String> fieldNames, List<String> fieldExprs, List<String> orderBy, int n, String filter);

    /**
     * A 64-bit hash of a row's values, computed in the scan so that the join carries one value per
     * row instead of every column. Equal inputs give equal hashes; a differing hash only nominates a
     * row for the exact comparison, so over-approximating (e.g. hashing two types differently) is safe.
     */
    String hash(List<String> exprs);

    /**
     * The value of a column as it enters the row hash: normalised as {@link #differs} compares it
     * (rounded, trimmed, case-folded, cut to a timestamp precision). Under a relative tolerance
     * numbers enter unrounded, so every numeric change is nominated and the exact comparison decides.
     */
    default String hashInput(String expr, DataType type, DataType otherType, Normalisation n) {
        if (type.isNumeric() && otherType.isNumeric() && n.relativeTolerance() > 0) {
            return expr;
        }
        return normalised(expr, type, otherType, n);
    }

    /** An aggregate: the number of rows where {@code condition} holds. */
    String countIf(String condition);

    /** An aggregate: the number of distinct tuples of these expressions among rows where {@code condition} holds. */
    String countDistinctIf(List<String> exprs, String condition);

    /**
     * An aggregate: the rows where {@code condition} holds, as one list of records with the given
     * field names (read back with {@link #unnest}); empty or NULL when no row qualifies.
     */
    String collect(List<String> fieldNames, List<String> fieldExprs, String condition);

    /**
     * A table expression for the FROM clause: one row per element of the list column {@code column}
     * of the one-row CTE {@code cte}, whose fields are read as {@code alias.field}.
     */
    String unnest(String cte, String column, String alias);

    /** A value as example text: binary as upper-case hex, everything else as the engine writes it. */
    String display(String expr, DataType type);
}
