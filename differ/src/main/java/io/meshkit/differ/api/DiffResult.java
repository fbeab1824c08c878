package io.meshkit.differ.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The result of a diff. Row counts are the tables' own; key counts exclude duplicated keys (reported in
 * {@link #productionDuplicates} and {@link #candidateDuplicates}), whose rows are left out on both
 * sides: {@code removed + changed + unchanged = productionComparedRows} and
 * {@code added + changed + unchanged = candidateComparedRows}.
 *
 * @param production the production table, as named by the user
 * @param candidate the candidate table
 * @param method {@code warehouse} (one set-based query) or {@code segments} (cross-database bisection)
 * @param key the key columns
 * @param sampleRate the sample rate, or null for a full diff
 * @param productionRows rows in production (in the sample, if sampled), duplicated keys included
 * @param candidateRows rows in the candidate (in the sample, if sampled), duplicated keys included
 * @param productionComparedRows production's rows compared: without the keys duplicated on either side
 * @param candidateComparedRows the candidate's rows compared: without the keys duplicated on either side
 * @param added keys only in the candidate
 * @param removed keys only in production
 * @param changed keys on both sides with a different value in some compared column (a column on one side
 *     only counts as NULL on the other)
 * @param unchanged keys on both sides with equal values
 * @param columns per compared column (present on both sides, not a key), in production order
 * @param addedExamples up to N added keys
 * @param removedExamples up to N removed keys
 * @param schema columns added, removed and retyped
 * @param productionDuplicates duplicated keys in production
 * @param candidateDuplicates duplicated keys in the candidate
 * @param work what the diff cost: queries run, segments compared, rows downloaded
 * @param dimension for a diff of two dimensions ({@link DiffRequest#asDimension}), their histories; null otherwise.
 *     The rest of the result is then the current state: the live versions ({@code is_current}, not {@code is_deleted})
 *     compared by the business key, the rows and keys counted among them, the schema of the whole tables
 */
public record DiffResult(String production, String candidate, String method, List<String> key, Double sampleRate,
        long productionRows, long candidateRows, long productionComparedRows, long candidateComparedRows, long added, long removed, long changed, long unchanged,
        List<ColumnDiff> columns, List<List<String>> addedExamples, List<List<String>> removedExamples,
        SchemaDiff schema, Duplicates productionDuplicates, Duplicates candidateDuplicates, Work work, DimensionDiff dimension) {

    /** A result of a diff of two tables that are not dimensions. */
    public DiffResult(String production, String candidate, String method, List<String> key, Double sampleRate,
            long productionRows, long candidateRows, long productionComparedRows, long candidateComparedRows, long added, long removed,
            long changed, long unchanged, List<ColumnDiff> columns, List<List<String>> addedExamples, List<List<String>> removedExamples,
            SchemaDiff schema, Duplicates productionDuplicates, Duplicates candidateDuplicates, Work work) {
        this(production, candidate, method, key, sampleRate, productionRows, candidateRows, productionComparedRows, candidateComparedRows,
                added, removed, changed, unchanged, columns, addedExamples, removedExamples, schema, productionDuplicates,
                candidateDuplicates, work, null);
    }

    /**
     * What a diff cost.
     *
     * @param queries statements run (on both sides together)
     * @param segments key-range segments compared by count and checksum (0 for an in-warehouse diff)
     * @param rowsDownloaded rows fetched to the JVM to compare them row by row
     * @param elapsedMillis wall time
     * @param steps where the time went, in order (empty where not recorded)
     */
    public record Work(long queries, long segments, long rowsDownloaded, long elapsedMillis, List<Step> steps) {
        /** Copies the steps. */
        public Work {
            steps = List.copyOf(steps);
        }

        /** Work without a record of its steps. */
        public Work(long queries, long segments, long rowsDownloaded, long elapsedMillis) {
            this(queries, segments, rowsDownloaded, elapsedMillis, List.of());
        }
    }

    /**
     * One step of a diff and its wall time: {@code plan} (describing both sides, the key bounds),
     * {@code level N} (the range digests of one level of the bisection, both sides at once),
     * {@code download N} (the small differing ranges of that level, fetched and compared row by row).
     *
     * @param name the step
     * @param millis its wall time
     * @param segments key ranges it summarised or downloaded
     * @param rows rows it downloaded (0 for a level of digests)
     */
    public record Step(String name, long millis, long segments, long rows) {
        /** Validates. */
        public Step {
            requireNonNull(name, "name is null");
        }
    }

    /** Copies the lists. */
    public DiffResult {
        requireNonNull(production, "production is null");
        requireNonNull(candidate, "candidate is null");
        requireNonNull(method, "method is null");
        key = List.copyOf(key);
        columns = List.copyOf(columns);
        addedExamples = addedExamples.stream().map(List::copyOf).toList();
        removedExamples = removedExamples.stream().map(List::copyOf).toList();
        requireNonNull(schema, "schema is null");
        requireNonNull(productionDuplicates, "productionDuplicates is null");
        requireNonNull(candidateDuplicates, "candidateDuplicates is null");
        requireNonNull(work, "work is null");
    }

    /** Whether anything differs: rows, values, schema, duplicates or (of a dimension) the history. */
    public boolean hasDifferences() {
        return added > 0 || removed > 0 || changed > 0 || !schema.isEmpty()
                || productionDuplicates.keys() > 0 || candidateDuplicates.keys() > 0
                || (dimension != null && dimension.hasDifferences());
    }

    /** Whether this is the diff of two dimensions (the current state, with {@link #dimension} the histories). */
    public boolean isDimension() {
        return dimension != null;
    }

    /** Added, removed and changed keys as a percentage of production's compared rows (100 when there are none and something changed). */
    public double changedPercent() {
        long touched = added + removed + changed;
        if (productionComparedRows == 0) {
            return touched == 0 ? 0 : 100;
        }
        return 100.0 * touched / productionComparedRows;
    }

    /** Whether rows were left out of the comparison (keys duplicated on either side). */
    public boolean leftOutRows() {
        return productionComparedRows != productionRows || candidateComparedRows != candidateRows;
    }
}
