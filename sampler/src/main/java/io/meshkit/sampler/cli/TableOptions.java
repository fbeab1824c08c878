package io.meshkit.sampler.cli;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Which table and sampling key a command works on: {@code --table} and {@code --key}, or a
 * contract's dataset (its production table and {@code meshkit.samplingKey}); explicit options win.
 */
final class TableOptions {
    @Option(names = "--table", paramLabel = "NAMESPACE.TABLE", description = "The table (default: the contract dataset's production table).")
    TableId table;

    @Option(names = "--key", paramLabel = "COLUMN", description = "The sampling key, e.g. user_id (default: the dataset's meshkit.samplingKey).")
    String key;

    @Option(names = "--contract", paramLabel = "FILE", description = "An ODCS contract whose dataset names the table and sampling key.")
    Path contract;

    @Option(names = "--dataset", paramLabel = "NAME", description = "The dataset of the contract (needed when it has several).")
    String dataset;

    private Optional<Dataset> resolved;
    private Contract contractRead;

    Optional<TableId> tableIfAny() {
        if (table != null) {
            return Optional.of(table);
        }
        return dataset().map(d -> DatasetTables.of(contractRead, d).production());
    }

    Optional<ColumnName> keyIfAny() {
        if (key != null) {
            return Optional.of(ColumnName.of(key));
        }
        return dataset().flatMap(Dataset::samplingKey);
    }

    TableId table(String verb) {
        return tableIfAny().orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot " + verb + ": give --table NAMESPACE.TABLE or --contract FILE"));
    }

    ColumnName key(String verb) {
        return keyIfAny().orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb
                + ": no sampling key: give --key COLUMN, or set meshkit.samplingKey on the contract's dataset"));
    }

    private Optional<Dataset> dataset() {
        if (resolved != null) {
            return resolved;
        }
        if (contract == null) {
            resolved = Optional.empty();
            return resolved;
        }
        contractRead = ContractReader.create().read(contract);
        Dataset d = contractRead.chooseDataset(dataset, contract);
        resolved = Optional.of(d);
        return resolved;
    }
}
