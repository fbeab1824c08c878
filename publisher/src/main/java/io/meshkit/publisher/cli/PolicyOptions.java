package io.meshkit.publisher.cli;

import io.meshkit.publisher.api.PublishPolicy;
import io.meshkit.publisher.api.RowChangeSeverity;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How validation judges and promotion keeps: shared by validate, promote, backfill and rollback. */
final class PolicyOptions {
    @Option(names = "--keep", paramLabel = "K", defaultValue = "3", description = "Published versions kept to roll back to (default ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--max-row-change", paramLabel = "PERCENT", defaultValue = "50",
            description = "Largest row-count change against production that passes quietly (default ${DEFAULT-VALUE}).")
    double maxRowChange;

    @Option(names = "--on-row-change", paramLabel = "warn|fail", defaultValue = "warn",
            description = "What a larger change does: warn (default) or fail the validation.")
    RowChangeSeverity onRowChange;

    @Mixin
    LeaseOption lease;

    PublishPolicy policy() {
        return new PublishPolicy(keep, maxRowChange, onRowChange, lease.ttl(), actor());
    }

    static String actor() {
        return LeaseOption.actor();
    }
}
