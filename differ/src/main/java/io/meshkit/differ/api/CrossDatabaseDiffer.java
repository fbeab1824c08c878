package io.meshkit.differ.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.differ.internal.CanonicalText;
import io.meshkit.differ.internal.Key;
import io.meshkit.differ.internal.KeyRange;
import io.meshkit.differ.internal.MySqlSegmentSource;
import io.meshkit.differ.internal.RowShape;
import io.meshkit.differ.internal.SegmentSource;
import io.meshkit.differ.internal.SourceRow;
import io.meshkit.differ.internal.Summary;
import io.meshkit.differ.internal.Values;
import io.meshkit.differ.internal.WarehouseSegmentSource;
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
 * each side reports a row count and a checksum of normalised row fingerprints per segment (one
 * query per split), segments that differ are split again, and only segments of at most
 * {@code downloadThreshold} rows are fetched and compared row by row.
 */
public final class CrossDatabaseDiffer {
    /** Default number of children a differing segment is split into. */
    public static final int DEFAULT_FANOUT = 256;
    /** Default largest segment downloaded instead of split. */
    public static final int DEFAULT_DOWNLOAD_THRESHOLD = 4000;
    /** A segment that cannot be split (one key repeated) is downloaded only up to this many rows. */
    private static final int MAX_UNSPLITTABLE_ROWS = 100_000;

    private final Function<TableId, SegmentSource> production;
    private final Function<TableId, SegmentSource> candidate;
    private final int fanout;
    private final int downloadThreshold;

