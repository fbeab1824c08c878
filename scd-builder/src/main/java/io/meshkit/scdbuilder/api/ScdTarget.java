package io.meshkit.scdbuilder.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetKind;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.runlog.DatasetKey;
import java.util.List;

/**
 * The dimension a command works on: its contract, the dataset in it, and its tables (production,
 * which is only read; staging, the landed snapshots; and the candidate, which meshkit writes).
 *
 * @param contract the contract (its version decides whether a removed or retyped column is allowed)
 * @param dataset the dataset, of {@code meshkit.kind: dimension} with a primary key
 * @param tables where the dataset lives
 */
public record ScdTarget(Contract contract, Dataset dataset, DatasetTables tables) {
    private static final String HOW_TO_MARK = ": add customProperties: [{property: meshkit.kind, value: dimension}]"
            + " to the schema object to build";

    /** Validates that the dataset is a dimension with a key. */
    public ScdTarget {
        requireNonNull(contract, "contract is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(tables, "tables is null");
        if (dataset.kind() != DatasetKind.DIMENSION) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot build dataset " + dataset.name()
                    + " as a dimension: its contract does not set meshkit.kind: dimension on it" + HOW_TO_MARK);
        }
        if (dataset.primaryKey().isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot build dataset " + dataset.name()
                    + " as a dimension: it has no primary key");
        }
    }

    /** The target with the conventional tables of {@link DatasetTables#of}. */
    public static ScdTarget of(Contract contract, Dataset dataset) {
        return new ScdTarget(contract, dataset, DatasetTables.of(contract, dataset));
    }

    /**
     * The one dimension of a contract, or the one named {@code datasetName} when it is not null.
     */
    public static ScdTarget of(Contract contract, String datasetName) {
        requireNonNull(contract, "contract is null");
        if (datasetName != null) {
            Dataset d = contract.dataset(datasetName).orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot find dataset " + datasetName + " in contract " + contract.id() + ": it has "
                            + String.join(", ", contract.datasets().stream().map(Dataset::name).toList())));
            return of(contract, d);
        }
        List<Dataset> dimensions = contract.datasets().stream().filter(d -> d.kind() == DatasetKind.DIMENSION).toList();
        if (dimensions.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot choose a dimension of contract " + contract.id()
                    + ": none of its datasets (" + String.join(", ", contract.datasets().stream().map(Dataset::name).toList())
                    + ") sets meshkit.kind: dimension" + HOW_TO_MARK);
        }
        if (dimensions.size() > 1) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot choose a dimension of contract " + contract.id() + ": it has "
                    + dimensions.size() + " (" + String.join(", ", dimensions.stream().map(Dataset::name).toList())
                    + "); name one with --dataset");
        }
        return of(contract, dimensions.get(0));
    }

    /**
     * The dataset's name in run records and the applied-snapshot log: the production table in the run
     * log's one form ({@link DatasetKey}, lower case), as the publisher and the monitor name it.
     */
    public String datasetId() {
        return DatasetKey.of(tables.production());
    }

    /** A copy with other tables. */
    public ScdTarget withTables(DatasetTables newTables) {
        return new ScdTarget(contract, dataset, newTables);
    }
}
