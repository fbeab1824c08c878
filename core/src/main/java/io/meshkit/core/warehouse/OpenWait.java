package io.meshkit.core.warehouse;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long opening a warehouse waits for another process to let go of it (the {@code --wait}
 * option; 30 s by default). An embedded warehouse (DuckDB) admits one writing process at a time; a
 * command that finds it busy waits this long, saying so, before it fails. Process-wide: a command
 * line sets it once when its options are parsed.
 */
public final class OpenWait {
    /** The default wait. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private static volatile Duration current = DEFAULT;

    private OpenWait() {}

    /** The wait in force. */
    public static Duration current() {
        return current;
    }

    /** Sets the wait. */
    public static void set(Duration wait) {
        requireNonNull(wait, "wait is null");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait is negative");
        }
        current = wait;
    }
}
