package io.meshkit.publisher.cli;

import io.meshkit.core.cli.DatasetSelection;
import io.meshkit.core.cli.RequiredDatasetOption;
import io.meshkit.core.identifier.TableId;
import io.meshkit.publisher.api.PublishTarget;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --contract}, {@code --dataset}, {@code --production}, {@code --candidate}: which dataset and tables. */
final class DatasetOptions {
    /** {@code --contract} and {@code --dataset}, worded for the publisher in {@code Options.properties}. */
    @Mixin
    RequiredDatasetOption contract;

    @Option(names = "--production", paramLabel = "NAMESPACE.TABLE", description = "Production table (default <domain>.<table>).")
    TableId production;

    @Option(names = "--candidate", paramLabel = "NAMESPACE.TABLE",
            description = "Release candidate (default <domain>_candidates.<table>); versions are kept in its namespace.")
    TableId candidate;

    /** The target these options name. */
    PublishTarget target() {
        DatasetSelection chosen = contract.selection();
        PublishTarget t = PublishTarget.of(chosen.contract(), chosen.dataset());
        if (production != null) {
            t = t.withProduction(production);
        }
        if (candidate != null) {
            t = t.withCandidate(candidate);
        }
        return t;
    }
}
