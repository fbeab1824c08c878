package io.meshkit.core.di;

import dagger.Module;
import dagger.Provides;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.lineage.LineageRunLog;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.Warehouses;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * What every tool's Dagger component needs from core: the configured warehouse (one per component,
 * closed by whoever built the component), the run log in it, and the clock. A CLI binds the
 * {@link MeshkitConfig} (and, in tests, a fixed {@link Clock}) with {@code @BindsInstance}.
 */
@Module
public final class CoreModule {
    private CoreModule() {}

    /** The warehouse the configuration names. */
    @Provides
    @Singleton
    static Warehouse warehouse(MeshkitConfig config) {
        return Warehouses.open(config.warehouseUri(), config.warehouseSettings());
    }

    /**
     * The run log kept in that warehouse; when {@code meshkit.yaml} turns lineage on, every run it
     * records is also reported as OpenLineage events.
     */
    @Provides
    @Singleton
    static RunLog runLog(Warehouse warehouse, Clock clock, MeshkitConfig config) {
        return LineageRunLog.wrap(new WarehouseRunLog(warehouse, clock), config.lineage(), warehouse.uri(), clock);
    }
}
