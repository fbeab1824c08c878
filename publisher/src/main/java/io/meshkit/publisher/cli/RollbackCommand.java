package io.meshkit.publisher.cli;

import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rollback}: serve a kept version again, atomically. */
@Command(name = "rollback", description = "Make production serve a kept version again, atomically (default: the one before the current).",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml --to 1"})
final class RollbackCommand extends PublisherCommand {
    @Option(names = "--to", paramLabel = "VERSION", description = "The version to serve, e.g. 3 (see history).")
    Long to;

    @Mixin
    LeaseOption lease;

    @Override
    public Integer call() {
        var target = dataset.target();
        var p = lease.policy();
        return withPublisher((publisher, reports) -> {
            reports.publish("rollback", publisher.rollback(target, to == null ? OptionalLong.empty() : OptionalLong.of(to), p, mode()));
            return 0;
        });
    }
}
