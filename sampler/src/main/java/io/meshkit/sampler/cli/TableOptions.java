package io.meshkit.sampler.cli;

import io.meshkit.core.cli.DatasetOption;
import io.meshkit.core.cli.TableOption;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which table and sampling key a command works on: {@code --table} and {@code --key}, or a
 * contract's dataset (its production table and {@code meshkit.samplingKey}); explicit options win.
 */
final class TableOptions {
    /** {@code --table}, worded for the sampler in {@code Options.properties}. */
    @Mixin
    TableOption table;

    @Option(names = "--key", paramLabel = "COLUMN", description = "The sampling key, e.g. user_id (default: the dataset's meshkit.samplingKey).")
    String key;

    /** {@code --contract} and {@code --dataset}, worded for the sampler in {@code Options.properties}. */
    @Mixin
    DatasetOption contract;

    Optional<TableId> tableIfAny() {
        if (table.table().isPresent()) {
            return table.table();
        }
        return contract.selection().map(s -> s.tables().production());
    }

    Optional<ColumnName> keyIfAny() {
        if (key != null) {
            return Optional.of(ColumnName.of(key));
        }
        return contract.selection().flatMap(s -> s.dataset().samplingKey());
    }

    TableId table(String verb) {
        return tableIfAny().orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot " + verb + ": give --table NAMESPACE.TABLE or --contract FILE"));
    }

    ColumnName key(String verb) {
        return keyIfAny().orElseThrow(() -> new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + verb
                + ": no sampling key: give --key COLUMN, or set meshkit.samplingKey on the contract's dataset"));
    }
}
