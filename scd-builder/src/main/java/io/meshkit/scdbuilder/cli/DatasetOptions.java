package io.meshkit.scdbuilder.cli;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.identifier.TableId;
import io.meshkit.scdbuilder.api.ScdTarget;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --contract}, {@code --dataset} and the table overrides every command shares. */
final class DatasetOptions {
    @Option(names = "--contract", paramLabel = "FILE", required = true, description = "The dataset's ODCS contract (*.odcs.yaml).")
    Path contract;

    @Option(names = "--dataset", paramLabel = "NAME", description = "The dimension in the contract (needed when it has several).")
    String dataset;

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
        Contract c = ContractReader.create().read(contract);
        ScdTarget t = ScdTarget.of(c, dataset);
        DatasetTables d = t.tables();
        return t.withTables(new DatasetTables(production != null ? production : d.production(), staging != null ? staging : d.staging(),
                candidate != null ? candidate : d.candidate()));
    }
}
