package io.meshkit.core.runlog;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where tools record their runs, publications and leases. Ingest, scd-builder and publisher write
 * it; the monitor reads it. The standard implementation keeps it in the warehouse, namespace
 * {@code meshkit_meta}: see {@link WarehouseRunLog}.
 */
public interface RunLog {
    /** Records the start of a run and returns it, status {@link RunStatus#RUNNING}. */
    RunRecord startRun(String tool, String dataset);

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
     * Takes the lease on a dataset for {@code ttl}, or throws {@link LeaseHeldException} naming who
     * holds it since when. An expired lease is taken over.
     */
    Lease acquireLease(String dataset, String holder, Duration ttl);

    /** Releases a lease this process holds; does nothing if it has expired and been taken over. */
    void releaseLease(Lease lease);

    /** The lease currently held on a dataset, if any and not expired. */
    Optional<Lease> currentLease(String dataset);
}
