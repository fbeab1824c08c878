package io.meshkit.monitor.api;

import java.util.Locale;

/** Why an alert fired. Alerts fire on changes of state, plus reminders and row-count warnings. */
public enum AlertKind {
    /** The latest finished run failed (the dataset became failing). */
    FAILED,
    /** The newest data became older than the freshness SLA allows. */
    LATE,
    /** A run succeeded after a failure (the dataset is no longer failing). */
    RECOVERED,
    /** The newest data is within the freshness SLA again. */
    CAUGHT_UP,
    /** The dataset is still failing or late after the reminder interval. */
    REMINDER,
    /** A run's row count moved more than the configured share from the median of recent runs. */
    ROW_COUNT;

    /** The name as printed and sent, e.g. {@code caught-up}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
