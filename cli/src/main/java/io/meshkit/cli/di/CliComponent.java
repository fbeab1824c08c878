package io.meshkit.cli.di;

import dagger.BindsInstance;
import dagger.Component;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.core.warehouse.Warehouse;
import java.time.Clock;
import javax.inject.Singleton;

/** The services the {@code meshkit} commands use, built by a command inside {@code call()}. */
@Singleton
@Component(modules = CoreModule.class)
public interface CliComponent {
    /** The configured warehouse; the command closes it. */
    Warehouse warehouse();

    /** Builds the component from the resolved configuration. */
    @Component.Factory
    interface Factory {
        CliComponent create(@BindsInstance MeshkitConfig config, @BindsInstance Clock clock);
    }

    /** The component for a configuration, with the system clock. */
    static CliComponent of(MeshkitConfig config) {
        return DaggerCliComponent.factory().create(config, Clock.systemUTC());
    }
}
