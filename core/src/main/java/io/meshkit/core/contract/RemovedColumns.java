package io.meshkit.core.contract;

import io.meshkit.core.type.OdcsEnum;
import java.util.Optional;

/**
 * What a dimension does with a column a new major contract version removed ({@code meshkit.removedColumns} on the
 * schema object); {@code KEEP} unless given.
 */
public enum RemovedColumns implements OdcsEnum {
    /** Keep the column for history: earlier versions keep their values, versions opened later hold NULL. */
    KEEP,
    /** Drop the column from the dimension with its history. */
    DROP;

    /** The constant for a value as written in a contract, ignoring case. */
    public static Optional<RemovedColumns> fromOdcs(String value) {
        return OdcsEnum.fromOdcs(RemovedColumns.class, value);
    }
}
