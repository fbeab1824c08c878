package io.meshkit.sampler.di;

import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.sampler.api.Sampler;
import io.meshkit.sampler.internal.DefaultSampler;

/**
 * Where a {@link Sampler} comes from, for callers in Java that do not use {@link SamplerComponent}.
 * The implementation lives in {@code internal}; this is the one place outside it that names it, so
 * {@code api} never does.
 */
public final class Samplers {
    private Samplers() {}

    /** The sampler over a warehouse; the warehouse stays the caller's. */
    public static Sampler over(Warehouse warehouse) {
        return new DefaultSampler(warehouse);
    }
}
