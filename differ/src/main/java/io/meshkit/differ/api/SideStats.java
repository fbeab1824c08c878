package io.meshkit.differ.api;

import java.math.BigDecimal;

/**
 * Profile of one column on one side of a diff. The numeric fields are null for non-numeric columns
 * and for a side with no non-NULL value, and in cross-database diffs (which never scan whole tables
 * for them).
 *
 * @param rows rows on this side
 * @param nulls NULL values
 * @param sum sum of the values
 * @param mean mean of the non-NULL values
 * @param min smallest value
 * @param max largest value
 */
public record SideStats(long rows, long nulls, BigDecimal sum, BigDecimal mean, BigDecimal min, BigDecimal max) {
    /** Stats with only a row count and NULL count. */
    public static SideStats nullsOnly(long rows, long nulls) {
        return new SideStats(rows, nulls, null, null, null, null);
    }

    /** NULL values as a fraction of the rows, 0 for no rows. */
    public double nullRate() {
        return rows == 0 ? 0 : (double) nulls / rows;
    }
}
