package io.meshkit.differ.api;

import java.util.List;

/**
 * Keys that occur more than once on one side. They are reported and left out of the comparison,
 * never joined (a join would multiply rows and hide the problem).
 *
 * @param keys the number of distinct duplicated keys
 * @param rows the rows that carry one of these keys (at least twice {@code keys})
 * @param examples up to N of them, smallest first, with {@code ***} for personal-data key columns
 */
public record Duplicates(long keys, long rows, List<List<String>> examples) {
    /** No duplicates. */
    public static final Duplicates NONE = new Duplicates(0, 0, List.of());

    /** Copies the examples. */
    public Duplicates {
        examples = examples.stream().map(List::copyOf).toList();
    }
}
