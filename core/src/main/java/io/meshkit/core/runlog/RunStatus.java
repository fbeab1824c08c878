package io.meshkit.core.runlog;

/** Where a run is. */
public enum RunStatus {
    /** Started and not finished (or the process died: see the monitor). */
    RUNNING,
    /** Finished without error. */
    SUCCEEDED,
    /** Finished with an error. */
    FAILED
}
