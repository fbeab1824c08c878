package io.meshkit.sampler.di;

import dagger.Binds;
import dagger.Module;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.internal.DefaultSampler;

/** Binds the sampler's services. */
@Module
public interface SamplerModule {
    /** The sampler over the component's warehouse. */
    @Binds
    Sampler sampler(DefaultSampler sampler);
}
