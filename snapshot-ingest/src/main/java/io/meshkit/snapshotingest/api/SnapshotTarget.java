package io.meshkit.snapshotingest.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Dataset;
import io.meshkit.core.identifier.TableId;
import java.util.Optional;

/**
 * One table to snapshot.
 *
 * @param dataset the dataset name in the landing zone and the run log, e.g. {@code music.tracks}
 * @param sourceTable the MySQL table
 * @param contract the contract's dataset, if the table has one: its columns are staged, renamed and typed
 * @param staging the staging table
 */
public record SnapshotTarget(String dataset, String sourceTable, Optional<Dataset> contract, TableId staging) {
    /** Validates. */
    public SnapshotTarget {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(sourceTable, "sourceTable is null");
        requireNonNull(contract, "contract is null");
        requireNonNull(staging, "staging is null");
    }
}
