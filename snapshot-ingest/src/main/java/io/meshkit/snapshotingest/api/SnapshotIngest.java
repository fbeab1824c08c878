package io.meshkit.snapshotingest.api;

import io.meshkit.core.progress.Progress;
import java.util.List;

/**
 * Snapshots into a warehouse staging table, from MySQL (or MariaDB) or from files: each table's rows for one date
 * land in the landing zone with a manifest written last, are checked (the contract's columns and the staging table's
 * up front, so a breaking change stops the run before anything is read; the primary key) and are staged in one
 * transaction as that date's rows; each table's run is recorded in the run log under a lease on its dataset.
 *
 * <p>Get one from the module's Dagger component, {@code io.meshkit.snapshotingest.di.IngestComponent}: {@code
 * IngestComponent.of(config, landing).ingest()} over the configured warehouse, or {@code IngestComponent.over(warehouse,
 * runLog, landing, clock)} over a warehouse already open. Requests are validated when they are made; what goes wrong
 * later is a {@code MeshkitException} whose code gives the exit code (2 bad input, 3 a failed source or warehouse).
 *
 * <pre>{@code
 * SnapshotIngest ingest = IngestComponent.over(warehouse, WarehouseRunLog.of(warehouse), landing, Clock.systemUTC());
 * List<TableResult> r = ingest.files(FilesRequest.of(Path.of("snapshots"), contract, LocalDate.parse("2024-01-02")),
 *         Progress.none());
 * r.get(0).stagedRows();
 * }</pre>
 */
public interface SnapshotIngest {
    /** What a snapshot would do, reading no table data (integer keys: MIN and MAX only) and writing nothing. */
    List<TablePlan> plan(SnapshotRequest request);

    /**
     * Snapshots MySQL tables at one point in time into the landing zone (Parquet parts, then the manifest) and stages
     * them, showing the phases on {@code progress}. Repeated key values are staged and counted
     * ({@link TableResult#duplicateKeys()}): the source has no unique index on the contract's key.
     */
    List<TableResult> snapshot(SnapshotRequest request, Progress progress);

    /**
     * Stages the files of a date, one table per contract dataset: the files are checked (every contract column
     * present; the primary key never NULL and, unless allowed, never repeated: else nothing is staged), their manifest
     * (each file's size and SHA-256) is written to the landing zone, and the date's rows are replaced in one
     * transaction, cast to the contract's types. Loading a date again replaces it.
     */
    List<TableResult> files(FilesRequest request, Progress progress);
}
