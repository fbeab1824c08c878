package io.meshkit.differ.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.differ.internal.DiffSql;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of an in-warehouse diff, generated in a warehouse's dialect without running them:
 * what {@link WarehouseDiffer} runs, and what a test can hand to a SQL analyzer. Built from the two
 * tables' descriptions; every identifier is quoted by the {@link Dialect}, every value bound.
 *
 * <pre>{@code
 * DiffStatements s = DiffStatements.of(warehouse.dialect(), request, productionInfo, candidateInfo);
 * s.counts(false);      // rows on each side
 * s.comparison(false);  // counts, changes per column, examples, profiles: one row
 * s.duplicates(request.production()); // keys that occur more than once, with their number
 * s.all();              // every statement a diff may run, duplicates-free variants included
 * }</pre>
 *
 * Dialects: DuckDB and BigQuery (GoogleSQL); others are refused with {@code INVALID_ARGUMENT}.
 */
public final class DiffStatements {
    /** A column on both sides, by the production spelling. */
    record Compared(ColumnInfo production, ColumnInfo candidate) {
        ColumnName name() {
            return production.name();
        }
    }

    private final Dialect dialect;
    private final DiffSql diffSql;
    private final DiffRequest request;
    private final List<ColumnName> key;
    private final List<Compared> compared;

    private DiffStatements(Dialect dialect, DiffRequest request, List<ColumnName> key, List<Compared> compared) {
        this.dialect = dialect;
        this.diffSql = DiffSql.forDialect(dialect);
        this.request = request;
        this.key = List.copyOf(key);
        this.compared = List.copyOf(compared);
    }

    /**
     * The statements diffing the request's tables, described as {@code production} and {@code candidate}.
     *
     * @throws MeshkitException {@code INVALID_ARGUMENT} when a key column is missing or the dialect is unsupported
     */
    public static DiffStatements of(Dialect dialect, DiffRequest request, TableInfo production, TableInfo candidate) {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(request, "request is null");
        requireNonNull(production, "production is null");
        requireNonNull(candidate, "candidate is null");
        List<ColumnName> key = new ArrayList<>();
        for (ColumnName k : request.key()) {
            ColumnInfo pk = production.column(k).orElseThrow(() -> missingKey(request, k, request.production()));
            candidate.column(k).orElseThrow(() -> missingKey(request, k, request.candidate()));
            key.add(pk.name());
        }
        List<Compared> compared = new ArrayList<>();
        for (ColumnInfo pc : production.columns()) {
            if (key.stream().noneMatch(k -> k.name().equalsIgnoreCase(pc.name().name()))) {
                candidate.column(pc.name()).ifPresent(cc -> compared.add(new Compared(pc, cc)));
            }
        }
        return new DiffStatements(dialect, request, key, compared);
    }

    private static MeshkitException missingKey(DiffRequest r, ColumnName k, TableId table) {
        return new MeshkitException(ErrorCode.INVALID_ARGUMENT,
                "Cannot diff " + r.candidate() + " against " + r.production() + ": key column " + k + " is not in " + table);
    }

    /** The key columns, as production spells them. */
    List<ColumnName> key() {
        return key;
    }

    /** The columns compared, in production's order. */
    List<Compared> compared() {
        return compared;
    }

    /** Every statement a diff may run: counts and comparison with and without duplicates, and both duplicate listings. */
    public List<Sql> all() {
        return List.of(counts(false), comparison(false), duplicates(request.production()), duplicates(request.candidate()),
                counts(true), comparison(true));
    }

    /**
     * Rows on each side (sampled, and without duplicated keys when asked): one row {@code p_rows, c_rows}.
     *
     * @param withoutDuplicates leave out keys duplicated on either side
     */
    public Sql counts(boolean withoutDuplicates) {
        DiffRequest r = request;
        SqlBuilder b = with(r, key, withoutDuplicates).sql("t AS (SELECT 1 AS one) SELECT (SELECT count(*) FROM ");
        side(b, r.production(), r, key, withoutDuplicates);
        b.sql(" pf) AS p_rows, (SELECT count(*) FROM ");
        side(b, r.candidate(), r, key, withoutDuplicates);
        return b.sql(" cf) AS c_rows FROM t").build();
    }

    /**
     * The keys of a table that occur more than once (sampled like the diff), first ones in key order
     * up to the request's examples: the key columns, then the number of such keys.
     */
    public Sql duplicates(TableId table) {
        DiffRequest r = request;
        SqlBuilder b = dialect.sql().sql("SELECT ").ids(key).sql(", count(*) OVER () AS duplicated_keys FROM ").table(table);
        if (r.sampleRate().isPresent()) {
            b.sql(" WHERE ").sql(dialect.samplingValue(key.get(0))).sql(" < ").bind(r.sampleRate().getAsDouble());
        }
        return b.sql(" GROUP BY ").ids(key).sql(" HAVING count(*) > 1 ORDER BY ").ids(key).sql(" LIMIT ").bind(Math.max(r.examples(), 1)).build();
    }

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
            b.sql(" GROUP BY ").ids(key).sql(" HAVING count(*) > 1").sql(" UNION DISTINCT SELECT ").ids(key).sql(" FROM ");
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


    /**
     * The comparison, in one statement. Each side is reduced in its scan to its key and one hash of
     * its normalised values; a full outer join of these narrow rows counts matched keys and collects
     * the keys whose hash differs or that exist on one side only. Only those few rows are joined
     * back to both tables for the exact per-column comparison and the examples. Profiles of each
     * column are plain aggregates over each side. One row: {@code joined_p, joined_c, matched}, then
     * the unmatched duplicates, removed, added and changed rows, removed and added key examples (JSON),
     * then per compared column its changed rows and examples (JSON), then each side's profile (per
     * column its non-NULL count, and for numbers sum, min and max, then a constant 0).
     *
     * @param withoutDuplicates leave out keys duplicated on either side
     */
    public Sql comparison(boolean withoutDuplicates) {
        DiffRequest r = request;
        boolean dedupe = withoutDuplicates;
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
        select.add(diffSql.examplesJson(keyFields, maskKey ? nulls(key.size()) : pKey, pKey, n, onlyP));
        select.add(diffSql.examplesJson(keyFields, maskKey ? nulls(key.size()) : cKey, cKey, n, onlyC));
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
            select.add(diffSql.examplesJson(names, exprs, pKey, n, changed));
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
        return b.build();
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
}
