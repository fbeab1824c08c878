package io.meshkit.publisher.di;

import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.api.PublishListener;
import io.meshkit.publisher.api.Publisher;
import io.meshkit.publisher.internal.DefaultPublisher;
import java.time.Clock;

/**
 * The publisher over a warehouse someone else opened and closes (the pipeline runner: one warehouse
 * for every step), for callers that do not build the Dagger component.
 */
public final class Publishers {
    private Publishers() {}

    /** A publisher working in {@code warehouse}, recording in {@code runLog}, telling {@code listener} each phase. */
    public static Publisher over(Warehouse warehouse, RunLog runLog, Clock clock, PublishListener listener) {
        return new DefaultPublisher(warehouse, runLog, clock, listener);
    }
}
