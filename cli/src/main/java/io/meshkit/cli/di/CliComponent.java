package io.meshkit.cli.di;

import dagger.Component;
import io.meshkit.core.cli.CommandComponent;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import java.time.Clock;
import javax.inject.Singleton;

/** The services the {@code meshkit} commands use, built by a command inside {@code call()}. */
@Singleton
@Component(modules = CoreModule.class)
public interface CliComponent extends CommandComponent {
    /** Builds the component for a configuration and a clock. */
    @Component.Factory
    interface Factory extends CommandComponent.Factory<CliComponent> {}

    /** The component for a configuration, with the system clock. */
    static CliComponent of(MeshkitConfig config) {
        return DaggerCliComponent.factory().create(config, Clock.systemUTC());
    }
}
