package io.meshkit.core.contract;

import static java.util.Objects.requireNonNull;

/**
 * An ODCS {@code slaProperties} entry that meshkit does not interpret itself.
 *
 * @param property the property name
 * @param value the value as written (string, number, boolean, list or map), or null
 * @param unit the unit, or null
 * @param element the element it applies to (e.g. {@code tracks.updated_at}), or null
 */
public record SlaProperty(String property, Object value, String unit, String element) {
    /** Validates and copies. */
    public SlaProperty {
        requireNonNull(property, "property is null");
        value = CollectionsUtil.deep(value);
    }
}
