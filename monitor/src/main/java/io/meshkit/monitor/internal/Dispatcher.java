package io.meshkit.monitor.internal;

import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.AlertSink;
import io.meshkit.monitor.api.CheckReport.Delivery;
import io.meshkit.monitor.api.MonitorSettings.RetryPolicy;
import io.meshkit.monitor.api.SinkException;
import io.meshkit.monitor.internal.StateStore.OutboxEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Delivers the outbox, at least once: each undelivered (alert, sink) row is sent, retried with
 * backoff, and marked delivered only after the sink accepted it. A row that still fails stays for
 * the next check. Once a sink has failed every attempt in a check, its other rows wait for the next
 * check instead of each waiting out the backoff again.
 */
final class Dispatcher {
    private final StateStore store;
    private final Map<String, AlertSink> sinks = new HashMap<>();
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Clock clock;

    Dispatcher(StateStore store, List<AlertSink> sinks, RetryPolicy retry, Sleeper sleeper, Clock clock) {
        this.store = store;
        sinks.forEach(s -> this.sinks.put(s.name(), s));
        this.retry = retry;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    List<Delivery> deliverPending() {
        List<Delivery> out = new ArrayList<>();
        Set<String> down = new HashSet<>();
        for (OutboxEntry e : store.pending()) {
            AlertSink sink = sinks.get(e.sink());
            if (sink == null) {
                out.add(new Delivery(e.alertId(), e.dataset(), e.kind(), e.sink(), false, 0, "sink " + e.sink() + " is no longer configured"));
                continue;
            }
            if (down.contains(e.sink())) {
                out.add(new Delivery(e.alertId(), e.dataset(), e.kind(), e.sink(), false, 0, "sink " + e.sink() + " failed earlier in this check"));
                continue;
            }
            Alert alert = AlertJson.read(e.payload());
            String error = null;
            int attempt = 0;
            while (attempt < retry.attempts()) {
                attempt++;
                try {
                    sink.send(alert);
                    error = null;
                    break;
                } catch (SinkException ex) {
                    error = ex.getMessage();
                    if (attempt < retry.attempts()) {
                        try {
                            sleeper.sleep(retry.backoff(attempt));
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
            }
            if (error == null) {
                store.delivered(e, e.attempts() + attempt, clock.instant());
            } else {
                store.failed(e, e.attempts() + attempt, error);
                down.add(e.sink());
            }
            out.add(new Delivery(e.alertId(), e.dataset(), e.kind(), e.sink(), error == null, attempt, error));
        }
        return out;
    }
}
