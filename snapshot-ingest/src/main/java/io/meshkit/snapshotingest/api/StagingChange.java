package io.meshkit.snapshotingest.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;

/**
 * One change to a staging table's columns, made so that a snapshot with new columns fits beside the
 * earlier dates.
 *
 * @param kind what happens
 * @param column the column (its new name for a rename)
 * @param text what happened, for a person: e.g. {@code column email added (earlier dates NULL)}
 */
public record StagingChange(Kind kind, ColumnName column, String text) {
    /** Validates. */
    public StagingChange {
        requireNonNull(kind, "kind is null");
        requireNonNull(column, "column is null");
        requireNonNull(text, "text is null");
    }

    /** The result's warning for this change of {@code staging}: {@code staging shop_staging.customers: column email added ...}. */
    public String warning(TableId staging) {
        return "staging " + staging + ": " + text;
    }

    /** What happens to a staging column. */
    public enum Kind {
        /** A new column, NULL for earlier dates. */
        ADDED(false),
        /** A wider type, altered in place. */
        WIDENED(false),
        /** A declared rename: the values stay under the new name. */
        RENAMED(false),
        /** A column the snapshot no longer has: kept for earlier dates, NULL from now on. */
        REMOVED(true),
        /** A narrower type: the column keeps its wider type. */
        NARROWED(true),
        /** Another type: earlier dates' values are converted. */
        RETYPED(true);

        private final boolean breaking;

        Kind(boolean breaking) {
            this.breaking = breaking;
        }

        /** Whether earlier dates or their readers cannot follow this change without a decision. */
        public boolean breaking() {
            return breaking;
        }
    }
}
