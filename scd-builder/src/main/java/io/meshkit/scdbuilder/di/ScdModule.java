package io.meshkit.scdbuilder.di;

import dagger.Module;
import dagger.Provides;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.scdbuilder.api.ScdBuilder;
import java.time.Clock;

/** The scd-builder's services over core's warehouse, run log and clock. */
@Module
public final class ScdModule {
    private ScdModule() {}

    /** The builder in the configured warehouse, recording runs in its run log. */
    @Provides
    static ScdBuilder scdBuilder(Warehouse warehouse, RunLog runLog, Clock clock) {
        return ScdBuilders.create(warehouse, runLog, clock);
    }
}
