package io.meshkit.publisher.cli;

import picocli.CommandLine.Command;

/** {@code history}: the published versions. */
@Command(name = "history", description = "List the published versions: times, rows, contract versions, which is current and which are kept.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml"})
final class HistoryCommand extends PublisherCommand {
    @Override
    public Integer call() {
        var target = dataset.target();
        return withPublisher((publisher, reports, warehouse) -> {
            // lease take-overs and unlocks are part of the dataset's history (SECURITY.md)
            reports.history(target.datasetId(), target.production(), publisher.history(target),
                    io.meshkit.core.runlog.WarehouseRunLog.of(warehouse).leaseHistory(target.datasetId(), 10));
            return 0;
        });
    }
}
