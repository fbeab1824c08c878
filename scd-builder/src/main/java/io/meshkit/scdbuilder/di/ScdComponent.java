package io.meshkit.scdbuilder.di;

import dagger.Component;
import io.meshkit.core.cli.CommandComponent;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.scdbuilder.api.ScdBuilder;
import java.time.Clock;
import javax.inject.Singleton;

/** What an {@code meshkit-scd} command uses, built inside {@code call()}. */
@Singleton
@Component(modules = {CoreModule.class, ScdModule.class})
public interface ScdComponent extends CommandComponent {
    /** The builder over the configured warehouse. */
    ScdBuilder scd();

    /** Builds the component for a configuration and a clock. */
    @Component.Factory
    interface Factory extends CommandComponent.Factory<ScdComponent> {}

    /** The component for a configuration, with the system clock. */
    static ScdComponent of(MeshkitConfig config) {
        return DaggerScdComponent.factory().create(config, Clock.systemUTC());
    }
}
