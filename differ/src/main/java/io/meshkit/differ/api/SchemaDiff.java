package io.meshkit.differ.api;

import java.util.List;

/**
 * Columns added, removed, renamed or retyped by the candidate.
 *
 * @param added columns only in the candidate
 * @param removed columns only in production
 * @param retyped columns whose type differs (a renamed column under its new name)
 * @param renamed columns the request declared renamed and the diff paired (production's name, the candidate's)
 */
public record SchemaDiff(List<String> added, List<String> removed, List<Retyped> retyped, List<Renamed> renamed) {
    /** A column whose type changed. */
    public record Retyped(String column, String from, String to) {}

    /** A column compared under its new name with production's column of its old name. */
    public record Renamed(String from, String to) {}

    /** Copies the lists. */
    public SchemaDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        retyped = List.copyOf(retyped);
        renamed = List.copyOf(renamed);
    }

    /** A schema diff without renamed columns. */
    public SchemaDiff(List<String> added, List<String> removed, List<Retyped> retyped) {
        this(added, removed, retyped, List.of());
    }

    /** Whether the schemas are equal. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && retyped.isEmpty() && renamed.isEmpty();
    }
}
