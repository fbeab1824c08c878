package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The service levels of a contract, from ODCS {@code slaProperties}. The properties {@code freshness},
 * {@code latency}, {@code frequency} and {@code retention} (any case) are read as durations; units are
 * {@code y}/{@code yr}/{@code year(s)} (counted as 365 days), {@code month(s)} (30 days), {@code d}/{@code day(s)},
 * {@code h}/{@code hour(s)}, {@code m}/{@code min}/{@code minute(s)} and {@code s}/{@code sec}/{@code second(s)}.
 * Any other property is kept as written in {@link #properties()}. The {@code element} of a duration
 * property (the column it is measured on, e.g. {@code plays.loaded_at} for freshness) is kept in
 * {@link #elements()}.
 *
 * @param freshness how old the newest data may be
 * @param latency how long after the event the data is available
 * @param frequency how often the data is updated
 * @param retention how long the data is kept
 * @param properties the other SLA properties
 * @param elements the {@code element} of each duration property that names one, by lower-case property name
 */
public record Sla(
        Optional<Duration> freshness,
        Optional<Duration> latency,
        Optional<Duration> frequency,
        Optional<Duration> retention,
        List<SlaProperty> properties,
        Map<String, String> elements) {

    /** No service levels. */
    public static final Sla NONE = new Sla(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Map.of());

    /** Validates and copies. */
    public Sla {
        requireNonNull(freshness, "freshness is null");
        requireNonNull(latency, "latency is null");
        requireNonNull(frequency, "frequency is null");
        requireNonNull(retention, "retention is null");
        properties = CollectionsUtil.list(properties);
        elements = elements == null ? Map.of() : Map.copyOf(elements);
    }

    /** The element (column) a property is measured on, e.g. {@code elementOf("freshness")}. */
    public Optional<String> elementOf(String property) {
        Optional<String> duration = Optional.ofNullable(elements.get(property.toLowerCase(java.util.Locale.ROOT)));
        if (duration.isPresent()) {
            return duration;
        }
        return properties.stream().filter(p -> p.property().equalsIgnoreCase(property)).map(SlaProperty::element)
                .filter(java.util.Objects::nonNull).findFirst();
    }
}
