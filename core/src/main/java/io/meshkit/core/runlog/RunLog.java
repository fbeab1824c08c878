package io.meshkit.core.runlog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where tools record their runs, publications and leases. Ingest, scd-builder and publisher write
 * it; the monitor reads it. The standard implementation keeps it in the warehouse, namespace
 * {@code meshkit_meta}: see {@link WarehouseRunLog}.
 */
public interface RunLog {
    /** Records the start of a run and returns it, status {@link RunStatus#RUNNING}. */
    RunRecord startRun(String tool, String dataset);

    /**
     * Records the start of a run that reads and writes the given datasets. The run log keeps the same
     * record as {@link #startRun(String, String)}; a lineage-reporting run log also names the datasets,
     * with their schemas, in the run's lineage events.
     */
    default RunRecord startRun(String tool, String dataset, RunDatasets datasets) {
        return startRun(tool, dataset);
    }

    /** Records how a run ended and returns the finished record. */
    RunRecord finishRun(String runId, RunOutcome outcome);

    /** A run by id. */
    Optional<RunRecord> run(String runId);

    /** The latest runs of a dataset, newest first. */
    List<RunRecord> runs(String dataset, int limit);

    /** Records a publication. */
    void recordPublication(Publication publication);

    /** The publications of a dataset, newest first. */
    List<Publication> publications(String dataset, int limit);

    /**
     * Reads, for every dataset that has runs or publications, its newest runs, newest publication and
     * the median row count of its recent successful runs, in one set-based pass, and streams one
     * {@link DatasetActivity} per dataset to {@code action}, sorted by dataset. This is what a monitor
     * reads; it never loops over datasets with a query each.
     *
     * @param recentSince only successful runs started at or after this time count towards the median
     * @param recentRuns the median is taken over at most this many successful runs before the newest one
     * @param action called once per dataset
     * @throws UnsupportedOperationException if this run log cannot read in bulk (the default)
     */
    default void forEachDatasetActivity(java.time.Instant recentSince, int recentRuns, Consumer<DatasetActivity> action) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot read dataset activity in bulk");
    }

    /**
     * Takes the lease on a dataset for {@code ttl}, or throws {@link LeaseHeldException} naming who
     * holds it since when. An expired lease is taken over.
     */
    Lease acquireLease(String dataset, String holder, Duration ttl);

    /** Releases a lease this process holds; does nothing if it has expired and been taken over. */
    void releaseLease(Lease lease);

    /** The lease currently held on a dataset, if any and not expired. */
    Optional<Lease> currentLease(String dataset);

    /**
     * Releases whatever lease is held on a dataset, for an operator during an incident: a holder on
     * this host whose process is alive, or a holder on another host, is released only with
     * {@code force}. Recorded in the lease history with who did it.
     *
     * @param by who unlocks, e.g. the user or CI identity
     * @return the lease released, if one was held
     * @throws LeaseHeldException when the holder is alive here or on another host and {@code force} is not set
     * @throws UnsupportedOperationException if this run log cannot (the default)
     */
    default Optional<Lease> unlock(String dataset, boolean force, String by) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot unlock a lease");
    }

    /** The lease history of a dataset (take-overs and unlocks), newest first. */
    default java.util.List<String> leaseHistory(String dataset, int limit) {
        return java.util.List.of();
    }
}
