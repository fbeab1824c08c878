package io.meshkit.publisher.cli;

import io.meshkit.publisher.api.PublishOutcome;
import io.meshkit.publisher.api.PublishResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code promote}: audit the candidate and, if it passes, make it production atomically. */
@Command(name = "promote", description = "Validate the candidate and, if it passes, replace production with it atomically.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml --max-row-change 20"})
final class PromoteCommand extends PublisherCommand {
    @Mixin
    PolicyOptions policy;

    @Override
    public Integer call() {
        var target = dataset.target();
        var p = policy.policy();
        return withPublisher((publisher, reports) -> {
            PublishResult r = publisher.promote(target, p, mode());
            reports.publish("promote", r);
            return exitCode(r);
        });
    }

    static int exitCode(PublishResult r) {
        return r.outcome() == PublishOutcome.REFUSED ? 1 : 0;
    }
}
