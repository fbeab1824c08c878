package io.meshkit.publisher.di;

import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.api.PublishListener;
import io.meshkit.publisher.api.Publisher;
import io.meshkit.publisher.internal.DefaultPublisher;
import java.time.Clock;

/**
 * Where a {@link Publisher} comes from, for callers in Java that do not use {@link PublisherComponent}.
 * The implementation lives in {@code internal}; this is the one place outside it that names it, so
 * {@code api} never does.
 */
public final class Publishers {
    private Publishers() {}

    /** A publisher over a warehouse, recording publications and leases in {@code runLog}; the warehouse stays the caller's. */
    public static Publisher create(Warehouse warehouse, RunLog runLog, Clock clock) {
        return new DefaultPublisher(warehouse, runLog, clock);
    }

    /** As {@link #create(Warehouse, RunLog, Clock)}, telling {@code listener} each phase (stage, audit, promote). */
    public static Publisher create(Warehouse warehouse, RunLog runLog, Clock clock, PublishListener listener) {
        return new DefaultPublisher(warehouse, runLog, clock, listener);
    }
}
