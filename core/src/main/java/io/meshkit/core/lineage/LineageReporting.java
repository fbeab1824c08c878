package io.meshkit.core.lineage;

import io.meshkit.core.runlog.RunDatasets;

/**
 * A run log that reports lineage can also report work that is not a run of a dataset: a monitor's
 * check that reads production tables, for example. Tools test for it ({@code runLog instanceof
 * LineageReporting}); without it (lineage off) they report nothing.
 */
public interface LineageReporting {
    /**
     * Reports the start of a job that reads and writes the given datasets, under a new run id, and
     * returns the handle that reports its end.
     *
     * @param job the job name, e.g. {@code monitor.freshness}
     */
    Lineage.Run startJob(String job, RunDatasets datasets);
}
