package io.meshkit.differ.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One key whose value of a column differs, with both values as text ({@code NULL} for NULL,
 * {@code ***} where the column or the key is personal data).
 *
 * @param key the key values, in key-column order
 * @param before the production value
 * @param after the candidate value
 */
public record ValueExample(List<String> key, String before, String after) {
    /** Copies the key. */
    public ValueExample {
        key = List.copyOf(key);
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
    }
}
