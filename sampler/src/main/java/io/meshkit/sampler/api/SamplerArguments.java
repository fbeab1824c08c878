package io.meshkit.sampler.api;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;

/**
 * The rules that make the plain arguments of {@link Sampler}'s methods legal, checked by every
 * implementation before it touches the warehouse, so that a Java caller gets the same typed error
 * ({@link ErrorCode#INVALID_ARGUMENT}, exit 2 on the command line) as a user of the CLI.
 */
public final class SamplerArguments {
    private SamplerArguments() {}

    /** {@code subsamples}, no longer used for the variance but still bounded: 2..1000. */
    public static int subsamples(String verb, int subsamples) {
        if (subsamples < 2 || subsamples > 1000) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb + ": --subsamples must be between 2 and 1000");
        }
        return subsamples;
    }

    /** The timed runs of an evaluation: at least 1. */
    public static int runs(int runs) {
        if (runs < 1) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot evaluate: --runs must be at least 1");
        }
        return runs;
    }
}
