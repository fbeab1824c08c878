package io.meshkit.publisher.cli;

import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.ContractReader;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.identifier.TableId;
import io.meshkit.publisher.api.PublishTarget;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --contract}, {@code --dataset}, {@code --production}, {@code --candidate}: which dataset and tables. */
final class DatasetOptions {
    @Option(names = "--contract", paramLabel = "FILE", required = true, description = "The dataset's ODCS contract.")
    Path contract;

    @Option(names = "--dataset", paramLabel = "NAME", description = "The dataset (schema object) of the contract; needed only if it has several.")
    String dataset;

    @Option(names = "--production", paramLabel = "NAMESPACE.TABLE", description = "Production table (default <domain>.<table>).")
    TableId production;

    @Option(names = "--candidate", paramLabel = "NAMESPACE.TABLE",
            description = "Release candidate (default <domain>_candidates.<table>); versions are kept in its namespace.")
    TableId candidate;

    /** The target these options name. */
    PublishTarget target() {
        Contract c = ContractReader.create().parse(contract).orThrow();
        Dataset d = c.chooseDataset(dataset, contract);
        PublishTarget t = PublishTarget.of(c, d);
        if (production != null) {
            t = t.withProduction(production);
        }
        if (candidate != null) {
            t = t.withCandidate(candidate);
        }
        return t;
    }
}
