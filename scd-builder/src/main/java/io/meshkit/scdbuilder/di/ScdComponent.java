package io.meshkit.scdbuilder.di;

import dagger.BindsInstance;
import dagger.Component;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.scdbuilder.api.ScdBuilder;
import java.time.Clock;
import javax.inject.Singleton;

/** What an {@code meshkit-scd} command uses, built inside {@code call()}. */
@Singleton
@Component(modules = {CoreModule.class, ScdModule.class})
public interface ScdComponent {
    /** The warehouse; the command closes it. */
    Warehouse warehouse();

    /** The builder over it. */
    ScdBuilder scd();

    /** Builds the component. */
    @Component.Factory
    interface Factory {
        /** A component for a configuration and a clock. */
        ScdComponent create(@BindsInstance MeshkitConfig config, @BindsInstance Clock clock);
    }

    /** The component for a configuration, with the system clock. */
    static ScdComponent of(MeshkitConfig config) {
        return DaggerScdComponent.factory().create(config, Clock.systemUTC());
    }
}
