package io.meshkit.monitor.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What one {@link Monitor#check} did.
 *
 * @param checkedAt the time of the check
 * @param datasets how many datasets were evaluated
 * @param failing how many are failing
 * @param late how many are late
 * @param snoozed how many are snoozed
 * @param alerts the alerts this check raised (changes of state, reminders, warnings), not counting snoozed ones
 * @param deliveries the deliveries attempted in this check, including ones left over from earlier checks
 * @param pending deliveries still undelivered after this check (kept for the next one)
 * @param stateChanges datasets whose recorded state changed
 */
public record CheckReport(Instant checkedAt, int datasets, int failing, int late, int snoozed, List<Alert> alerts,
        List<Delivery> deliveries, int pending, int stateChanges) {
    /** Copies the lists. */
    public CheckReport {
        requireNonNull(checkedAt, "checkedAt is null");
        alerts = List.copyOf(alerts);
        deliveries = List.copyOf(deliveries);
    }

    /** Whether any dataset is failing or late (the check's exit code is then 1). */
    public boolean firing() {
        return failing > 0 || late > 0;
    }

    /** How many deliveries succeeded in this check. */
    public long delivered() {
        return deliveries.stream().filter(Delivery::delivered).count();
    }

    /**
     * One attempt to hand an alert to a sink.
     *
     * @param alertId the alert
     * @param dataset its dataset
     * @param kind its kind
     * @param sink the sink's name (never its URL)
     * @param delivered whether the sink accepted it
     * @param attempts how many attempts in this check
     * @param error why it failed (never a URL or secret), or null
     */
    public record Delivery(String alertId, String dataset, AlertKind kind, String sink, boolean delivered, int attempts, String error) {
        /** Validates the fields. */
        public Delivery {
            requireNonNull(alertId, "alertId is null");
            requireNonNull(dataset, "dataset is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(sink, "sink is null");
        }
    }
}
