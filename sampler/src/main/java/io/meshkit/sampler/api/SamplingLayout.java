package io.meshkit.sampler.api;

import io.meshkit.core.identifier.ColumnName;

/** The names {@code prepare} gives to a table laid out for sampling. */
public final class SamplingLayout {
    /** The column holding each row's sampling value, in [0, 1), from the sampling key. */
    public static final ColumnName SAMPLING_VALUE = ColumnName.of("sampling_value");

    /** The default of {@code --subsamples}, which is no longer used (the variance is estimated per user); kept for compatibility. */
    public static final int DEFAULT_SUBSAMPLES = 20;

    private SamplingLayout() {}
}
