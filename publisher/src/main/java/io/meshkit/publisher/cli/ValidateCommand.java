package io.meshkit.publisher.cli;

import io.meshkit.publisher.api.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code validate}: audit the candidate against its contract. Read-only. */
@Command(name = "validate", description = "Audit the candidate: columns and types, the contract's quality checks, the row-count change.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml"})
final class ValidateCommand extends PublisherCommand {
    @Mixin
    PolicyOptions policy;

    @Override
    public Integer call() {
        var target = dataset.target();
        var p = policy.policy();
        return withPublisher((publisher, reports) -> {
            ValidationReport r = publisher.validate(target, p, mode());
            reports.validation(r);
            return r.passed() ? 0 : 1;
        });
    }
}
