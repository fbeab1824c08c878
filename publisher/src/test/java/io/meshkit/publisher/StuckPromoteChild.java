package io.meshkit.publisher;

import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.publisher.api.Mode;
import io.meshkit.publisher.api.PublishListener;
import io.meshkit.publisher.internal.DefaultPublisher;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The promote {@link LeaseTakeoverIT} kills: it takes the dataset's lease (default time-to-live,
 * an hour), starts its run, prints {@code swapping} just before the atomic swap and waits there to be killed.
 */
public final class StuckPromoteChild {
    private StuckPromoteChild() {}

    public static void main(String[] args) throws Exception {
        try (Warehouse w = Fixtures.open(Path.of(args[0]))) {
            PublishListener stop = (dataset, phase) -> {
                if (phase == PublishListener.Phase.SWAPPING) {
                    System.out.println("swapping");
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            new DefaultPublisher(w, WarehouseRunLog.of(w), Clock.systemUTC(), stop).promote(Fixtures.target(), Fixtures.policy(), Mode.RUN);
        }
    }
}
