package io.meshkit.scdbuilder.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.util.Optional;

/**
 * A table of change events: the dimension's key columns, an operation column ({@code create},
 * {@code update} or {@code delete}, any case), an event time (TIMESTAMP) and the after-image of the
 * contract's other columns (ignored for deletes).
 *
 * @param table the events table
 * @param operation the operation column
 * @param eventTime the event time column
 * @param arrival a column telling when each event was loaded (TIMESTAMP); with it a build rebuilds
 *     only the keys with events loaded since the last build, without it every build rolls up all events
 * @param mode {@link Mode#INCREMENTAL} (the default where an arrival column is given) or {@link Mode#FULL}
 */
public record EventSource(TableId table, ColumnName operation, ColumnName eventTime, Optional<ColumnName> arrival, Mode mode) {
    /** The default operation column. */
    public static final ColumnName DEFAULT_OPERATION = ColumnName.of("op");
    /** The default event time column. */
    public static final ColumnName DEFAULT_EVENT_TIME = ColumnName.of("event_time");

    /** Validates the fields. */
    public EventSource {
        requireNonNull(table, "table is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(arrival, "arrival is null");
        requireNonNull(mode, "mode is null");
    }

    /** Events with the default column names, rolled up in full every time. */
    public static EventSource of(TableId table) {
        return new EventSource(table, DEFAULT_OPERATION, DEFAULT_EVENT_TIME, Optional.empty(), Mode.FULL);
    }

    /** How much of the event history a build reads. */
    public enum Mode {
        /** Roll up every event from the beginning (small histories; always correct). */
        FULL,
        /** Rebuild only the keys with events loaded since the last build (needs an arrival column). */
        INCREMENTAL
    }
}
