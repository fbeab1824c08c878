package io.meshkit.publisher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code stage}: write the release candidate from a query or a table; production is never touched. */
@Command(name = "stage", description = "Create the release candidate from a query or an existing table, beside production.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/plays.odcs.yaml --query-file examples/music/models/plays.sql"})
final class StageCommand extends PublisherCommand {
    @Mixin
    SourceOptions source;

    @Mixin
    LeaseOption lease;

    /** Rows of a query are data brought in, as {@code meshkit query} brings them: a new project's first stage makes the warehouse. */
    @Override
    boolean createsWarehouse() {
        return !dryRun && source.isQuery();
    }

    @Override
    public Integer call() {
        var target = dataset.target();
        var from = source.toSource();
        var policy = lease.policy();
        return withPublisher((publisher, reports) -> {
            reports.stage(publisher.stage(target, from, policy, mode()));
            return 0;
        });
    }
}
