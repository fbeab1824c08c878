package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The service levels of a contract, from ODCS {@code slaProperties}. The properties {@code freshness},
 * {@code latency}, {@code frequency} and {@code retention} (any case) are read as durations; units are
 * {@code y}/{@code yr}/{@code year(s)} (counted as 365 days), {@code month(s)} (30 days), {@code d}/{@code day(s)},
 * {@code h}/{@code hour(s)}, {@code m}/{@code min}/{@code minute(s)} and {@code s}/{@code sec}/{@code second(s)}.
 * Any other property is kept as written in {@link #properties()}.
 *
 * @param freshness how old the newest data may be
 * @param latency how long after the event the data is available
 * @param frequency how often the data is updated
 * @param retention how long the data is kept
 * @param properties the other SLA properties
 */
public record Sla(
        Optional<Duration> freshness,
        Optional<Duration> latency,
        Optional<Duration> frequency,
        Optional<Duration> retention,
        List<SlaProperty> properties) {

    /** No service levels. */
    public static final Sla NONE = new Sla(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    /** Validates and copies. */
    public Sla {
        requireNonNull(freshness, "freshness is null");
        requireNonNull(latency, "latency is null");
        requireNonNull(frequency, "frequency is null");
        requireNonNull(retention, "retention is null");
        properties = CollectionsUtil.list(properties);
    }
}
