package io.meshkit.snapshotingest.api;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Snapshot files into staging: the files of one date, {@code DIR/snapshot_date=YYYY-MM-DD/*.csv} (or
 * {@code *.parquet}), into each contract dataset's staging table ({@code <domain>_staging.<table>}). A contract with
 * several datasets reads each from {@code DIR/<dataset name>/snapshot_date=...}. Validated when made: a request that
 * exists is legal ({@link MeshkitException} with {@link ErrorCode#INVALID_ARGUMENT} otherwise).
 *
 * @param snapshots the directory holding {@code snapshot_date=YYYY-MM-DD} directories
 * @param contracts the contracts: their columns, types and primary key (files carry no contract)
 * @param date the snapshot date: which directory, and the label of the staged rows
 * @param allowBreaking whether the staging table may follow breaking column changes (as {@link SnapshotOptions#allowBreaking})
 * @param allowDuplicateKeys whether repeated primary-key values are staged as they came (an event log delivered at least
 *     once, deduplicated by a later step); a NULL key is refused all the same
 */
public record FilesRequest(Path snapshots, List<Contract> contracts, LocalDate date, boolean allowBreaking, boolean allowDuplicateKeys) {
    /** Validates and copies. */
    public FilesRequest {
        if (snapshots == null) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot ingest files: give the directory with --snapshots DIR");
        }
        contracts = contracts == null ? List.of() : List.copyOf(contracts);
        if (contracts.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot ingest files from " + snapshots
                    + ": give the contract with --contract FILE (it names the columns, their types and the key)");
        }
        if (date == null) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot ingest files from " + snapshots
                    + ": give --date YYYY-MM-DD: the date picks snapshot_date=YYYY-MM-DD, labels the rows and is never guessed");
        }
        if (contracts.stream().allMatch(c -> c.datasets().isEmpty())) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot ingest files of contract " + contracts.get(0).id()
                    + ": it has no schema objects, and ingest stages a table per schema object");
        }
        for (Contract c : contracts) {
            for (Dataset ds : c.datasets()) {
                ds.requireColumns("ingest files");
            }
        }
    }

    /** Files of one contract for a date, refusing breaking changes and repeated keys. */
    public static FilesRequest of(Path snapshots, Contract contract, LocalDate date) {
        return new FilesRequest(snapshots, List.of(contract), date, false, false);
    }
}
