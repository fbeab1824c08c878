package io.meshkit.snapshotingest.di;

import dagger.Binds;
import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import io.meshkit.core.cli.CommandComponent;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.snapshotingest.api.SnapshotIngest;
import io.meshkit.snapshotingest.internal.DefaultSnapshotIngest;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * How a {@link SnapshotIngest} is made: over the warehouse a configuration names (a command's; the command closes
 * the warehouse, which is opened on first use, so a plan opens none), or {@link #over} a warehouse already open
 * (the pipeline's).
 */
@Singleton
@Component(modules = {CoreModule.class, IngestComponent.IngestModule.class})
public interface IngestComponent extends CommandComponent {
    /** The ingest over the configured warehouse (opened on first use), landing in the bound landing zone. */
    SnapshotIngest ingest();

    /** The run log in that warehouse. */
    RunLog runLog();

    /** Builds the component. */
    @Component.Factory
    interface Factory {
        IngestComponent create(@BindsInstance MeshkitConfig config, @BindsInstance Clock clock, @BindsInstance LandingZone landing);
    }

    /** The component with the system clock. */
    static IngestComponent of(MeshkitConfig config, LandingZone landing) {
        return DaggerIngestComponent.factory().create(config, Clock.systemUTC(), landing);
    }

    /** An ingest over a warehouse already open, recording its runs in {@code runLog}; the caller closes the warehouse. */
    static SnapshotIngest over(Warehouse warehouse, RunLog runLog, LandingZone landing, Clock clock) {
        java.util.Objects.requireNonNull(warehouse, "warehouse is null");
        java.util.Objects.requireNonNull(runLog, "runLog is null");
        return new DefaultSnapshotIngest(() -> warehouse, () -> runLog, landing, clock);
    }

    /** The binding of the api to this module's implementation. */
    @Module
    abstract class IngestModule {
        private IngestModule() {}

        @Binds
        abstract SnapshotIngest ingest(DefaultSnapshotIngest impl);
    }
}
