package io.meshkit.differ.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.differ.api.ColumnDiff;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.DiffResult;
import io.meshkit.differ.api.Differ;
import io.meshkit.differ.api.Duplicates;
import io.meshkit.differ.api.SchemaDiff;
import io.meshkit.differ.api.SegmentSettings;
import io.meshkit.differ.api.ValueExample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Diffs a table in one database against a table in another (MySQL against the warehouse, or one
 * warehouse against another) without downloading either: the key range is split into segments,
 * each side reports a row count and a digest of its normalised rows per segment (one
 * query per split), segments that differ are split again, and only segments of at most
 * {@code downloadThreshold} rows are fetched and compared row by row.
 */
public final class CrossDatabaseDiffer implements Differ {
    /** A segment that cannot be split (one key repeated) is downloaded only up to this many rows. */
    private static final int MAX_UNSPLITTABLE_ROWS = 100_000;

    private final Function<TableId, SegmentSource> production;
    private final Function<TableId, SegmentSource> candidate;
    private final int fanout;
    private final SegmentSettings settings;

    private CrossDatabaseDiffer(Function<TableId, SegmentSource> production, Function<TableId, SegmentSource> candidate,
            SegmentSettings settings) {
        this.production = production;
        this.candidate = candidate;
        this.settings = requireNonNull(settings, "settings is null");
        this.fanout = settings.fanout();
    }

