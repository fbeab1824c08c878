package io.meshkit.scdbuilder.cli;

import io.meshkit.core.cli.RequiredDatasetOption;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.identifier.TableId;
import io.meshkit.scdbuilder.api.ScdTarget;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --contract}, {@code --dataset} and the table overrides every command shares. */
final class DatasetOptions {
    /** {@code --contract} and {@code --dataset}, worded for the scd-builder in {@code Options.properties}. */
    @Mixin
    RequiredDatasetOption contract;

    @Option(names = {"--production"}, paramLabel = "NAMESPACE.TABLE",
            description = "The production table, only read (default: <domain>.<table>).")
    TableId production;

    @Option(names = "--staging", paramLabel = "NAMESPACE.TABLE",
            description = "The staged snapshots, with a snapshot_date column (default: <domain>_staging.<table>).")
    TableId staging;

    @Option(names = "--candidate", paramLabel = "NAMESPACE.TABLE",
            description = "The release candidate written (default: <domain>_candidates.<table>).")
    TableId candidate;

    /** The dimension and its tables, with the overrides applied. */
    ScdTarget target() {
        ScdTarget t = ScdTarget.of(contract.contract(), contract.datasetName().orElse(null));
        DatasetTables d = t.tables();
        return t.withTables(new DatasetTables(production != null ? production : d.production(), staging != null ? staging : d.staging(),
                candidate != null ? candidate : d.candidate()));
    }
}
