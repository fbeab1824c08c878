package io.meshkit.differ.api;

import java.util.List;

/**
 * Columns added, removed or retyped by the candidate.
 *
 * @param added columns only in the candidate
 * @param removed columns only in production
 * @param retyped columns whose type differs
 */
public record SchemaDiff(List<String> added, List<String> removed, List<Retyped> retyped) {
    /** A column whose type changed. */
    public record Retyped(String column, String from, String to) {}

    /** Copies the lists. */
    public SchemaDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        retyped = List.copyOf(retyped);
    }

    /** Whether the schemas are equal. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && retyped.isEmpty();
    }
}
