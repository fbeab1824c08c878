package io.meshkit.publisher.cli;

import io.meshkit.core.cli.ConsoleOptions;
import io.meshkit.core.cli.WarehouseOption;
import io.meshkit.core.runlog.Lease;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.di.PublisherComponent;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code unlock}: release a dataset's lease during an incident. */
@Command(name = "unlock", description = "Release the lease on a dataset: at once when its holder's process on this host is gone,"
        + " with --force when the holder is alive or on another host. Recorded with who did it.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} music.tracks"})
final class UnlockCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DATASET", description = "The dataset, as the lease names it, e.g. shop.events.")
    String dataset;

    @Option(names = "--force", description = "Release it even if the holder looks alive or runs on another host.")
    boolean force;

    @Mixin
    WarehouseOption warehouse;

    @Mixin
    ConsoleOptions console;

    @Override
    public Integer call() {
        PrintWriter out = console.out();
        PublisherComponent component = PublisherComponent.of(warehouse.existingConfig());
        try (Warehouse w = component.warehouse()) {
            WarehouseRunLog log = WarehouseRunLog.of(w);
            Optional<Lease> released = log.unlock(dataset, force, LeaseOption.actor());
            if (released.isEmpty()) {
                out.println(dataset + ": no lease is held");
            } else {
                out.println("unlocked " + dataset + ": released the lease of " + released.get().holder()
                        + released.get().process().map(p -> " (" + p.describe() + ")").orElse(""));
            }
            log.leaseHistory(dataset, 5).forEach(line -> out.println("  " + line));
            out.flush();
            return 0;
        }
    }
}
