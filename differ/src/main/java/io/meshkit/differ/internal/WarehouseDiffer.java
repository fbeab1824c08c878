package io.meshkit.differ.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.differ.api.ColumnDiff;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.DiffResult;
import io.meshkit.differ.api.Differ;
import io.meshkit.differ.api.DimensionDiff;
import io.meshkit.differ.api.Duplicates;
import io.meshkit.differ.api.SchemaDiff;
import io.meshkit.differ.api.SideStats;
import io.meshkit.differ.api.ValueExample;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Diffs two tables of one warehouse with set-based SQL: one full outer join of both tables feeds
 * one aggregate that counts added, removed and changed keys, counts changes per column, profiles
 * both sides and keeps up to N examples of each kind of change. Duplicate keys are detected in the
 * same pass; only when there are any does a second pass report them and redo the diff without them.
 */
public final class WarehouseDiffer implements Differ {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final Warehouse warehouse;
    private final Dialect dialect;

    /** A differ working in this warehouse. */
    public WarehouseDiffer(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.dialect = warehouse.dialect();
    }

    /** A table's columns, read from the catalog: the diff counts the rows itself (its row count is left at 0, unused). */
    private TableInfo columnsOnly(TableId table) {
        List<ColumnInfo> columns = warehouse.columns(table).orElseThrow(() -> new NoSuchTableException("diff", table));
        return new TableInfo(table, columns, 0, OptionalLong.empty(), Optional.empty());
    }

