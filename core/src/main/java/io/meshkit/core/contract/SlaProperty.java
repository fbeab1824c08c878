package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * One ODCS {@code slaProperties} entry, as written. A property may appear several times (e.g. one
 * {@code timeOfAvailability} per {@code driver}).
 *
 * @param property the property name, e.g. {@code latency}
 * @param value the value as written (string, number, boolean), or null
 * @param unit the unit, or null
 * @param element the element it applies to (e.g. {@code tracks.updated_at}), or null
 * @param driver why it matters ({@code regulatory}, {@code analytics}, {@code operational}...), or null
 */
public record SlaProperty(String property, Object value, String unit, String element, String driver) {
    /** Validates and copies. */
    public SlaProperty {
        requireNonNull(property, "property is null");
        value = CollectionsUtil.deep(value);
    }

    /** An entry with no driver. */
    public SlaProperty(String property, Object value, String unit, String element) {
        this(property, value, unit, element, null);
    }

    /**
     * The value as a duration, when it reads as one: a number with a unit ({@code 4} {@code d}), a string with its
     * unit ({@code "500ms"}, {@code "2 hours"}) or an ISO-8601 duration ({@code P1D}, {@code PT15M}); see
     * {@link SlaDurations}.
     */
    public Optional<Duration> duration() {
        return SlaDurations.parse(value, unit).duration();
    }
}
