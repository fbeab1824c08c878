package io.meshkit.scdbuilder.di;

import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.internal.DefaultScdBuilder;
import java.time.Clock;

/**
 * Where an {@link ScdBuilder} comes from, for callers in Java and for {@link ScdModule}. The
 * implementation lives in {@code internal}; this is the one place outside it that names it, so
 * {@code api} never does.
 */
public final class ScdBuilders {
    private ScdBuilders() {}

    /** A builder over a warehouse, recording runs in {@code runLog}; the warehouse stays the caller's. */
    public static ScdBuilder create(Warehouse warehouse, RunLog runLog, Clock clock) {
        return new DefaultScdBuilder(warehouse, runLog, clock);
    }
}
