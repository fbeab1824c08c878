package io.meshkit.publisher.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.TableId;

/** Where a release candidate's rows come from. */
public sealed interface StageSource permits StageSource.Query, StageSource.FromTable {
    /**
     * A query run in the warehouse, e.g. a backfill of the whole history.
     *
     * @param sql the SELECT statement, as the user wrote it
     */
    record Query(String sql) implements StageSource {
        /** Validates. */
        public Query {
            requireNonNull(sql, "sql is null");
            if (sql.isBlank()) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot stage from an empty query");
            }
        }
    }

    /**
     * An existing table, e.g. scd-builder's output. If it is the candidate table itself it is
     * adopted as it is; otherwise its rows are copied into the candidate.
     *
     * @param table the table
     */
    record FromTable(TableId table) implements StageSource {
        /** Validates. */
        public FromTable {
            requireNonNull(table, "table is null");
        }
    }
}
