package io.meshkit.differ.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a diff of two type-2 slowly changing dimensions says beyond their current state: the history,
 * compared version by version ({@code (key, valid_from)}) and summed up per business key, and how the
 * keys that entered or left the current state got there. The current state itself (the live versions,
 * {@code is_current} and not {@code is_deleted}, compared by business key) is the {@link DiffResult}
 * that carries this.
 *
 * @param productionVersions rows (versions) of production
 * @param candidateVersions rows (versions) of the candidate
 * @param versionsAdded versions only in the candidate (no production version of that key opens at that {@code valid_from})
 * @param versionsRemoved versions only in production
 * @param versionsChanged versions on both sides with a different value in some column ({@code valid_to},
 *     {@code is_current} and {@code is_deleted} included: a version the candidate closes is changed)
 * @param versionsUnchanged versions equal on both sides
 * @param keys business keys with a version on either side
 * @param keysWithChangedHistory business keys with a version added, removed or changed
 * @param histories up to N of those keys, the smallest first, with their versions on each side
 * @param newKeys keys live in the candidate that production has no version of
 * @param returnedKeys keys live in the candidate that production has versions of, none live (back after a delete)
 * @param deletedKeys keys live in production that the candidate has versions of, none live (deleted by the candidate)
 * @param droppedKeys keys live in production that the candidate has no version of at all (history lost)
 */
public record DimensionDiff(long productionVersions, long candidateVersions, long versionsAdded, long versionsRemoved,
        long versionsChanged, long versionsUnchanged, long keys, long keysWithChangedHistory, List<KeyHistory> histories,
        Keys newKeys, Keys returnedKeys, Keys deletedKeys, Keys droppedKeys) {

    /** Copies the list. */
    public DimensionDiff {
        histories = List.copyOf(histories);
        requireNonNull(newKeys, "newKeys is null");
        requireNonNull(returnedKeys, "returnedKeys is null");
        requireNonNull(deletedKeys, "deletedKeys is null");
        requireNonNull(droppedKeys, "droppedKeys is null");
    }

    /** Whether the histories differ (a version added, removed or changed). */
    public boolean hasDifferences() {
        return keysWithChangedHistory > 0;
    }

    /**
     * Keys of one kind: how many, and up to N of them, the smallest first.
     *
     * @param count how many keys
     * @param examples up to N keys, each its key columns' values as text
     */
    public record Keys(long count, List<List<String>> examples) {
        /** No keys. */
        public static final Keys NONE = new Keys(0, List.of());

        /** Copies the lists. */
        public Keys {
            examples = examples.stream().map(List::copyOf).toList();
        }
    }

    /**
     * The history of one business key on both sides.
     *
     * @param key the business key's values as text
     * @param productionVersions its versions in production
     * @param candidateVersions its versions in the candidate
     * @param added its versions only in the candidate
     * @param removed its versions only in production
     * @param changed its versions on both sides that differ
     */
    public record KeyHistory(List<String> key, long productionVersions, long candidateVersions, long added, long removed, long changed) {
        /** Copies the key. */
        public KeyHistory {
            key = List.copyOf(key);
        }
    }
}
