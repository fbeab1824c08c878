package io.meshkit.scdbuilder.api;

/**
 * What one build changed. For a restatement or a rebuild the counts are summed over the replayed
 * snapshots, except {@code unchanged}, which is that of the last one.
 *
 * @param opened versions opened for keys present in a snapshot (new keys, changed type-2 attributes,
 *     keys that came back after a delete)
 * @param closed versions closed (a type-2 change, a delete, or a tombstone closed by a comeback)
 * @param corrected keys whose type-1 attributes changed and nothing else (overwritten in every version)
 * @param deleted keys that disappeared (their current version closed; with tombstones a tombstone opened)
 * @param unchanged keys of the snapshot with a current version and no change
 * @param rows rows of the candidate table
 */
public record ScdCounts(long opened, long closed, long corrected, long deleted, long unchanged, long rows) {
    /** Nothing counted (a dry run). */
    public static final ScdCounts NONE = new ScdCounts(0, 0, 0, 0, 0, 0);

    /** The counts of two successive builds: sums, with the later {@code unchanged} and {@code rows}. */
    public ScdCounts then(ScdCounts later) {
        return new ScdCounts(opened + later.opened, closed + later.closed, corrected + later.corrected,
                deleted + later.deleted, later.unchanged, later.rows);
    }

    /** One line for run records and logs: counts only, never row values. */
    public String summary() {
        return "opened " + opened + ", closed " + closed + ", corrected " + corrected + ", deleted " + deleted
                + ", unchanged " + unchanged + ", rows " + rows;
    }
}