    /**
     * Production in MySQL ({@code DATABASE.TABLE}), the candidate in a warehouse.
     *
     * @param jdbcUrl {@code jdbc:mysql://host:port/...}, without a password
     * @param password the password (from {@code MESHKIT_MYSQL_PASSWORD}), or null
     */
    public static CrossDatabaseDiffer mysqlAgainstWarehouse(String jdbcUrl, String password, Warehouse warehouse,
            SegmentSettings settings) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(warehouse, "warehouse is null");
        return new CrossDatabaseDiffer(t -> MySqlSegmentSource.connect(jdbcUrl, password, t),
                t -> new WarehouseSegmentSource(warehouse, t, false), settings);
    }

    /** Production in one warehouse, the candidate in another; neither is closed by the diff. */
    public static CrossDatabaseDiffer betweenWarehouses(Warehouse productionWarehouse, Warehouse candidateWarehouse,
            SegmentSettings settings) {
        requireNonNull(productionWarehouse, "productionWarehouse is null");
        requireNonNull(candidateWarehouse, "candidateWarehouse is null");
        return new CrossDatabaseDiffer(t -> new WarehouseSegmentSource(productionWarehouse, t, false),
                t -> new WarehouseSegmentSource(candidateWarehouse, t, false), settings);
    }

    @Override
    public DiffResult diff(DiffRequest request) {
        return diff(request, Progress.none());
    }

    /**
     * Runs the diff, showing on {@code progress} the plan, then each level's checksums (ranges
     * summarised on both sides) and downloads (small differing ranges).
     */
    @Override
    public DiffResult diff(DiffRequest request, Progress progress) {
        requireNonNull(request, "request is null");
        requireNonNull(progress, "progress is null");
        request.requireComparableAcrossDatabases();
        long start = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "meshkit-diff-candidate");
            t.setDaemon(true);
            return t;
        });
        try (SegmentSource p = production.apply(request.production()); SegmentSource c = candidate.apply(request.candidate())) {
            return new Run(request, p, c, pool, progress).execute(start);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The state of one diff. */
    private final class Run {
        final DiffRequest request;
        final SegmentSource p;
        final SegmentSource c;
        final List<String> columnNames = new ArrayList<>();
        final List<Boolean> masked = new ArrayList<>();
        long[] changedPerColumn;
        List<TreeSet<Example>> examplesPerColumn;
        final TreeSet<Key> addedExamples = new TreeSet<>();
        final TreeSet<Key> removedExamples = new TreeSet<>();
        final TreeSet<Key> duplicatedP = new TreeSet<>();
        final TreeSet<Key> duplicatedC = new TreeSet<>();
        long added;
        long removed;
        long changed;
        long duplicateKeysP;
        long duplicateKeysC;
        long excludedRowsP;
        long excludedRowsC;
        long duplicateRowsP;
        long duplicateRowsC;
        long rowsP;
        long rowsC;
        long segments;
        long downloaded;
        final List<DiffResult.Step> steps = new ArrayList<>();
        long stepStart = System.nanoTime();
        boolean integerKey;
        int threshold;

        final java.util.concurrent.ExecutorService pool;

        final Progress progress;

        Run(DiffRequest request, SegmentSource p, SegmentSource c, java.util.concurrent.ExecutorService pool, Progress progress) {
            this.pool = pool;
            this.progress = progress;
            this.request = request;
            this.p = p;
            this.c = c;
        }

        DiffResult execute(long start) {
            stepStart = start;
            // both sides at once: connecting to the source overlaps the warehouse's first query
            Both<List<ColumnInfo>> described = both(p::describe, c::describe);
            List<ColumnInfo> pCols = described.production();
            List<ColumnInfo> cCols = described.candidate();
            TableInfo pInfo = new TableInfo(request.production(), pCols, 0, OptionalLong.empty(), Optional.empty());
            TableInfo cInfo = new TableInfo(request.candidate(), cCols, 0, OptionalLong.empty(), Optional.empty());
            List<CanonicalText.Column> pKey = new ArrayList<>();
            List<CanonicalText.Column> cKey = new ArrayList<>();
            List<String> keyNames = new ArrayList<>();
            List<ColumnName> keyColumns = new ArrayList<>();
            for (ColumnName k : request.key()) {
                ColumnInfo pk = pInfo.column(k).orElseThrow(() -> missingKey(k, request.production()));
                ColumnInfo ck = cInfo.column(k).orElseThrow(() -> missingKey(k, request.candidate()));
                if (pk.type().isInteger() != ck.type().isInteger()) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff across databases: key column " + k
                            + " is " + pk.type() + " in " + request.production() + " but " + ck.type() + " in " + request.candidate());
                }
                pKey.add(CanonicalText.Column.of(pk, CanonicalText.Form.NATIVE));
                cKey.add(CanonicalText.Column.of(ck, CanonicalText.Form.NATIVE));
                keyNames.add(pk.name().name());
                keyColumns.add(pk.name());
            }
            List<CanonicalText.Column> pShape = new ArrayList<>();
            List<CanonicalText.Column> cShape = new ArrayList<>();
            List<String[]> types = new ArrayList<>();
            // as in the warehouse (the same pairing): a column added by the candidate reads as NULL in production
            // with the candidate's type, a renamed one is production's old column; a removed one is not compared
            ColumnPairing pairing = ColumnPairing.of(request, pInfo, cInfo, keyColumns);
            SchemaDiff schema = pairing.schema();
            java.util.Set<ColumnName> absentP = new java.util.HashSet<>();
            java.util.Set<ColumnName> absentC = new java.util.HashSet<>();
            for (DiffStatements.Compared col : pairing.compared()) {
                ColumnInfo pc = col.production() != null ? col.production() : nullable(col.candidate());
                ColumnInfo cc = col.candidate() != null ? col.candidate() : nullable(col.production());
                CanonicalText.Form form = CanonicalText.form(pc.type(), cc.type(), request.normalisation().decimals());
                pShape.add(CanonicalText.Column.of(pc, form));
                cShape.add(CanonicalText.Column.of(cc, form));
                if (col.production() == null) {
                    absentP.add(pc.name());
                }
                if (col.candidate() == null) {
                    absentC.add(cc.name());
                }
                columnNames.add(col.name().name());
                masked.add(request.isPersonalData(col.name()));
                types.add(new String[] {col.production() == null ? null : pc.type().toString(),
                    col.candidate() == null ? null : cc.type().toString(), col.renamed() ? pc.name().name() : null});
            }
            p.configure(new RowShape(pKey, pShape, request.normalisation(), absentP));
            c.configure(new RowShape(cKey, cShape, request.normalisation(), absentC));
            changedPerColumn = new long[columnNames.size()];
            examplesPerColumn = new ArrayList<>();
            for (int i = 0; i < columnNames.size(); i++) {
                examplesPerColumn.add(new TreeSet<>());
            }
            integerKey = pKey.size() == 1 && pKey.get(0).type().isInteger();
            threshold = settings.threshold(integerKey);

            bisect();

            List<ColumnDiff> columns = new ArrayList<>();
            boolean maskKey = request.keyIsPersonalData();
            for (int i = 0; i < columnNames.size(); i++) {
                boolean mask = masked.get(i);
                List<ValueExample> ex = examplesPerColumn.get(i).stream()
                        .map(e -> new ValueExample(keyTexts(e.key, maskKey), mask ? Values.MASK : text(e.before),
                                mask ? Values.MASK : text(e.after)))
                        .toList();
                columns.add(new ColumnDiff(columnNames.get(i), types.get(i)[0], types.get(i)[1], changedPerColumn[i], mask, ex, null, null,
                        types.get(i)[2]));
            }
            long pRows = rowsP - excludedRowsP;
            long cRows = rowsC - excludedRowsC;
            return new DiffResult(request.production().toString(), request.candidate().toString(), "segments", keyNames, null,
                    rowsP, rowsC, pRows, cRows, added, removed, changed, pRows - removed - changed, columns,
                    addedExamples.stream().map(k -> keyTexts(k, maskKey)).toList(),
                    removedExamples.stream().map(k -> keyTexts(k, maskKey)).toList(), schema,
                    new Duplicates(duplicateKeysP, duplicateRowsP, duplicatedP.stream().map(k -> keyTexts(k, maskKey)).toList()),
                    new Duplicates(duplicateKeysC, duplicateRowsC, duplicatedC.stream().map(k -> keyTexts(k, maskKey)).toList()),
                    new DiffResult.Work(p.queries() + c.queries(), segments, downloaded, (System.nanoTime() - start) / 1_000_000, steps));
        }

        /** The other side's column as this side's stand-in where it lacks it: nullable, since it reads as NULL. */
        private ColumnInfo nullable(ColumnInfo other) {
            return new ColumnInfo(other.name(), other.type(), other.engineType(), true);
        }

        private MeshkitException missingKey(ColumnName k, TableId table) {
            return new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff " + request.candidate() + " against "
                    + request.production() + ": key column " + k + " is not in " + table);
        }

        private String text(String v) {
            return v == null ? Values.NULL : v;
        }

        private List<String> keyTexts(Key k, boolean mask) {
            return mask ? k.values().stream().map(v -> Values.MASK).toList() : k.texts();
        }

        /**
         * The bisection, level by level: every split of a level is summarised in one query per side
         * (both sides at once), and every small differing range of a level is downloaded in one
         * query per side.
         */
        private void bisect() {
            List<Split> pending = new ArrayList<>();
            if (integerKey) {
                Both<long[]> bounds = both(p::integerKeyBounds, c::integerKeyBounds);
                long[] a = bounds.production();
                long[] b = bounds.candidate();
                step("plan", 0, 0);
                if (a == null && b == null) {
                    return;
                }
                long lo = Math.min(a == null ? Long.MAX_VALUE : a[0], b == null ? Long.MAX_VALUE : b[0]);
                long hi = Math.max(a == null ? Long.MIN_VALUE : a[1], b == null ? Long.MIN_VALUE : b[1]);
                KeyRange root = new KeyRange(key(lo), hi == Long.MAX_VALUE ? null : key(hi + 1));
                pending.add(new Split(root, evenBoundaries(lo, hi == Long.MAX_VALUE ? hi : hi + 1, fanout)));
            } else {
                // counts only: a digest of the whole table would be computed only to be split
                rowsP = p.rowCount();
                rowsC = c.rowCount();
                if (rowsP == 0 && rowsC == 0) {
                    step("plan", 0, 0);
                    return;
                }
                List<KeyRange> small = new ArrayList<>();
                split(KeyRange.ALL, new Summary(rowsP, null), new Summary(rowsC, null), small).ifPresent(pending::add);
                step("plan", 0, 0);
                compare(small, 0);
            }
            boolean first = integerKey;
            int level = 0;
            while (!pending.isEmpty()) {
                level++;
                List<Split> splits = pending;
                long ranges = splits.stream().mapToLong(sp -> sp.children().size()).sum();
                progress.phase("level " + level + " checksums", ranges, "ranges");
                Both<List<List<Summary>>> sums = both(() -> p.summarise(splits), () -> c.summarise(splits));
                progress.done().set(ranges);
                step("level " + level, ranges, 0);
                List<Split> next = new ArrayList<>();
                List<KeyRange> small = new ArrayList<>();
                for (int s = 0; s < splits.size(); s++) {
                    List<KeyRange> children = splits.get(s).children();
                    List<Summary> a = sums.production().get(s);
                    List<Summary> b = sums.candidate().get(s);
                    for (int i = 0; i < children.size(); i++) {
                        segments++;
                        if (first) {
                            rowsP += a.get(i).rows();
                            rowsC += b.get(i).rows();
                        }
                        if (!a.get(i).matches(b.get(i))) {
                            split(children.get(i), a.get(i), b.get(i), small).ifPresent(next::add);
                        }
                    }
                }
                compare(small, level);
                first = false;
                pending = next;
            }
        }

        /** Runs the two sides' parts at once (the slower one, usually the source, sets the pace). */
        private <T> Both<T> both(java.util.function.Supplier<T> production, java.util.function.Supplier<T> candidate) {
            java.util.concurrent.CompletableFuture<T> other = java.util.concurrent.CompletableFuture.supplyAsync(candidate, pool);
            T a = production.get();
            return new Both<>(a, join(other));
        }

        private <T> T join(java.util.concurrent.CompletableFuture<T> future) {
            try {
                return future.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }

        /**
         * Splits a differing range into children of about {@code threshold} rows (at most
         * {@code fanout}), or, when it is small, adds it to the ranges to download (and returns empty).
         */
        private Optional<Split> split(KeyRange range, Summary a, Summary b, List<KeyRange> small) {
            long rows = Math.max(a.rows(), b.rows());
            if (rows <= threshold) {
                small.add(range);
                return Optional.empty();
            }
            List<Key> bounds;
            if (integerKey) {
                long lo = (Long) range.lower().values().get(0);
                long hi = range.upper() == null ? Long.MAX_VALUE : (Long) range.upper().values().get(0);
                int children = (int) Math.min(fanout, Math.max(2, (rows + threshold - 1) / threshold));
                bounds = evenBoundaries(lo, hi, children);
            } else {
                bounds = (a.rows() >= b.rows() ? p : c).boundaries(range, rows, fanout);
            }
            if (bounds.isEmpty()) {
                if (rows > MAX_UNSPLITTABLE_ROWS) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff across databases: a single key occurs "
                            + rows + " times; deduplicate the table or diff in one warehouse");
                }
                small.add(range);
                return Optional.empty();
            }
            return Optional.of(new Split(range, bounds));
        }

        private List<Key> evenBoundaries(long lo, long hiExclusive, int parts) {
            long span = hiExclusive - lo;
            long width = Math.max(1, span / parts + (span % parts == 0 ? 0 : 1));
            List<Key> out = new ArrayList<>();
            for (long v = lo + width; v < hiExclusive && v > lo; v += width) {
                out.add(key(v));
            }
            return out;
        }

        private Key key(long v) {
            return new Key(List.of(v));
        }

        /** Records a step that ended now, timed from the end of the previous one. */
        private void step(String name, long segmentCount, long rows) {
            long now = System.nanoTime();
            steps.add(new DiffResult.Step(name, (now - stepStart) / 1_000_000, segmentCount, rows));
            stepStart = now;
        }

        /** Downloads both sides of small ranges (one query per side) and compares them row by row. */
        private void compare(List<KeyRange> ranges, int level) {
            if (ranges.isEmpty()) {
                return;
            }
            progress.phase("level " + level + " downloads", ranges.size(), "ranges");
            Both<List<SourceRow>> rows = both(() -> p.rows(ranges), () -> c.rows(ranges));
            progress.done().set(ranges.size());
            List<SourceRow> a = sorted(rows.production());
            List<SourceRow> b = sorted(rows.candidate());
            downloaded += a.size() + b.size();
            compareRows(a, b);
            step("download " + level, ranges.size(), a.size() + b.size());
        }

        /** Compares two sides' downloaded rows, both in key order. */
        private void compareRows(List<SourceRow> a, List<SourceRow> b) {
            TreeSet<Key> dupA = duplicates(a);
            TreeSet<Key> dupB = duplicates(b);
            duplicateKeysP += dupA.size();
            duplicateKeysC += dupB.size();
            duplicateRowsP += a.stream().filter(row -> dupA.contains(row.key())).count();
            duplicateRowsC += b.stream().filter(row -> dupB.contains(row.key())).count();
            addBounded(duplicatedP, dupA);
            addBounded(duplicatedC, dupB);
            TreeSet<Key> excluded = new TreeSet<>(dupA);
            excluded.addAll(dupB);
            int i = 0;
            int j = 0;
            while (i < a.size() || j < b.size()) {
                SourceRow x = i < a.size() ? a.get(i) : null;
                SourceRow y = j < b.size() ? b.get(j) : null;
                int cmp = x == null ? 1 : y == null ? -1 : x.key().compareTo(y.key());
                if (cmp < 0) {
                    i++;
                    if (excluded.contains(x.key())) {
                        excludedRowsP++;
                        continue;
                    }
                    removed++;
                    addBounded(removedExamples, x.key());
                } else if (cmp > 0) {
                    j++;
                    if (excluded.contains(y.key())) {
                        excludedRowsC++;
                        continue;
                    }
                    added++;
                    addBounded(addedExamples, y.key());
                } else {
                    i++;
                    j++;
                    if (excluded.contains(x.key())) {
                        excludedRowsP++;
                        excludedRowsC++;
                        continue;
                    }
                    boolean any = false;
                    for (int col = 0; col < columnNames.size(); col++) {
                        if (!Objects.equals(x.texts().get(col), y.texts().get(col))) {
                            any = true;
                            changedPerColumn[col]++;
                            TreeSet<Example> ex = examplesPerColumn.get(col);
                            ex.add(new Example(x.key(), x.displays().get(col), y.displays().get(col)));
                            if (ex.size() > request.examples()) {
                                ex.pollLast();
                            }
                        }
                    }
                    if (any) {
                        changed++;
                    }
                }
            }
        }

        private List<SourceRow> sorted(List<SourceRow> rows) {
            List<SourceRow> out = new ArrayList<>(rows);
            out.sort(Comparator.comparing(SourceRow::key));
            return out;
        }

        private TreeSet<Key> duplicates(List<SourceRow> rows) {
            TreeSet<Key> out = new TreeSet<>();
            for (int i = 1; i < rows.size(); i++) {
                if (rows.get(i).key().compareTo(rows.get(i - 1).key()) == 0) {
                    out.add(rows.get(i).key());
                }
            }
            return out;
        }

        private void addBounded(TreeSet<Key> set, Key k) {
            set.add(k);
            if (set.size() > request.examples()) {
                set.pollLast();
            }
        }

        private void addBounded(TreeSet<Key> set, TreeSet<Key> keys) {
            keys.forEach(k -> addBounded(set, k));
        }
    }

    /** What each side answered. */
    private record Both<T>(T production, T candidate) {}

    /** A changed value, ordered by key. */
    private record Example(Key key, String before, String after) implements Comparable<Example> {
        @Override
        public int compareTo(Example o) {
            return key.compareTo(o.key);
        }
    }
}
