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
import java.util.Optional;

/**
 * Diffs two tables of one warehouse with set-based SQL: one full outer join of both tables feeds
 * one aggregate that counts added, removed and changed keys, counts changes per column, profiles
 * both sides and keeps up to N examples of each kind of change. Duplicate keys are detected in the
 * same pass; only when there are any does a second pass report them and redo the diff without them.
 */
public final class WarehouseDiffer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

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
                || pass.unmatchedDuplicates > 0) {
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
     * Starts the statement: {@code WITH} and, after duplicates were found, the CTE of the keys
     * duplicated on either side. The sides themselves are inlined where used ({@link #side}), never
     * CTEs: an engine may materialise a CTE that is referenced twice, which would copy whole tables.
     */
    private SqlBuilder with(DiffRequest r, List<ColumnName> key, boolean dedupe) {
        SqlBuilder b = dialect.sql().sql("WITH ");
        if (dedupe) {
            b.sql("duplicated AS (SELECT ").ids(key).sql(" FROM ");
            side(b, r.production(), r, key, false);
            b.sql(" GROUP BY ").ids(key).sql(" HAVING count(*) > 1").sql(" UNION SELECT ").ids(key).sql(" FROM ");
            side(b, r.candidate(), r, key, false);
            b.sql(" GROUP BY ").ids(key).sql(" HAVING count(*) > 1), ");
        }
        return b;
    }

    /** A side as a table expression: the table, sampled, without duplicated keys after they were found. */
    private void side(SqlBuilder b, TableId table, DiffRequest r, List<ColumnName> key, boolean dedupe) {
        if (r.sampleRate().isEmpty() && !dedupe) {
            b.table(table);
            return;
        }
        b.sql("(SELECT * FROM ").table(table).sql(" s WHERE ");
        if (r.sampleRate().isPresent()) {
            b.sql(dialect.samplingValue("s." + dialect.quote(key.get(0)))).sql(" < ").bind(r.sampleRate().getAsDouble());
        }
        if (dedupe) {
            b.sql(r.sampleRate().isPresent() ? " AND " : "").sql("NOT EXISTS (SELECT 1 FROM duplicated d WHERE ");
            b.join(key, " AND ", k -> b.sql("d.").id(k).sql(" = s.").id(k));
            b.sql(")");
        }
        b.sql(")");
    }

    private record Counts(long production, long candidate) {}

    private Counts counts(DiffRequest r, List<ColumnName> key, boolean dedupe, long[] queries) {
        SqlBuilder b = with(r, key, dedupe).sql("t AS (SELECT 1 AS one) SELECT (SELECT count(*) FROM ");
        side(b, r.production(), r, key, dedupe);
        b.sql(" pf) AS p_rows, (SELECT count(*) FROM ");
        side(b, r.candidate(), r, key, dedupe);
        Sql sql = b.sql(" cf) AS c_rows FROM t").build();
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

    /**
     * The diff in one statement. Each side is reduced in its scan to its key and one hash of its
     * normalised values; a full outer join of these narrow rows counts matched keys and nominates
     * the keys whose hash differs or that exist on one side only. Only those few rows are joined
     * back to both tables for the exact per-column comparison and the examples. Profiles of each
     * column are plain aggregates over each side.
     */
    private Pass mainPass(DiffRequest r, List<ColumnName> key, List<Compared> compared, boolean dedupe, long[] queries) {
        boolean maskKey = r.keyIsPersonalData();
        int n = Math.max(r.examples(), 1);
        List<String> pKey = new ArrayList<>();
        List<String> cKey = new ArrayList<>();
        List<String> keyFields = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            pKey.add("x.pk" + i);
            cKey.add("x.ck" + i);
            keyFields.add("k" + i);
        }
        String both = "x.pm AND x.cm";
        String onlyP = "NOT x.cm";
        String onlyC = "NOT x.pm";
        List<String> pHash = new ArrayList<>();
        List<String> cHash = new ArrayList<>();
        List<String> differs = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            Compared col = compared.get(i);
            String pc = dialect.quote(col.production().name());
            String cc = dialect.quote(col.candidate().name());
            pHash.add(diffSql.hashInput(pc, col.production().type(), col.candidate().type(), r.normalisation()));
            cHash.add(diffSql.hashInput(cc, col.candidate().type(), col.production().type(), r.normalisation()));
            differs.add(diffSql.differs("x.p" + i, col.production().type(), "x.c" + i, col.candidate().type(), r.normalisation()));
        }
        SqlBuilder b = with(r, key, dedupe);
        // one pass over the narrow join: ungrouped counts, and the few nominated keys (hash differs,
        // or one side only) collected into one list, so that no row is grouped or materialised
        String nominated = "p.meshkit_h IS DISTINCT FROM c.meshkit_h";
        List<String> fieldNames = new ArrayList<>(List.of("pm", "cm"));
        List<String> fieldExprs = new ArrayList<>(List.of("p.meshkit_h IS NOT NULL", "c.meshkit_h IS NOT NULL"));
        for (int i = 0; i < key.size(); i++) {
            fieldNames.add("pk" + i);
            fieldExprs.add("p." + dialect.quote(key.get(i)));
            fieldNames.add("ck" + i);
            fieldExprs.add("c." + dialect.quote(key.get(i)));
        }
        b.sql("n AS (SELECT ").sql(diffSql.countIf("p.meshkit_h IS NOT NULL")).sql(" AS joined_p, ")
                .sql(diffSql.countIf("c.meshkit_h IS NOT NULL")).sql(" AS joined_c, ")
                .sql(diffSql.countIf("p.meshkit_h IS NOT NULL AND c.meshkit_h IS NOT NULL")).sql(" AS matched, ")
                .sql(diffSql.collect(fieldNames, fieldExprs, nominated)).sql(" AS nominated FROM (SELECT ").ids(key).sql(", ")
                .sql(diffSql.hash(pHash)).sql(" AS meshkit_h FROM ");
        side(b, r.production(), r, key, dedupe);
        b.sql(" pf) p FULL OUTER JOIN (SELECT ").ids(key).sql(", ").sql(diffSql.hash(cHash)).sql(" AS meshkit_h FROM ");
        side(b, r.candidate(), r, key, dedupe);
        b.sql(" cf) c ON ");
        b.join(key, " AND ", k -> b.sql("p.").id(k).sql(" = c.").id(k));
        b.sql(")");
        // the nominated rows, with both sides' values
        b.sql(", x AS (SELECT d.pm, d.cm");
        for (int i = 0; i < key.size(); i++) {
            b.sql(", d.pk" + i + ", d.ck" + i);
        }
        for (int i = 0; i < compared.size(); i++) {
            b.sql(", pf.").id(compared.get(i).production().name()).sql(" AS p" + i);
            b.sql(", cf.").id(compared.get(i).candidate().name()).sql(" AS c" + i);
        }
        b.sql(" FROM ").sql(diffSql.unnest("n", "nominated", "d")).sql(" LEFT JOIN ");
        side(b, r.production(), r, key, dedupe);
        b.sql(" pf ON ");
        for (int i = 0; i < key.size(); i++) {
            b.sql(i == 0 ? "" : " AND ").sql("pf.").id(key.get(i)).sql(" = d.pk" + i);
        }
        b.sql(" LEFT JOIN ");
        side(b, r.candidate(), r, key, dedupe);
        b.sql(" cf ON ");
        for (int i = 0; i < key.size(); i++) {
            b.sql(i == 0 ? "" : " AND ").sql("cf.").id(key.get(i)).sql(" = d.ck" + i);
        }
        b.sql(")");
        List<String> select = new ArrayList<>();
        // a key on one side only that the join met more than once is duplicated there
        List<String> oneSidedKey = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            oneSidedKey.add("coalesce(x.pk" + i + ", x.ck" + i + ")");
        }
        select.add(diffSql.countIf("NOT (" + both + ")") + " - " + diffSql.countDistinctIf(oneSidedKey, "NOT (" + both + ")"));
        select.add(diffSql.countIf(onlyP));
        select.add(diffSql.countIf(onlyC));
        select.add(differs.isEmpty() ? "0" : diffSql.countIf(both + " AND (" + String.join(" OR ", differs) + ")"));
        select.add(diffSql.examplesJson(keyFields, maskKey ? nulls(key.size()) : pKey, diffSql.tuple(pKey), n, onlyP));
        select.add(diffSql.examplesJson(keyFields, maskKey ? nulls(key.size()) : cKey, diffSql.tuple(cKey), n, onlyC));
        for (int i = 0; i < compared.size(); i++) {
            Compared col = compared.get(i);
            String changed = both + " AND " + differs.get(i);
            select.add(diffSql.countIf(changed));
            List<String> names = new ArrayList<>(keyFields);
            names.add("before");
            names.add("after");
            List<String> exprs = new ArrayList<>(maskKey ? nulls(key.size()) : pKey);
            boolean mask = r.isPersonalData(col.name());
            exprs.add(mask ? "NULL" : diffSql.display("x.p" + i, col.production().type()));
            exprs.add(mask ? "NULL" : diffSql.display("x.c" + i, col.candidate().type()));
            select.add(diffSql.examplesJson(names, exprs, diffSql.tuple(pKey), n, changed));
        }
        b.sql(", a AS (SELECT ").sql(aliased(select, "a")).sql(" FROM x)");
        for (String side : List.of("p", "c")) {
            List<String> profile = new ArrayList<>();
            for (Compared col : compared) {
                ColumnInfo info = side.equals("p") ? col.production() : col.candidate();
                String q = dialect.quote(info.name());
                profile.add("count(" + q + ")");
                if (info.type().isNumeric()) {
                    profile.add("sum(" + q + ")");
                    profile.add("min(" + q + ")");
                    profile.add("max(" + q + ")");
                }
            }
            profile.add("0");
            b.sql(", s" + side + " AS (SELECT ").sql(aliased(profile, "s" + side)).sql(" FROM ");
            side(b, side.equals("p") ? r.production() : r.candidate(), r, key, dedupe);
            b.sql(" " + side + "f)");
        }
        b.sql(" SELECT n.joined_p, n.joined_c, n.matched, a.*, sp.*, sc.* FROM n, a, sp, sc");
        queries[0]++;
        Pass pass = new Pass();
        try (ResultRows rows = warehouse.query(b.build())) {
            Row row = rows.iterator().next();
            Iterator<Object> v = row.values().iterator();
            pass.joinedProduction = Values.toLong(v.next());
            pass.joinedCandidate = Values.toLong(v.next());
            pass.matched = Values.toLong(v.next());
            pass.unmatchedDuplicates = Values.toLong(v.next());
            pass.removedRows = Values.toLong(v.next());
            pass.addedRows = Values.toLong(v.next());
            pass.changed = Values.toLong(v.next());
            pass.removedExamples = keyExamples(v.next(), key.size(), maskKey, r.examples());
            pass.addedExamples = keyExamples(v.next(), key.size(), maskKey, r.examples());
            for (Compared col : compared) {
                ColumnPass cp = new ColumnPass();
                cp.changed = Values.toLong(v.next());
                cp.examples = valueExamples(v.next(), key.size(), maskKey, r.isPersonalData(col.name()), r.examples());
                pass.columns.add(cp);
            }
            for (boolean production : new boolean[] {true, false}) {
                for (int i = 0; i < compared.size(); i++) {
                    ColumnPass cp = pass.columns.get(i);
                    Profile profile = production ? cp.production : cp.candidate;
                    ColumnInfo info = production ? compared.get(i).production() : compared.get(i).candidate();
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

    /** Select items with short result names: engines derive long ones from the expression. */
    private static String aliased(List<String> select, String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < select.size(); i++) {
            out.add(select.get(i) + " AS " + prefix + i);
        }
        return String.join(", ", out);
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
}