    @Override
    public DiffResult diff(DiffRequest request) {
        requireNonNull(request, "request is null");
        long start = System.nanoTime();
        TableInfo p = columnsOnly(request.production());
        TableInfo c = columnsOnly(request.candidate());
        DiffStatements statements = DiffStatements.of(dialect, request, p, c);
        List<ColumnName> key = statements.key();
        List<DiffStatements.Compared> compared = statements.compared();
        SchemaDiff schema = statements.schema();
        long[] queries = {0};
        Counts total = counts(statements, false, queries);
        Counts counts = total;
        Pass pass = mainPass(statements, request, false, queries);
        Duplicates pDup = Duplicates.NONE;
        Duplicates cDup = Duplicates.NONE;
        if (pass.joinedProduction != counts.production || pass.joinedCandidate != counts.candidate
                || pass.unmatchedDuplicates > 0) {
            pDup = duplicates(statements, request, request.production(), queries);
            cDup = duplicates(statements, request, request.candidate(), queries);
            counts = counts(statements, true, queries);
            pass = mainPass(statements, request, true, queries);
        }
        List<ColumnDiff> columns = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            DiffStatements.Compared col = compared.get(i);
            ColumnPass cp = pass.columns.get(i);
            columns.add(new ColumnDiff(col.name().name(), col.production() == null ? null : col.production().type().toString(),
                    col.candidate() == null ? null : col.candidate().type().toString(),
                    cp.changed, request.isPersonalData(col.name()), cp.examples,
                    col.production() == null ? null : cp.production.finish(counts.production),
                    col.candidate() == null ? null : cp.candidate.finish(counts.candidate),
                    col.renamed() ? col.production().name().name() : null));
        }
        long matched = pass.matched;
        return new DiffResult(request.production().toString(), request.candidate().toString(), "warehouse",
                key.stream().map(ColumnName::name).toList(),
                request.sampleRate().isPresent() ? request.sampleRate().getAsDouble() : null,
                total.production, total.candidate, counts.production, counts.candidate, pass.addedRows, pass.removedRows, pass.changed, matched - pass.changed,
                columns, pass.addedExamples, pass.removedExamples, schema, pDup, cDup,
                new DiffResult.Work(queries[0] + (request.isDimension() ? 1 : 0), 0, 0, (System.nanoTime() - start) / 1_000_000),
                request.isDimension() ? history(statements, request) : null);
    }

    /** The histories of two dimensions (see {@link DiffStatements#history}). */
    private DimensionDiff history(DiffStatements statements, DiffRequest r) {
        int keyColumns = statements.key().size();
        boolean maskKey = r.keyIsPersonalData();
        try (ResultRows rows = warehouse.query(statements.history())) {
            Iterator<Object> v = rows.iterator().next().values().iterator();
            long keys = Values.toLong(v.next());
            long keysChanged = Values.toLong(v.next());
            long pv = Values.toLong(v.next());
            long cv = Values.toLong(v.next());
            long added = Values.toLong(v.next());
            long removed = Values.toLong(v.next());
            long changed = Values.toLong(v.next());
            long[] kinds = {Values.toLong(v.next()), Values.toLong(v.next()), Values.toLong(v.next()), Values.toLong(v.next())};
            List<DimensionDiff.KeyHistory> histories = new ArrayList<>();
            for (JsonNode e : parse(v.next())) {
                if (histories.size() >= r.examples()) {
                    break;
                }
                histories.add(new DimensionDiff.KeyHistory(keyOf(e, keyColumns, maskKey), e.get("pv").asLong(), e.get("cv").asLong(),
                        e.get("va").asLong(), e.get("vr").asLong(), e.get("vc").asLong()));
            }
            List<DimensionDiff.Keys> byKind = new ArrayList<>();
            for (long count : kinds) {
                byKind.add(new DimensionDiff.Keys(count, keyExamples(v.next(), keyColumns, maskKey, r.examples())));
            }
            return new DimensionDiff(pv, cv, added, removed, changed, pv - removed - changed, keys, keysChanged, histories,
                    byKind.get(0), byKind.get(1), byKind.get(2), byKind.get(3));
        }
    }

    // ---- running the statements ----

    private record Counts(long production, long candidate) {}

    private Counts counts(DiffStatements statements, boolean dedupe, long[] queries) {
        Sql sql = statements.counts(dedupe);
        queries[0]++;
        try (ResultRows rows = warehouse.query(sql)) {
            Row row = rows.iterator().next();
            return new Counts(Values.toLong(row.get(0)), Values.toLong(row.get(1)));
        }
    }

    private static final class ColumnPass {
        long changed;
        List<ValueExample> examples = List.of();
        Profile production = new Profile();
        Profile candidate = new Profile();
    }

    /** Profile of one side of a column, finished once the row count is known. */
    private static final class Profile {
        long nonNull;
        BigDecimal sum;
        BigDecimal min;
        BigDecimal max;
        boolean numeric;

        SideStats finish(long rows) {
            long nulls = rows - nonNull;
            if (!numeric) {
                return SideStats.nullsOnly(rows, nulls);
            }
            BigDecimal mean = sum == null || nonNull == 0 ? null : sum.divide(BigDecimal.valueOf(nonNull), MathContext.DECIMAL64);
            return new SideStats(rows, nulls, sum, mean, min, max);
        }
    }

    private static final class Pass {
        long joinedProduction;
        long joinedCandidate;
        long matched;
        long removedRows;
        long addedRows;
        long unmatchedDuplicates;
        long changed;
        List<List<String>> removedExamples = List.of();
        List<List<String>> addedExamples = List.of();
        final List<ColumnPass> columns = new ArrayList<>();
    }

    /** Runs the comparison and reads its one row (see {@link DiffStatements#comparison}). */
    private Pass mainPass(DiffStatements statements, DiffRequest r, boolean dedupe, long[] queries) {
        boolean maskKey = r.keyIsPersonalData();
        int keyColumns = statements.key().size();
        List<DiffStatements.Compared> compared = statements.compared();
        Sql sql = statements.comparison(dedupe);
        queries[0]++;
        Pass pass = new Pass();
        try (ResultRows rows = warehouse.query(sql)) {
            Row row = rows.iterator().next();
            Iterator<Object> v = row.values().iterator();
            pass.joinedProduction = Values.toLong(v.next());
            pass.joinedCandidate = Values.toLong(v.next());
            pass.matched = Values.toLong(v.next());
            pass.unmatchedDuplicates = Values.toLong(v.next());
            pass.removedRows = Values.toLong(v.next());
            pass.addedRows = Values.toLong(v.next());
            pass.changed = Values.toLong(v.next());
            pass.removedExamples = keyExamples(v.next(), keyColumns, maskKey, r.examples());
            pass.addedExamples = keyExamples(v.next(), keyColumns, maskKey, r.examples());
            for (DiffStatements.Compared col : compared) {
                ColumnPass cp = new ColumnPass();
                cp.changed = Values.toLong(v.next());
                cp.examples = valueExamples(v.next(), keyColumns, maskKey, r.isPersonalData(col.name()), r.examples());
                pass.columns.add(cp);
            }
            for (boolean production : new boolean[] {true, false}) {
                for (int i = 0; i < compared.size(); i++) {
                    ColumnPass cp = pass.columns.get(i);
                    Profile profile = production ? cp.production : cp.candidate;
                    ColumnInfo info = production ? compared.get(i).production() : compared.get(i).candidate();
                    if (info == null) {
                        continue; // not on this side: not profiled
                    }
                    profile.nonNull = Values.toLong(v.next());
                    if (info.type().isNumeric()) {
                        profile.numeric = true;
                        profile.sum = Values.toDecimal(v.next());
                        profile.min = Values.toDecimal(v.next());
                        profile.max = Values.toDecimal(v.next());
                    }
                }
                v.next(); // the constant that keeps a profile of no columns valid SQL
            }
        }
        return pass;
    }

    private static List<List<String>> keyExamples(Object json, int keyColumns, boolean mask, int limit) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode e : parse(json)) {
            if (out.size() >= limit) {
                break;
            }
            out.add(keyOf(e, keyColumns, mask));
        }
        return out;
    }

    private static List<ValueExample> valueExamples(Object json, int keyColumns, boolean maskKey, boolean maskValue, int limit) {
        List<ValueExample> out = new ArrayList<>();
        for (JsonNode e : parse(json)) {
            if (out.size() >= limit) {
                break;
            }
            out.add(new ValueExample(keyOf(e, keyColumns, maskKey),
                    maskValue ? Values.MASK : Values.text(e.get("before")), maskValue ? Values.MASK : Values.text(e.get("after"))));
        }
        return out;
    }

    private static List<String> keyOf(JsonNode e, int keyColumns, boolean mask) {
        List<String> key = new ArrayList<>();
        for (int i = 0; i < keyColumns; i++) {
            key.add(mask ? Values.MASK : Values.text(e.get("k" + i)));
        }
        return key;
    }

    private static Iterable<JsonNode> parse(Object json) {
        if (json == null) {
            return List.of();
        }
        try {
            return JSON.readTree(json.toString());
        } catch (java.io.IOException e) {
            throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot read diff examples: the warehouse returned malformed JSON", e);
        }
    }

    private Duplicates duplicates(DiffStatements statements, DiffRequest r, TableId table, long[] queries) {
        int keyColumns = statements.key().size();
        Sql sql = statements.duplicates(table);
        queries[0]++;
        long total = 0;
        long totalRows = 0;
        List<List<String>> examples = new ArrayList<>();
        boolean mask = r.keyIsPersonalData();
        try (ResultRows rows = warehouse.query(sql)) {
            for (Row row : rows) {
                total = Values.toLong(row.get(keyColumns));
                totalRows = Values.toLong(row.get(keyColumns + 1));
                if (examples.size() < r.examples()) {
                    List<String> k = new ArrayList<>();
                    for (int i = 0; i < keyColumns; i++) {
                        k.add(mask ? Values.MASK : Values.text(row.get(i)));
                    }
                    examples.add(k);
                }
            }
        }
        return new Duplicates(total, totalRows, examples);
    }
}
