package io.meshkit.differ.api;

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
import io.meshkit.differ.internal.DiffSql;
import io.meshkit.differ.internal.Values;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Diffs two tables of one warehouse with set-based SQL: one full outer join of both tables feeds
 * one aggregate that counts added, removed and changed keys, counts changes per column, profiles
 * both sides and keeps up to N examples of each kind of change. Duplicate keys are detected in the
 * same pass; only when there are any does a second pass report them and redo the diff without them.
 */
public final class WarehouseDiffer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String PRESENT = "meshkit_present";

    private final Warehouse warehouse;
    private final Dialect dialect;
    private final DiffSql diffSql;

    /** A differ working in this warehouse. */
    public WarehouseDiffer(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.dialect = warehouse.dialect();
        this.diffSql = DiffSql.forDialect(dialect);
    }

    /** A column on both sides, by the production spelling. */
    private record Compared(ColumnInfo production, ColumnInfo candidate) {
        ColumnName name() {
            return production.name();
        }
    }

    /** Runs the diff. */
    public DiffResult diff(DiffRequest request) {
        requireNonNull(request, "request is null");
        long start = System.nanoTime();
        TableInfo p = warehouse.describe(request.production()).orElseThrow(() -> new NoSuchTableException("diff", request.production()));
        TableInfo c = warehouse.describe(request.candidate()).orElseThrow(() -> new NoSuchTableException("diff", request.candidate()));
        List<ColumnName> key = new ArrayList<>();
        for (ColumnName k : request.key()) {
            ColumnInfo pk = p.column(k).orElseThrow(() -> missingKey(request, k, request.production()));
            c.column(k).orElseThrow(() -> missingKey(request, k, request.candidate()));
            key.add(pk.name());
        }
        SchemaDiff schema = schemaDiff(p, c);
        List<Compared> compared = new ArrayList<>();
        for (ColumnInfo pc : p.columns()) {
            if (key.stream().noneMatch(k -> k.name().equalsIgnoreCase(pc.name().name()))) {
                c.column(pc.name()).ifPresent(cc -> compared.add(new Compared(pc, cc)));
            }
        }
        long[] queries = {0};
        Counts counts = counts(request, key, false, queries);
        Pass pass = mainPass(request, key, compared, false, queries);
        Duplicates pDup = Duplicates.NONE;
        Duplicates cDup = Duplicates.NONE;
        if (pass.joinedProduction != counts.production || pass.joinedCandidate != counts.candidate
                || pass.removedRows != pass.removedKeys || pass.addedRows != pass.addedKeys) {
            pDup = duplicates(request, request.production(), key, queries);
            cDup = duplicates(request, request.candidate(), key, queries);
            counts = counts(request, key, true, queries);
            pass = mainPass(request, key, compared, true, queries);
        }
        List<ColumnDiff> columns = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            Compared col = compared.get(i);
            ColumnPass cp = pass.columns.get(i);
            columns.add(new ColumnDiff(col.name().name(), col.production().type().toString(), col.candidate().type().toString(),
                    cp.changed, request.isPersonalData(col.name()), cp.examples,
                    cp.production.finish(counts.production), cp.candidate.finish(counts.candidate)));
        }
        long matched = pass.matched;
        return new DiffResult(request.production().toString(), request.candidate().toString(), "warehouse",
                key.stream().map(ColumnName::name).toList(),
                request.sampleRate().isPresent() ? request.sampleRate().getAsDouble() : null,
                counts.production, counts.candidate, pass.addedRows, pass.removedRows, pass.changed, matched - pass.changed,
                columns, pass.addedExamples, pass.removedExamples, schema, pDup, cDup,
                new DiffResult.Work(queries[0], 0, 0, (System.nanoTime() - start) / 1_000_000));
    }

    private static MeshkitException missingKey(DiffRequest r, ColumnName k, TableId table) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot diff " + r.candidate() + " against " + r.production() + ": key column " + k + " is not in " + table);
    }

    /** Columns added, removed and retyped, by case-insensitive name. */
    static SchemaDiff schemaDiff(TableInfo p, TableInfo c) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<SchemaDiff.Retyped> retyped = new ArrayList<>();
        for (ColumnInfo pc : p.columns()) {
            Optional<ColumnInfo> cc = c.column(pc.name());
            if (cc.isEmpty()) {
                removed.add(pc.name().name());
            } else if (!cc.get().type().equals(pc.type())) {
                retyped.add(new SchemaDiff.Retyped(pc.name().name(), pc.type().toString(), cc.get().type().toString()));
            }
        }
        for (ColumnInfo cc : c.columns()) {
            if (p.column(cc.name()).isEmpty()) {
                added.add(cc.name().name());
            }
        }
        return new SchemaDiff(added, removed, retyped);
    }

    // ---- SQL ----

    /**
     * {@code WITH p AS (...), c AS (...)}: both sides, sampled, and (after duplicates were found)
     * without the keys duplicated on either side, so such a key is neither joined nor counted.
     */
    private SqlBuilder withSides(DiffRequest r, List<ColumnName> key, List<Compared> compared, boolean dedupe) {
        SqlBuilder b = dialect.sql().sql("WITH ");
        String suffix = dedupe ? "0" : "";
        side(b, "p" + suffix, r.production(), r, key, compared.stream().map(x -> x.production().name()).toList());
        b.sql(", ");
        side(b, "c" + suffix, r.candidate(), r, key, compared.stream().map(x -> x.candidate().name()).toList());
        if (dedupe) {
            b.sql(", duplicated AS (SELECT ").ids(key).sql(" FROM p0 GROUP BY ").ids(key).sql(" HAVING count(*) > 1")
                    .sql(" UNION SELECT ").ids(key).sql(" FROM c0 GROUP BY ").ids(key).sql(" HAVING count(*) > 1)");
            for (String alias : List.of("p", "c")) {
                b.sql(", ").sql(alias).sql(" AS (SELECT * FROM ").sql(alias).sql("0 WHERE NOT EXISTS (SELECT 1 FROM duplicated d WHERE ");
                b.join(key, " AND ", k -> b.sql("d.").id(k).sql(" = ").sql(alias).sql("0.").id(k));
                b.sql("))");
            }
        }
        return b.sql(" ");
    }

    private void side(SqlBuilder b, String alias, TableId table, DiffRequest r, List<ColumnName> key, List<ColumnName> columns) {
        b.sql(alias).sql(" AS (SELECT ").ids(key);
        for (ColumnName col : columns) {
            b.sql(", ").id(col);
        }
        b.sql(", TRUE AS " + PRESENT + " FROM ").table(table);
        if (r.sampleRate().isPresent()) {
            b.sql(" WHERE ").sql(dialect.samplingValue(key.get(0))).sql(" < ").bind(r.sampleRate().getAsDouble());
        }
        b.sql(")");
    }

    private record Counts(long production, long candidate) {}

    private Counts counts(DiffRequest r, List<ColumnName> key, boolean dedupe, long[] queries) {
        Sql sql = withSides(r, key, List.of(), dedupe)
                .sql("SELECT (SELECT count(*) FROM p) AS p_rows, (SELECT count(*) FROM c) AS c_rows").build();
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

    /** Running profile of one side of a column, finished once the row count is known. */
    private static final class Profile {
        long nulls;
        BigDecimal sum;
        BigDecimal min;
        BigDecimal max;
        boolean numeric;

        SideStats finish(long rows) {
            if (!numeric) {
                return SideStats.nullsOnly(rows, nulls);
            }
            long nonNull = rows - nulls;
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
        long removedKeys;
        long addedKeys;
        long changed;
        List<List<String>> removedExamples = List.of();
        List<List<String>> addedExamples = List.of();
        final List<ColumnPass> columns = new ArrayList<>();
    }

    private Pass mainPass(DiffRequest r, List<ColumnName> key, List<Compared> compared, boolean dedupe, long[] queries) {
        List<String> pKey = key.stream().map(k -> "p." + dialect.quote(k)).toList();
        List<String> cKey = key.stream().map(k -> "c." + dialect.quote(k)).toList();
        String both = "p." + PRESENT + " AND c." + PRESENT;
        String onlyP = "c." + PRESENT + " IS NULL";
        String onlyC = "p." + PRESENT + " IS NULL";
        boolean maskKey = r.keyIsPersonalData();
        int n = Math.max(r.examples(), 1);
        List<String> select = new ArrayList<>();
        select.add("count(*) FILTER (WHERE p." + PRESENT + ")");
        select.add("count(*) FILTER (WHERE c." + PRESENT + ")");
        select.add("count(*) FILTER (WHERE " + both + ")");
        select.add("count(*) FILTER (WHERE " + onlyP + ")");
        select.add("count(*) FILTER (WHERE " + onlyC + ")");
        select.add("count(DISTINCT " + diffSql.tuple(pKey) + ") FILTER (WHERE " + onlyP + ")");
        select.add("count(DISTINCT " + diffSql.tuple(cKey) + ") FILTER (WHERE " + onlyC + ")");
        List<String> differs = new ArrayList<>();
        for (Compared col : compared) {
            differs.add(diffSql.differs("p." + dialect.quote(col.production().name()), col.production().type(),
                    "c." + dialect.quote(col.candidate().name()), col.candidate().type(), r.normalisation()));
        }
        select.add(differs.isEmpty() ? "0" : "count(*) FILTER (WHERE " + both + " AND (" + String.join(" OR ", differs) + "))");
        List<String> keyFields = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            keyFields.add("k" + i);
        }
        select.add(diffSql.examplesJson(keyFields, maskKey ? nulls(key.size()) : pKey, diffSql.tuple(pKey), n, onlyP));
        select.add(diffSql.examplesJson(keyFields, maskKey ? nulls(key.size()) : cKey, diffSql.tuple(cKey), n, onlyC));
        for (int i = 0; i < compared.size(); i++) {
            Compared col = compared.get(i);
            String pc = "p." + dialect.quote(col.production().name());
            String cc = "c." + dialect.quote(col.candidate().name());
            String changed = both + " AND " + differs.get(i);
            select.add("count(*) FILTER (WHERE " + changed + ")");
            List<String> names = new ArrayList<>(keyFields);
            names.add("before");
            names.add("after");
            List<String> exprs = new ArrayList<>(maskKey ? nulls(key.size()) : pKey);
            boolean mask = r.isPersonalData(col.name());
            exprs.add(mask ? "NULL" : display(pc, col.production()));
            exprs.add(mask ? "NULL" : display(cc, col.candidate()));
            select.add(diffSql.examplesJson(names, exprs, diffSql.tuple(pKey), n, changed));
            select.add("count(*) FILTER (WHERE p." + PRESENT + " AND " + pc + " IS NULL)");
            select.add("count(*) FILTER (WHERE c." + PRESENT + " AND " + cc + " IS NULL)");
            for (String side : List.of(pc, cc)) {
                boolean numeric = (side == pc ? col.production() : col.candidate()).type().isNumeric();
                if (numeric) {
                    select.add("sum(" + side + ")");
                    select.add("min(" + side + ")");
                    select.add("max(" + side + ")");
                }
            }
        }
        List<String> aliased = new ArrayList<>();
        for (int i = 0; i < select.size(); i++) {
            aliased.add(select.get(i) + " AS m" + i); // short result names: engines derive long ones from the expression
        }
        SqlBuilder b = withSides(r, key, compared, dedupe).sql("SELECT ").sql(String.join(", ", aliased))
                .sql(" FROM p FULL OUTER JOIN c ON ");
        b.join(key, " AND ", k -> b.sql("p.").id(k).sql(" = c.").id(k));
        queries[0]++;
        Pass pass = new Pass();
        try (ResultRows rows = warehouse.query(b.build())) {
            Row row = rows.iterator().next();
            Iterator<Object> v = row.values().iterator();
            pass.joinedProduction = Values.toLong(v.next());
            pass.joinedCandidate = Values.toLong(v.next());
            pass.matched = Values.toLong(v.next());
            pass.removedRows = Values.toLong(v.next());
            pass.addedRows = Values.toLong(v.next());
            pass.removedKeys = Values.toLong(v.next());
            pass.addedKeys = Values.toLong(v.next());
            pass.changed = Values.toLong(v.next());
            pass.removedExamples = keyExamples(v.next(), key.size(), maskKey, r.examples());
            pass.addedExamples = keyExamples(v.next(), key.size(), maskKey, r.examples());
            for (Compared col : compared) {
                ColumnPass cp = new ColumnPass();
                cp.changed = Values.toLong(v.next());
                cp.examples = valueExamples(v.next(), key.size(), maskKey, r.isPersonalData(col.name()), r.examples());
                cp.production.nulls = Values.toLong(v.next());
                cp.candidate.nulls = Values.toLong(v.next());
                for (Profile profile : List.of(cp.production, cp.candidate)) {
                    ColumnInfo info = profile == cp.production ? col.production() : col.candidate();
                    if (info.type().isNumeric()) {
                        profile.numeric = true;
                        profile.sum = Values.toDecimal(v.next());
                        profile.min = Values.toDecimal(v.next());
                        profile.max = Values.toDecimal(v.next());
                    }
                }
                pass.columns.add(cp);
            }
        }
        return pass;
    }

    /** A value as example text: binary as hex, everything else as the engine writes it. */
    private static String display(String expr, ColumnInfo column) {
        return column.type().kind() == io.meshkit.core.type.DataType.Kind.BINARY ? "hex(" + expr + ")" : "CAST(" + expr + " AS VARCHAR)";
    }

    private static List<String> nulls(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add("NULL");
        }
        return out;
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

    private Duplicates duplicates(DiffRequest r, TableId table, List<ColumnName> key, long[] queries) {
        SqlBuilder b = dialect.sql().sql("SELECT ").ids(key).sql(", count(*) OVER () AS duplicated_keys FROM ").table(table);
        if (r.sampleRate().isPresent()) {
            b.sql(" WHERE ").sql(dialect.samplingValue(key.get(0))).sql(" < ").bind(r.sampleRate().getAsDouble());
        }
        b.sql(" GROUP BY ").ids(key).sql(" HAVING count(*) > 1 ORDER BY ").ids(key).sql(" LIMIT ").bind(Math.max(r.examples(), 1));
        queries[0]++;
        long total = 0;
        List<List<String>> examples = new ArrayList<>();
        boolean mask = r.keyIsPersonalData();
        try (ResultRows rows = warehouse.query(b.build())) {
            for (Row row : rows) {
                total = Values.toLong(row.get(key.size()));
                if (examples.size() < r.examples()) {
                    List<String> k = new ArrayList<>();
                    for (int i = 0; i < key.size(); i++) {
                        k.add(mask ? Values.MASK : Values.text(row.get(i)));
                    }
                    examples.add(k);
                }
            }
        }
        return new Duplicates(total, examples);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