    private CrossDatabaseDiffer(Function<TableId, SegmentSource> production, Function<TableId, SegmentSource> candidate,
            int fanout, int downloadThreshold) {
        this.production = production;
        this.candidate = candidate;
        if (fanout < 2 || fanout > 1024) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff across databases: --segments must be 2..1024, got " + fanout);
        }
        if (downloadThreshold < 1) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot diff across databases: --download-threshold must be at least 1, got " + downloadThreshold);
        }
        this.fanout = fanout;
        this.downloadThreshold = downloadThreshold;
    }

    /**
     * Production in MySQL ({@code DATABASE.TABLE}), the candidate in a warehouse.
     *
     * @param jdbcUrl {@code jdbc:mysql://host:port/...}, without a password
     * @param password the password (from {@code MESHKIT_MYSQL_PASSWORD}), or null
     */
    public static CrossDatabaseDiffer mysqlAgainstWarehouse(String jdbcUrl, String password, Warehouse warehouse, int fanout,
            int downloadThreshold) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(warehouse, "warehouse is null");
        return new CrossDatabaseDiffer(t -> MySqlSegmentSource.connect(jdbcUrl, password, t),
                t -> new WarehouseSegmentSource(warehouse, t, false), fanout, downloadThreshold);
    }

    /** Production in one warehouse, the candidate in another; neither is closed by the diff. */
    public static CrossDatabaseDiffer betweenWarehouses(Warehouse productionWarehouse, Warehouse candidateWarehouse, int fanout,
            int downloadThreshold) {
        requireNonNull(productionWarehouse, "productionWarehouse is null");
        requireNonNull(candidateWarehouse, "candidateWarehouse is null");
        return new CrossDatabaseDiffer(t -> new WarehouseSegmentSource(productionWarehouse, t, false),
                t -> new WarehouseSegmentSource(candidateWarehouse, t, false), fanout, downloadThreshold);
    }

    /** Runs the diff. */
    public DiffResult diff(DiffRequest request) {
        requireNonNull(request, "request is null");
        if (request.sampleRate().isPresent()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                    "Cannot sample a cross-database diff: --sample works for tables in one warehouse");
        }
        long start = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "meshkit-diff-candidate");
            t.setDaemon(true);
            return t;
        });
        try (SegmentSource p = production.apply(request.production()); SegmentSource c = candidate.apply(request.candidate())) {
            return new Run(request, p, c, pool).execute(start);
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
        long rowsP;
        long rowsC;
        long segments;
        long downloaded;
        boolean integerKey;

        final java.util.concurrent.ExecutorService pool;

        Run(DiffRequest request, SegmentSource p, SegmentSource c, java.util.concurrent.ExecutorService pool) {
            this.pool = pool;
            this.request = request;
            this.p = p;
            this.c = c;
        }

        DiffResult execute(long start) {
            List<ColumnInfo> pCols = p.describe();
            List<ColumnInfo> cCols = c.describe();
            TableInfo pInfo = new TableInfo(request.production(), pCols, 0, OptionalLong.empty(), Optional.empty());
            TableInfo cInfo = new TableInfo(request.candidate(), cCols, 0, OptionalLong.empty(), Optional.empty());
            SchemaDiff schema = WarehouseDiffer.schemaDiff(pInfo, cInfo);
            List<RowShape.Col> pKey = new ArrayList<>();
            List<RowShape.Col> cKey = new ArrayList<>();
            List<String> keyNames = new ArrayList<>();
            for (ColumnName k : request.key()) {
                ColumnInfo pk = pInfo.column(k).orElseThrow(() -> missingKey(k, request.production()));
                ColumnInfo ck = cInfo.column(k).orElseThrow(() -> missingKey(k, request.candidate()));
                if (pk.type().isInteger() != ck.type().isInteger()) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff across databases: key column " + k
                            + " is " + pk.type() + " in " + request.production() + " but " + ck.type() + " in " + request.candidate());
                }
                pKey.add(new RowShape.Col(pk.name(), pk.type(), -1));
                cKey.add(new RowShape.Col(ck.name(), ck.type(), -1));
                keyNames.add(pk.name().name());
            }
            List<RowShape.Col> pShape = new ArrayList<>();
            List<RowShape.Col> cShape = new ArrayList<>();
            List<String[]> types = new ArrayList<>();
            for (ColumnInfo pc : pCols) {
                if (keyNames.stream().anyMatch(k -> k.equalsIgnoreCase(pc.name().name()))) {
                    continue;
                }
                Optional<ColumnInfo> cc = cInfo.column(pc.name());
                if (cc.isEmpty()) {
                    continue;
                }
                int scale = CanonicalText.scale(pc.type(), cc.get().type(), request.normalisation());
                pShape.add(new RowShape.Col(pc.name(), pc.type(), scale));
                cShape.add(new RowShape.Col(cc.get().name(), cc.get().type(), scale));
                columnNames.add(pc.name().name());
                masked.add(request.isPersonalData(pc.name()));
                types.add(new String[] {pc.type().toString(), cc.get().type().toString()});
            }
            p.configure(new RowShape(pKey, pShape, request.normalisation()));
            c.configure(new RowShape(cKey, cShape, request.normalisation()));
            changedPerColumn = new long[columnNames.size()];
            examplesPerColumn = new ArrayList<>();
            for (int i = 0; i < columnNames.size(); i++) {
                examplesPerColumn.add(new TreeSet<>());
            }
            integerKey = pKey.size() == 1 && pKey.get(0).type().isInteger();

            bisect();

            List<ColumnDiff> columns = new ArrayList<>();
            boolean maskKey = request.keyIsPersonalData();
            for (int i = 0; i < columnNames.size(); i++) {
                boolean mask = masked.get(i);
                List<ValueExample> ex = examplesPerColumn.get(i).stream()
                        .map(e -> new ValueExample(keyTexts(e.key, maskKey), mask ? Values.MASK : text(e.before),
                                mask ? Values.MASK : text(e.after)))
                        .toList();
                columns.add(new ColumnDiff(columnNames.get(i), types.get(i)[0], types.get(i)[1], changedPerColumn[i], mask, ex, null, null));
            }
            long pRows = rowsP - excludedRowsP;
            long cRows = rowsC - excludedRowsC;
            return new DiffResult(request.production().toString(), request.candidate().toString(), "segments", keyNames, null,
                    pRows, cRows, added, removed, changed, pRows - removed - changed, columns,
                    addedExamples.stream().map(k -> keyTexts(k, maskKey)).toList(),
                    removedExamples.stream().map(k -> keyTexts(k, maskKey)).toList(), schema,
                    new Duplicates(duplicateKeysP, duplicatedP.stream().map(k -> keyTexts(k, maskKey)).toList()),
                    new Duplicates(duplicateKeysC, duplicatedC.stream().map(k -> keyTexts(k, maskKey)).toList()),
                    new DiffResult.Work(p.queries() + c.queries(), segments, downloaded, (System.nanoTime() - start) / 1_000_000));
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

        /** A split of a range waiting to be summarised. */
        private record Split(KeyRange parent, List<Key> boundaries) {}

        private void bisect() {
            List<Split> pending = new ArrayList<>();
            if (integerKey) {
                long[] a = p.integerKeyBounds();
                long[] b = c.integerKeyBounds();
                if (a == null && b == null) {
                    return;
                }
                long lo = Math.min(a == null ? Long.MAX_VALUE : a[0], b == null ? Long.MAX_VALUE : b[0]);
                long hi = Math.max(a == null ? Long.MIN_VALUE : a[1], b == null ? Long.MIN_VALUE : b[1]);
                KeyRange root = new KeyRange(key(lo), hi == Long.MAX_VALUE ? null : key(hi + 1));
                pending.add(new Split(root, evenBoundaries(lo, hi == Long.MAX_VALUE ? hi : hi + 1)));
            } else {
                Summary a = p.summarise(KeyRange.ALL, List.of()).get(0);
                Summary b = c.summarise(KeyRange.ALL, List.of()).get(0);
                rowsP = a.rows();
                rowsC = b.rows();
                segments++;
                if (a.equals(b)) {
                    return;
                }
                Optional<Split> split = split(KeyRange.ALL, a, b);
                if (split.isEmpty()) {
                    return;
                }
                pending.add(split.get());
            }
            boolean first = integerKey;
            while (!pending.isEmpty()) {
                List<Split> next = new ArrayList<>();
                for (Split s : pending) {
                    // both sides work at once: the slower one (usually the source) sets the pace
                    java.util.concurrent.CompletableFuture<List<Summary>> other =
                            java.util.concurrent.CompletableFuture.supplyAsync(() -> c.summarise(s.parent(), s.boundaries()), pool);
                    List<Summary> a = p.summarise(s.parent(), s.boundaries());
                    List<Summary> b = join(other);
                    for (int i = 0; i < a.size(); i++) {
                        segments++;
                        if (first) {
                            rowsP += a.get(i).rows();
                            rowsC += b.get(i).rows();
                        }
                        if (a.get(i).equals(b.get(i))) {
                            continue;
                        }
                        KeyRange child = new KeyRange(i == 0 ? s.parent().lower() : s.boundaries().get(i - 1),
                                i == s.boundaries().size() ? s.parent().upper() : s.boundaries().get(i));
                        split(child, a.get(i), b.get(i)).ifPresent(next::add);
                    }
                }
                first = false;
                pending = next;
            }
        }

        private List<Summary> join(java.util.concurrent.CompletableFuture<List<Summary>> future) {
            try {
                return future.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }

        /** Splits a differing range, or compares it row by row when it is small (and returns empty). */
        private Optional<Split> split(KeyRange range, Summary a, Summary b) {
            long rows = Math.max(a.rows(), b.rows());
            if (rows <= downloadThreshold) {
                compare(range);
                return Optional.empty();
            }
            List<Key> bounds;
            if (integerKey) {
                long lo = (Long) range.lower().values().get(0);
                long hi = range.upper() == null ? Long.MAX_VALUE : (Long) range.upper().values().get(0);
                bounds = evenBoundaries(lo, hi);
            } else {
                bounds = (a.rows() >= b.rows() ? p : c).boundaries(range, rows, fanout);
            }
            if (bounds.isEmpty()) {
                if (rows > MAX_UNSPLITTABLE_ROWS) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff across databases: a single key occurs "
                            + rows + " times; deduplicate the table or diff in one warehouse");
                }
                compare(range);
                return Optional.empty();
            }
            return Optional.of(new Split(range, bounds));
        }

        private List<Key> evenBoundaries(long lo, long hiExclusive) {
            long span = hiExclusive - lo;
            long width = Math.max(1, span / fanout + (span % fanout == 0 ? 0 : 1));
            List<Key> out = new ArrayList<>();
            for (long v = lo + width; v < hiExclusive && v > lo; v += width) {
                out.add(key(v));
            }
            return out;
        }

        private Key key(long v) {
            return new Key(List.of(v));
        }

        /** Downloads both sides of a small range and compares them row by row. */
        private void compare(KeyRange range) {
            List<SourceRow> a = sorted(p.rows(range));
            List<SourceRow> b = sorted(c.rows(range));
            downloaded += a.size() + b.size();
            TreeSet<Key> dupA = duplicates(a);
            TreeSet<Key> dupB = duplicates(b);
            duplicateKeysP += dupA.size();
            duplicateKeysC += dupB.size();
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
                        String before = x.texts().get(col);
                        String after = y.texts().get(col);
                        if (!Objects.equals(before, after)) {
                            any = true;
                            changedPerColumn[col]++;
                            TreeSet<Example> ex = examplesPerColumn.get(col);
                            ex.add(new Example(x.key(), before, after));
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

    /** A changed value, ordered by key. */
    private record Example(Key key, String before, String after) implements Comparable<Example> {
        @Override
        public int compareTo(Example o) {
            return key.compareTo(o.key);
        }
    }
}
