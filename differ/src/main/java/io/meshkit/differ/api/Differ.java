package io.meshkit.differ.api;

import io.meshkit.core.progress.Progress;

/**
 * Diffs a candidate table against production. One interface for both ways the differ works: two
 * tables of one warehouse compared with set-based SQL, or two databases compared segment by segment
 * without downloading either table. Instances come from {@code io.meshkit.differ.di.Differs}.
 *
 * <p>A request the chosen differ cannot honour (a sample across databases, a relative tolerance
 * across databases) throws {@link io.meshkit.core.error.MeshkitException} with
 * {@link io.meshkit.core.error.ErrorCode#INVALID_ARGUMENT} before anything runs.
 */
public interface Differ {
    /** Runs the diff. */
    DiffResult diff(DiffRequest request);

    /** Runs the diff, showing how far it got on {@code progress} (the differ in one warehouse has no steps to show). */
    default DiffResult diff(DiffRequest request, Progress progress) {
        return diff(request);
    }
}
