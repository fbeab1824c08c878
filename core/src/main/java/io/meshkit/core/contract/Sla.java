package io.meshkit.core.contract;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The service levels of a contract, from ODCS {@code slaProperties}, every entry kept as written. The
 * properties {@code freshness}, {@code latency}, {@code frequency} and {@code retention} (any case) are read as
 * durations (see {@link SlaDurations}); when one is given several times (for several drivers), the shortest
 * counts. ODCS v3 prefers {@code latency} for how old the newest data may be: {@link #maxDataAge()} is the
 * stricter of {@code freshness} and {@code latency}.
 *
 * @param properties every entry, in file order
 * @param defaultElement the element SLA properties without one apply to ({@code slaDefaultElement}), or null
 */
public record Sla(List<SlaProperty> properties, String defaultElement) {

    /** No service levels. */
    public static final Sla NONE = new Sla(List.of(), null);

    /** Copies. */
    public Sla {
        properties = CollectionsUtil.list(properties);
    }

    /** How old the newest data may be ({@code freshness}). */
    public Optional<Duration> freshness() {
        return shortest("freshness");
    }

    /** How long after the event the data is available ({@code latency}). */
    public Optional<Duration> latency() {
        return shortest("latency");
    }

    /** How often the data is updated ({@code frequency}). */
    public Optional<Duration> frequency() {
        return shortest("frequency");
    }

    /** How long the data is kept ({@code retention}). */
    public Optional<Duration> retention() {
        return shortest("retention");
    }

    /**
     * How old the newest data may be, whichever way the contract says it: the stricter of {@code freshness}
     * and {@code latency}. The linter's freshness rule and the monitor's lateness read this.
     */
    public Optional<Duration> maxDataAge() {
        Optional<Duration> f = freshness();
        Optional<Duration> l = latency();
        if (f.isPresent() && l.isPresent()) {
            return Optional.of(f.get().compareTo(l.get()) <= 0 ? f.get() : l.get());
        }
        return f.isPresent() ? f : l;
    }

    /** The element (column) {@link #maxDataAge()} is measured on, e.g. {@code plays.played_at}. */
    public Optional<String> maxDataAgeElement() {
        Optional<Duration> age = maxDataAge();
        if (age.isEmpty()) {
            return Optional.empty();
        }
        return properties.stream()
                .filter(p -> isNamed(p, "freshness") || isNamed(p, "latency"))
                .filter(p -> p.duration().filter(age.get()::equals).isPresent())
                .map(SlaProperty::element).filter(Objects::nonNull).findFirst()
                .or(() -> elementOf("freshness")).or(() -> elementOf("latency"));
    }

    /**
     * The element (column) a property is measured on, e.g. {@code elementOf("freshness")}: its own, else the
     * contract's {@code slaDefaultElement} when the property is given.
     */
    public Optional<String> elementOf(String property) {
        List<SlaProperty> entries = all(property);
        return entries.stream().map(SlaProperty::element).filter(Objects::nonNull).findFirst()
                .or(() -> entries.isEmpty() ? Optional.empty() : Optional.ofNullable(defaultElement));
    }

    /** The entries of a property, any case. */
    public List<SlaProperty> all(String property) {
        return properties.stream().filter(p -> isNamed(p, property)).toList();
    }

    private Optional<Duration> shortest(String property) {
        return properties.stream().filter(p -> isNamed(p, property)).map(SlaProperty::duration)
                .flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    private static boolean isNamed(SlaProperty p, String property) {
        return p.property().trim().toLowerCase(Locale.ROOT).equals(property.toLowerCase(Locale.ROOT));
    }
}
