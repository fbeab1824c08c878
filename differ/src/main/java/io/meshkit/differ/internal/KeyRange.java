package io.meshkit.differ.internal;

/**
 * Keys from {@code lower} (inclusive) to {@code upper} (exclusive); null for unbounded.
 *
 * @param lower the smallest key in the range, or null
 * @param upper the first key after the range, or null
 */
public record KeyRange(Key lower, Key upper) {
    /** Every key. */
    public static final KeyRange ALL = new KeyRange(null, null);
}
