package io.meshkit.sampler.di;

import dagger.BindsInstance;
import dagger.Component;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Sampler;
import java.time.Clock;
import javax.inject.Singleton;

/** What the sampler's commands use, built inside {@code call()}. */
@Singleton
@Component(modules = {CoreModule.class, SamplerModule.class})
public interface SamplerComponent {
    /** The configured warehouse; the command closes it. */
    Warehouse warehouse();

    /** The sampler over that warehouse. */
    Sampler sampler();

    /** Builds the component. */
    @Component.Factory
    interface Factory {
        /** Builds the component for a configuration. */
        SamplerComponent create(@BindsInstance MeshkitConfig config, @BindsInstance Clock clock);
    }

    /** The component for a configuration. */
    static SamplerComponent of(MeshkitConfig config) {
        return DaggerSamplerComponent.factory().create(config, Clock.systemUTC());
    }
}
