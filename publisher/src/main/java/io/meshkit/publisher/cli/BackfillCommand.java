package io.meshkit.publisher.cli;

import io.meshkit.publisher.api.PublishResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code backfill}: stage the full history, validate, promote, under one lease. */
@Command(name = "backfill", description = "Stage the whole history into a candidate, validate it and promote it in one go, without downtime.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/plays.odcs.yaml --query-file examples/music/models/plays.sql"})
final class BackfillCommand extends PublisherCommand {
    @Mixin
    SourceOptions source;

    @Mixin
    PolicyOptions policy;

    /** Rows of a query are data brought in, as {@code meshkit query} brings them: a new project's first stage makes the warehouse. */
    @Override
    boolean createsWarehouse() {
        return !dryRun && source.isQuery();
    }

    @Override
    public Integer call() {
        var target = dataset.target();
        var from = source.toSource();
        var p = policy.policy();
        return withPublisher((publisher, reports) -> {
            PublishResult r = publisher.backfill(target, from, p, mode());
            reports.publish("backfill", r);
            return PromoteCommand.exitCode(r);
        });
    }
}
