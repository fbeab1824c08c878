package io.meshkit.snapshotingest.di;

import dagger.BindsInstance;
import dagger.Component;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.snapshotingest.internal.MySqlSource;
import io.meshkit.snapshotingest.internal.SnapshotIngest;
import java.time.Clock;
import javax.inject.Singleton;

/** What the ingest commands use, built inside a command's {@code call()}; the command closes the warehouse. */
@Singleton
@Component(modules = CoreModule.class)
public interface IngestComponent {
    /** The snapshot runner for the bound source and landing zone. */
    SnapshotIngest ingest();

    /** The configured warehouse (opened on first use). */
    Warehouse warehouse();

    /** The run log in that warehouse. */
    RunLog runLog();

    /** Builds the component. */
    @Component.Factory
    interface Factory {
        IngestComponent create(@BindsInstance MeshkitConfig config, @BindsInstance Clock clock, @BindsInstance MySqlSource source,
                @BindsInstance LandingZone landing);
    }

    /** The component with the system clock. */
    static IngestComponent of(MeshkitConfig config, MySqlSource source, LandingZone landing) {
        return DaggerIngestComponent.factory().create(config, Clock.systemUTC(), source, landing);
    }
}
