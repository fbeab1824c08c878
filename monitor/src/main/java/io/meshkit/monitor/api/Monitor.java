package io.meshkit.monitor.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches the datasets the run log and the contracts know: failed runs, late data and recoveries.
 * All state (what was alerted, undelivered alerts, snoozes) is kept in the warehouse under
 * {@code meshkit_meta}, so every call may come from a fresh process. Instances come from
 * {@code io.meshkit.monitor.di.Monitors} (or the {@code MonitorComponent} a CLI builds).
 */
public interface Monitor {
    /** Evaluates every dataset in one set-based pass and streams its status, sorted by dataset. */
    void status(Consumer<DatasetStatus> action);

    /**
     * Evaluates every dataset, records changes of state, raises alerts for them (and reminders and
     * row-count warnings), and delivers every undelivered alert to its sinks.
     */
    CheckReport check();

    /** What {@link #check} would raise, without recording or delivering anything (a dry run). */
    CheckReport preview();

    /** Holds back the alerts of a dataset until a time. */
    Snooze snooze(String dataset, Instant until, Optional<String> reason);

    /** Ends a dataset's snooze; returns whether there was one. */
    boolean unsnooze(String dataset);

    /** The snoozes still active now, sorted by dataset. */
    List<Snooze> snoozes();

    /** How many deliveries are waiting in the outbox. */
    int pendingDeliveries();
}
