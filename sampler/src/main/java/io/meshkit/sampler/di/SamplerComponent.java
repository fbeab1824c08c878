package io.meshkit.sampler.di;

import dagger.Component;
import io.meshkit.core.cli.CommandComponent;
import io.meshkit.core.config.MeshkitConfig;
import io.meshkit.core.di.CoreModule;
import io.meshkit.sampler.api.Sampler;
import java.time.Clock;
import javax.inject.Singleton;

/** What the sampler's commands use, built inside {@code call()}. */
@Singleton
@Component(modules = {CoreModule.class, SamplerModule.class})
public interface SamplerComponent extends CommandComponent {
    /** The sampler over the configured warehouse. */
    Sampler sampler();

    /** Builds the component for a configuration and a clock. */
    @Component.Factory
    interface Factory extends CommandComponent.Factory<SamplerComponent> {}

    /** The component for a configuration. */
    static SamplerComponent of(MeshkitConfig config) {
        return DaggerSamplerComponent.factory().create(config, Clock.systemUTC());
    }
}
