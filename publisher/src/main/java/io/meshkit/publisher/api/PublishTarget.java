package io.meshkit.publisher.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.runlog.DatasetKey;
import java.util.Locale;

/**
 * The dataset a publisher command works on and its tables: production (what consumers query), the
 * release candidate, and the kept versions, which live in the candidate's namespace as
 * {@code <production>__v000001}, {@code __v000002}, ... (a warehouse may rename only within a
 * namespace, so the candidate becomes a version without a copy).
 *
 * @param contract the dataset's contract
 * @param dataset the dataset of the contract
 * @param production the production table, {@code <domain>.<table>} by convention
 * @param candidate the release candidate, {@code <domain>_candidates.<table>} by convention
 */
public record PublishTarget(Contract contract, Dataset dataset, TableId production, TableId candidate) {
    /** Validates. */
    public PublishTarget {
        requireNonNull(contract, "contract is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(production, "production is null");
        requireNonNull(candidate, "candidate is null");
        if (production.toString().equalsIgnoreCase(candidate.toString())) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot publish " + dataset.name() + ": the candidate cannot be the production table " + production);
        }
    }

    /** The conventional tables of a contract's dataset ({@link DatasetTables#of}). */
    public static PublishTarget of(Contract contract, Dataset dataset) {
        DatasetTables tables = DatasetTables.of(contract, dataset);
        return new PublishTarget(contract, dataset, tables.production(), tables.candidate());
    }

    /** The same target with another production table. */
    public PublishTarget withProduction(TableId table) {
        return new PublishTarget(contract, dataset, table, candidate);
    }

    /** The same target with another candidate table. */
    public PublishTarget withCandidate(TableId table) {
        return new PublishTarget(contract, dataset, production, table);
    }

    /** The dataset's key in the run log ({@link DatasetKey}): the production table, e.g. {@code music.tracks}. */
    public String datasetId() {
        return DatasetKey.of(production);
    }

    /** The table that keeps a published version. */
    public TableId versionTable(long version) {
        return candidate.namespace().table(versionPrefix() + String.format(Locale.ROOT, "%06d", version));
    }

    /** The name prefix of version tables, e.g. {@code tracks__v}. */
    public String versionPrefix() {
        return production.name() + "__v";
    }
}
