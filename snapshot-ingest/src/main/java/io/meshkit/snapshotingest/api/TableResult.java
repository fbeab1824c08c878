package io.meshkit.snapshotingest.api;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.landing.Manifest;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What a snapshot did for one table.
 *
 * @param dataset the dataset
 * @param sourceTable the MySQL table, or for files the directory of the date's files
 * @param runId the run-log id of this table's run
 * @param manifest the manifest's URI
 * @param files the part files' URIs
 * @param rows rows landed (all chunks)
 * @param bytes bytes landed (all part files)
 * @param chunks chunks in the snapshot
 * @param chunksReused chunks an earlier, interrupted run had landed and that verified
 * @param alreadyComplete whether the snapshot was complete before this run (nothing was read)
 * @param zeroDates zero or invalid dates landed as NULL
 * @param staging the staging table
 * @param stagedRows the staging table's rows for the date
 * @param duplicateKeys key values occurring more than once among the staged rows
 * @param position the source position, or null (always for files)
 * @param drift how MySQL differs from the contract (tolerated differences only)
 * @param warnings one-line warnings
 * @param phases how long this table's landing and staging took
 * @param stagingChanges what changed in the staging table's columns for this snapshot (also among the warnings)
 */
public record TableResult(String dataset, String sourceTable, String runId, URI manifest, List<URI> files, long rows, long bytes,
        int chunks, int chunksReused, boolean alreadyComplete, long zeroDates, TableId staging, long stagedRows, long duplicateKeys,
        Manifest.Position position, Drift drift, List<String> warnings, Phases phases,
        List<StagingChange> stagingChanges) {
    /** Copies. */
    public TableResult {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
        stagingChanges = List.copyOf(stagingChanges);
        java.util.Objects.requireNonNull(phases, "phases is null");
    }

    /**
     * Where a table's time went.
     *
     * @param landing from the start of the run to this table's manifest: describing, planning, the consistent
     *     snapshot, reading the chunks into Parquet parts (the tables of a run are read together, so their
     *     landings overlap) and writing the manifest; for a snapshot already complete, finding its manifest
     * @param staging loading the parts into the staging table, counting the date's rows and checking the key
     */
    public record Phases(Duration landing, Duration staging) {
        /** Checks the durations. */
        public Phases {
            java.util.Objects.requireNonNull(landing, "landing is null");
            java.util.Objects.requireNonNull(staging, "staging is null");
        }
    }
}
