package io.meshkit.monitor.internal;

import java.time.Duration;

/** Waits between delivery attempts; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** Waits. */
    void sleep(Duration d) throws InterruptedException;

    /** The real one. */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
