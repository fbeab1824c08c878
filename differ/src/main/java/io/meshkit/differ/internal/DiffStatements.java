package io.meshkit.differ.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.RecordField;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.differ.api.DiffRequest;
import io.meshkit.differ.api.Normalisation;
import io.meshkit.differ.api.SchemaDiff;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements of an in-warehouse diff, generated in a warehouse's dialect without running them:
 * what the differ in one warehouse runs, and what a test can hand to a SQL analyzer. Built from the two
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
 * Whatever differs by engine (aggregates, lists of rows, hashes, text) comes from the warehouse's
 * {@link Dialect}, so the diff runs on every warehouse that implements it.
 */
public final class DiffStatements {
    /**
     * A compared column, by the production spelling: on both sides, or added by the candidate, where
     * production reads as NULL of the same type, or renamed by the candidate (production's old column
     * and the candidate's new one, named by the new name). A column the candidate removed is not compared.
     */
    record Compared(ColumnInfo production, ColumnInfo candidate) {
        Compared {
            if (production == null && candidate == null) {
                throw new IllegalArgumentException("a compared column is on at least one side");
            }
        }

        ColumnName name() {
            return production != null && !renamed() ? production.name() : candidate.name();
        }

        /** Whether the candidate renamed this column: the two sides' names differ. */
        boolean renamed() {
            return production != null && candidate != null && !production.name().name().equalsIgnoreCase(candidate.name().name());
        }

        /** Whether the candidate added this column. */
        boolean added() {
            return production == null;
        }

        /** Whether the candidate removed this column. */
        boolean removed() {
            return candidate == null;
        }

        /** Production's type, or the candidate's for an added column (it reads as NULL of that type). */
        DataType productionType() {
            return production != null ? production.type() : candidate.type();
        }

        /** The candidate's type, or production's for a removed column. */
        DataType candidateType() {
            return candidate != null ? candidate.type() : production.type();
        }
    }

    /** The columns of a dimension's shape, which the current state does not compare (they say which versions are live). */
    private static final List<ColumnName> SCD_COLUMNS = List.of(Scd2Shape.VALID_FROM, Scd2Shape.VALID_TO, Scd2Shape.IS_CURRENT,
            Scd2Shape.IS_DELETED);

    private final Dialect dialect;
    private final DiffRequest request;
    private final List<ColumnName> key;
    private final List<DataType> pKeyTypes;
    private final List<DataType> cKeyTypes;
    private final List<Compared> compared;
    private final SchemaDiff schema;
    /** For dimensions: which side has {@code is_deleted}; null for plain tables (no side is filtered). */
    private final Live live;
    /** For dimensions: the statements of the versions, keyed by {@code (key, valid_from)}, that compare the histories. */
    private final DiffStatements versions;

    /** Whether each side of a dimension has {@code is_deleted} (a tombstone is not live). */
    private record Live(boolean productionDeletes, boolean candidateDeletes) {}

    private DiffStatements(Dialect dialect, DiffRequest request, List<ColumnName> key, List<DataType> pKeyTypes, List<DataType> cKeyTypes,
            ColumnPairing columns, Live live, DiffStatements versions) {
        this.dialect = dialect;
        this.request = request;
        this.key = List.copyOf(key);
        this.pKeyTypes = List.copyOf(pKeyTypes);
        this.cKeyTypes = List.copyOf(cKeyTypes);
        this.compared = columns.compared();
        this.schema = versions != null ? versions.schema : columns.schema();
        this.live = live;
        this.versions = versions;
    }

    /**
     * The statements diffing the request's tables, described as {@code production} and {@code candidate}.
     *
     * @throws MeshkitException {@code INVALID_ARGUMENT} when a key column is missing or a declared rename does not fit the tables
     */
    public static DiffStatements of(Dialect dialect, DiffRequest request, TableInfo production, TableInfo candidate) {
        requireNonNull(dialect, "dialect is null");
        requireNonNull(request, "request is null");
        requireNonNull(production, "production is null");
        requireNonNull(candidate, "candidate is null");
        if (!request.isDimension()) {
            return of(dialect, request, request.key(), production, candidate, null, null);
        }
        // a dimension: the current state by the business key, on the attributes; the histories by (key, valid_from)
        for (TableInfo t : List.of(production, candidate)) {
            for (ColumnName c : List.of(Scd2Shape.VALID_FROM, Scd2Shape.VALID_TO, Scd2Shape.IS_CURRENT)) {
                if (t.column(c).isEmpty()) {
                    throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff " + request.candidate() + " against "
                            + request.production() + " as dimensions: " + t.id() + " has no column " + c
                            + " (a type-2 dimension has valid_from, valid_to and is_current)");
                }
            }
        }
        List<ColumnName> versionKey = new ArrayList<>(request.key());
        versionKey.add(Scd2Shape.VALID_FROM);
        Live live = new Live(production.column(Scd2Shape.IS_DELETED).isPresent(), candidate.column(Scd2Shape.IS_DELETED).isPresent());
        DiffStatements versions = of(dialect, request, versionKey, production, candidate, live, null);
        return of(dialect, request, request.key(), attributes(production), attributes(candidate), live, versions);
    }

    private static DiffStatements of(Dialect dialect, DiffRequest request, List<ColumnName> requestKey, TableInfo production,
            TableInfo candidate, Live live, DiffStatements versions) {
        List<ColumnName> key = new ArrayList<>();
        List<DataType> pKeyTypes = new ArrayList<>();
        List<DataType> cKeyTypes = new ArrayList<>();
        for (ColumnName k : requestKey) {
            ColumnInfo pk = production.column(k).orElseThrow(() -> missingKey(request, k, request.production()));
            ColumnInfo ck = candidate.column(k).orElseThrow(() -> missingKey(request, k, request.candidate()));
            key.add(pk.name());
            pKeyTypes.add(pk.type());
            cKeyTypes.add(ck.type());
        }
        return new DiffStatements(dialect, request, key, pKeyTypes, cKeyTypes, ColumnPairing.of(request, production, candidate, key),
                live, versions);
    }

    /** A dimension's description without the columns of its shape: what its current state compares. */
    private static TableInfo attributes(TableInfo t) {
        List<ColumnInfo> columns = t.columns().stream()
                .filter(c -> SCD_COLUMNS.stream().noneMatch(s -> s.name().equalsIgnoreCase(c.name().name()))).toList();
        return new TableInfo(t.id(), columns, t.rowCount(), t.bytes(), t.lastModified());
    }

    private List<Sql> displayTexts(List<Sql> values, List<DataType> types) {
        List<Sql> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(dialect.displayText(values.get(i), types.get(i)));
        }
        return out;
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

    /** The columns added, removed, renamed and retyped. */
    SchemaDiff schema() {
        return schema;
    }

    /** Every statement a diff may run: counts and comparison with and without duplicates, and both duplicate listings. */
    public List<Sql> all() {
        List<Sql> all = new ArrayList<>(List.of(counts(false), comparison(false), duplicates(request.production()),
                duplicates(request.candidate()), counts(true), comparison(true)));
        if (versions != null) {
            all.add(history());
        }
        return List.copyOf(all);
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
     * up to the request's examples: the key columns, then the number of such keys and the rows that carry them.
     */
    public Sql duplicates(TableId table) {
        DiffRequest r = request;
        SqlBuilder b = dialect.sql().sql("SELECT ").ids(key)
                .sql(", count(*) OVER () AS duplicated_keys, sum(count(*)) OVER () AS duplicated_rows FROM ").table(table);
        if (current()) {
            // a dimension's current state: a key with two live versions is duplicated there
            b.sql(" s WHERE ").append(liveIn(table));
        }
        if (r.sampleRate().isPresent()) {
            b.sql(current() ? " AND " : " WHERE ").append(dialect.samplingValue(key.get(0))).sql(" < ").bind(r.sampleRate().getAsDouble());
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
        boolean current = current();
        if (r.sampleRate().isEmpty() && !dedupe && !current) {
            b.table(table);
            return;
        }
        b.sql("(SELECT * FROM ").table(table).sql(" s WHERE ");
        if (current) {
            b.append(liveIn(table));
        }
        if (r.sampleRate().isPresent()) {
            b.sql(current ? " AND " : "");
            b.append(dialect.samplingValue(dialect.sql().sql("s.").id(key.get(0)).build())).sql(" < ").bind(r.sampleRate().getAsDouble());
        }
        if (dedupe) {
            b.sql(r.sampleRate().isPresent() || current ? " AND " : "").sql("NOT EXISTS (SELECT 1 FROM duplicated d WHERE ");
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
        List<Sql> pKey = new ArrayList<>();
        List<Sql> cKey = new ArrayList<>();
        List<ColumnName> keyFields = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            pKey.add(x("pk" + i));
            cKey.add(x("ck" + i));
            keyFields.add(ColumnName.of("k" + i));
        }
        Sql both = dialect.sql().append(x("pm")).sql(" AND ").append(x("cm")).build();
        Sql onlyP = dialect.sql().sql("NOT ").append(x("cm")).build();
        Sql onlyC = dialect.sql().sql("NOT ").append(x("pm")).build();
        List<Sql> pHash = new ArrayList<>();
        List<Sql> cHash = new ArrayList<>();
        List<Sql> differs = new ArrayList<>();
        for (int i = 0; i < compared.size(); i++) {
            Compared col = compared.get(i);
            Sql pc = value(col.production(), col.productionType());
            Sql cc = value(col.candidate(), col.candidateType());
            pHash.add(hashInput(pc, col.productionType(), col.candidateType(), r.normalisation()));
            cHash.add(hashInput(cc, col.candidateType(), col.productionType(), r.normalisation()));
            differs.add(differs(x("p" + i), col.productionType(), x("c" + i), col.candidateType(), r.normalisation()));
        }
        SqlBuilder b = with(r, key, dedupe);
        // one pass over the narrow join: ungrouped counts, and the few nominated keys (hash differs,
        // or one side only) collected into one list, so that no row is grouped or materialised
        Sql pHashed = Sql.of("p.meshkit_h IS NOT NULL");
        Sql cHashed = Sql.of("c.meshkit_h IS NOT NULL");
        Sql nominated = Sql.of("p.meshkit_h IS DISTINCT FROM c.meshkit_h");
        List<RecordField> fields = new ArrayList<>(List.of(RecordField.of("pm", DataType.BOOLEAN), RecordField.of("cm", DataType.BOOLEAN)));
        List<Sql> fieldExprs = new ArrayList<>(List.of(pHashed, cHashed));
        for (int i = 0; i < key.size(); i++) {
            fields.add(RecordField.of("pk" + i, pKeyTypes.get(i)));
            fieldExprs.add(dialect.sql().sql("p.").id(key.get(i)).build());
            fields.add(RecordField.of("ck" + i, cKeyTypes.get(i)));
            fieldExprs.add(dialect.sql().sql("c.").id(key.get(i)).build());
        }
        b.sql("n AS (SELECT ").append(dialect.countIf(pHashed)).sql(" AS joined_p, ")
                .append(dialect.countIf(cHashed)).sql(" AS joined_c, ")
                .append(dialect.countIf(Sql.of("p.meshkit_h IS NOT NULL AND c.meshkit_h IS NOT NULL"))).sql(" AS matched, ")
                .append(dialect.collect(fields, fieldExprs, nominated)).sql(" AS nominated FROM (SELECT ").ids(key).sql(", ")
                .append(dialect.rowHash(pHash)).sql(" AS meshkit_h FROM ");
        side(b, r.production(), r, key, dedupe);
        b.sql(" pf) p FULL OUTER JOIN (SELECT ").ids(key).sql(", ").append(dialect.rowHash(cHash)).sql(" AS meshkit_h FROM ");
        side(b, r.candidate(), r, key, dedupe);
        b.sql(" cf) c ON ");
        b.join(key, " AND ", k -> b.sql("p.").id(k).sql(" = c.").id(k));
        b.sql(")");
        // the nominated rows, with both sides' values
        b.sql(", x AS (SELECT d.pm, d.cm");
        for (int i = 0; i < key.size(); i++) {
            b.sql(", d.").id(ColumnName.of("pk" + i)).sql(", d.").id(ColumnName.of("ck" + i));
        }
        for (int i = 0; i < compared.size(); i++) {
            Compared col = compared.get(i);
            if (col.production() != null) {
                b.sql(", pf.").id(col.production().name());
            } else {
                b.sql(", ").append(value(null, col.productionType()));
            }
            b.sql(" AS ").id(ColumnName.of("p" + i));
            if (col.candidate() != null) {
                b.sql(", cf.").id(col.candidate().name());
            } else {
                b.sql(", ").append(value(null, col.candidateType()));
            }
            b.sql(" AS ").id(ColumnName.of("c" + i));
        }
        b.sql(" FROM ").append(dialect.unnest(Sql.of("n"), ColumnName.of("nominated"), fields, Sql.of("d"))).sql(" LEFT JOIN ");
        side(b, r.production(), r, key, dedupe);
        b.sql(" pf ON ");
        for (int i = 0; i < key.size(); i++) {
            b.sql(i == 0 ? "" : " AND ").sql("pf.").id(key.get(i)).sql(" = d.").id(ColumnName.of("pk" + i));
        }
        b.sql(" LEFT JOIN ");
        side(b, r.candidate(), r, key, dedupe);
        b.sql(" cf ON ");
        for (int i = 0; i < key.size(); i++) {
            b.sql(i == 0 ? "" : " AND ").sql("cf.").id(key.get(i)).sql(" = d.").id(ColumnName.of("ck" + i));
        }
        b.sql(")");
        List<Sql> select = new ArrayList<>();
        // a key on one side only that the join met more than once is duplicated there
        List<Sql> oneSidedKey = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            oneSidedKey.add(dialect.sql().sql("coalesce(").append(pKey.get(i)).sql(", ").append(cKey.get(i)).sql(")").build());
        }
        Sql notBoth = dialect.sql().sql("NOT (").append(both).sql(")").build();
        select.add(dialect.sql().append(dialect.countIf(notBoth)).sql(" - ").append(dialect.countDistinctIf(oneSidedKey, notBoth)).build());
        select.add(dialect.countIf(onlyP));
        select.add(dialect.countIf(onlyC));
        if (differs.isEmpty()) {
            select.add(Sql.of("0"));
        } else {
            SqlBuilder anyChange = dialect.sql().append(both).sql(" AND (");
            anyChange.join(differs, " OR ", anyChange::append);
            select.add(dialect.countIf(anyChange.sql(")").build()));
        }
        // keys as display text, as the values are: a timestamp reads the same on every warehouse
        // (a JSON aggregate gives 2026-12-01T00:00:00 on one engine where another gives 2026-12-01 00:00:00)
        List<Sql> pKeyText = maskKey ? nulls(key.size()) : displayTexts(pKey, pKeyTypes);
        List<Sql> cKeyText = maskKey ? nulls(key.size()) : displayTexts(cKey, cKeyTypes);
        select.add(dialect.firstRowsJson(keyFields, pKeyText, pKey, n, onlyP));
        select.add(dialect.firstRowsJson(keyFields, cKeyText, cKey, n, onlyC));
        for (int i = 0; i < compared.size(); i++) {
            Compared col = compared.get(i);
            Sql changed = dialect.sql().append(both).sql(" AND ").append(differs.get(i)).build();
            select.add(dialect.countIf(changed));
            List<ColumnName> names = new ArrayList<>(keyFields);
            names.add(ColumnName.of("before"));
            names.add(ColumnName.of("after"));
            List<Sql> exprs = new ArrayList<>(pKeyText);
            boolean mask = r.isPersonalData(col.name());
            exprs.add(mask ? Sql.of("NULL") : dialect.displayText(x("p" + i), col.productionType()));
            exprs.add(mask ? Sql.of("NULL") : dialect.displayText(x("c" + i), col.candidateType()));
            select.add(dialect.firstRowsJson(names, exprs, pKey, n, changed));
        }
        b.sql(", a AS (SELECT ");
        aliased(b, select, "a");
        b.sql(" FROM x)");
        for (boolean production : new boolean[] {true, false}) {
            List<Sql> profile = new ArrayList<>();
            for (Compared col : compared) {
                ColumnInfo info = production ? col.production() : col.candidate();
                if (info == null) {
                    continue; // not on this side: no profile
                }
                profile.add(dialect.sql().sql("count(").id(info.name()).sql(")").build());
                if (info.type().isNumeric()) {
                    profile.add(dialect.sql().sql("sum(").id(info.name()).sql(")").build());
                    profile.add(dialect.sql().sql("min(").id(info.name()).sql(")").build());
                    profile.add(dialect.sql().sql("max(").id(info.name()).sql(")").build());
                }
            }
            profile.add(Sql.of("0"));
            b.sql(production ? ", sp AS (SELECT " : ", sc AS (SELECT ");
            aliased(b, profile, production ? "sp" : "sc");
            b.sql(" FROM ");
            side(b, production ? r.production() : r.candidate(), r, key, dedupe);
            b.sql(production ? " pf)" : " cf)");
        }
        b.sql(" SELECT n.joined_p, n.joined_c, n.matched, a.*, sp.*, sc.* FROM n, a, sp, sc");
        return b.build();
    }

    /** Whether these statements compare a dimension's current state: its live versions (the versions' statements read every row). */
    private boolean current() {
        return versions != null;
    }

    /** Whether a version of this side of a dimension, aliased {@code s}, is live. */
    private Sql liveIn(TableId table) {
        return live(table.equals(request.production()) ? live.productionDeletes() : live.candidateDeletes(), Sql.of("s"));
    }

    /** Whether a version of a dimension is live: current, and not a tombstone where the side has them. */
    private Sql live(boolean deletes, Sql alias) {
        SqlBuilder b = dialect.sql().append(alias).sql(".").id(Scd2Shape.IS_CURRENT);
        if (deletes) {
            b.sql(" AND NOT coalesce(").append(alias).sql(".").id(Scd2Shape.IS_DELETED).sql(", FALSE)");
        }
        return b.build();
    }

    /**
     * The histories of two dimensions, in one statement: the versions of both sides (sampled like the current state)
     * joined on {@code (key, valid_from)}, each pair compared on every column ({@code valid_to}, {@code is_current}
     * and {@code is_deleted} included, normalised as the current state is), grouped by the business key, then one
     * row: the keys, the keys whose history differs, the versions of each side, added, removed and changed; the
     * live keys that are new, returned, deleted and dropped (see {@link io.meshkit.differ.api.DimensionDiff}); then
     * as JSON the first keys with a changed history (with their version counts) and the first keys of each of the
     * four kinds.
     *
     * @throws IllegalStateException for plain tables
     */
    public Sql history() {
        if (versions == null) {
            throw new IllegalStateException("the history is compared for dimensions only");
        }
        return versions.versionsByKey(key.size());
    }

    /** {@link #history()}, on the statements of the versions; the first {@code businessKey} key columns are the business key. */
    private Sql versionsByKey(int businessKey) {
        DiffRequest r = request;
        int n = Math.max(r.examples(), 1);
        List<ColumnName> k = new ArrayList<>();
        for (int i = 0; i < businessKey; i++) {
            k.add(ColumnName.of("k" + i));
        }
        SqlBuilder b = dialect.sql().sql("WITH v AS (SELECT ");
        for (int i = 0; i < businessKey; i++) {
            b.sql("coalesce(p.").id(key.get(i)).sql(", c.").id(key.get(i)).sql(") AS ").id(k.get(i)).sql(", ");
        }
        b.sql("p.meshkit_in IS NOT NULL AS pin, c.meshkit_in IS NOT NULL AS cin, p.meshkit_live AS pl, c.meshkit_live AS cl, ");
        b.sql("p.meshkit_in IS NOT NULL AND c.meshkit_in IS NOT NULL AND (");
        if (compared.isEmpty()) {
            b.sql("FALSE");
        }
        for (int i = 0; i < compared.size(); i++) {
            Compared col = compared.get(i);
            b.sql(i == 0 ? "" : " OR ").append(differs(dialect.sql().sql("p.").id(ColumnName.of("p" + i)).build(), col.productionType(),
                    dialect.sql().sql("c.").id(ColumnName.of("c" + i)).build(), col.candidateType(), r.normalisation()));
        }
        b.sql(") AS vc FROM ");
        versionSide(b, true);
        b.sql(" FULL OUTER JOIN ");
        versionSide(b, false);
        b.sql(" ON ");
        b.join(key, " AND ", c -> b.sql("p.").id(c).sql(" = c.").id(c));
        b.sql("), g AS (SELECT ").ids(k).sql(", ").append(dialect.countIf(Sql.of("pin"))).sql(" AS pv, ")
                .append(dialect.countIf(Sql.of("cin"))).sql(" AS cv, ")
                .append(dialect.countIf(Sql.of("NOT pin"))).sql(" AS va, ")
                .append(dialect.countIf(Sql.of("NOT cin"))).sql(" AS vr, ")
                .append(dialect.countIf(Sql.of("vc"))).sql(" AS vc, ")
                .append(dialect.countIf(Sql.of("pl"))).sql(" AS pl, ")
                .append(dialect.countIf(Sql.of("cl"))).sql(" AS cl FROM v GROUP BY ").ids(k).sql(")");
        Sql differs = Sql.of("va + vr + vc > 0");
        List<Sql> kinds = List.of(Sql.of("cl > 0 AND pv = 0"), Sql.of("cl > 0 AND pl = 0 AND pv > 0"),
                Sql.of("pl > 0 AND cl = 0 AND cv > 0"), Sql.of("pl > 0 AND cv = 0"));
        List<Sql> keys = new ArrayList<>();
        List<Sql> keyTexts = new ArrayList<>();
        for (int i = 0; i < businessKey; i++) {
            Sql g = dialect.sql().sql("g.").id(k.get(i)).build();
            keys.add(g);
            keyTexts.add(r.keyIsPersonalData() ? Sql.of("NULL") : dialect.displayText(g, pKeyTypes.get(i)));
        }
        List<Sql> select = new ArrayList<>();
        select.add(Sql.of("count(*)"));
        select.add(dialect.countIf(differs));
        for (String sum : List.of("pv", "cv", "va", "vr", "vc")) {
            select.add(dialect.sql().sql("coalesce(sum(").id(ColumnName.of(sum)).sql("), 0)").build());
        }
        kinds.forEach(kind -> select.add(dialect.countIf(kind)));
        List<ColumnName> historyFields = new ArrayList<>(k);
        List<Sql> historyValues = new ArrayList<>(keyTexts);
        for (String count : List.of("pv", "cv", "va", "vr", "vc")) {
            historyFields.add(ColumnName.of(count));
            historyValues.add(dialect.sql().sql("g.").id(ColumnName.of(count)).build());
        }
        select.add(dialect.firstRowsJson(historyFields, historyValues, keys, n, differs));
        kinds.forEach(kind -> select.add(dialect.firstRowsJson(k, keyTexts, keys, n, kind)));
        b.sql(" SELECT ");
        aliased(b, select, "h");
        return b.sql(" FROM g").build();
    }

    /** One side of the versions: its key, whether it is live, and its compared columns as {@code p0…} or {@code c0…}. */
    private void versionSide(SqlBuilder b, boolean production) {
        DiffRequest r = request;
        Sql alias = Sql.of(production ? "pf" : "cf");
        b.sql("(SELECT ");
        b.join(key, ", ", c -> b.append(alias).sql(".").id(c));
        b.sql(", 1 AS meshkit_in, ").append(live(production ? live.productionDeletes() : live.candidateDeletes(), alias))
                .sql(" AS meshkit_live");
        for (int i = 0; i < compared.size(); i++) {
            Compared col = compared.get(i);
            ColumnInfo info = production ? col.production() : col.candidate();
            b.sql(", ");
            if (info != null) {
                b.append(alias).sql(".").id(info.name());
            } else {
                b.append(value(null, production ? col.productionType() : col.candidateType()));
            }
            b.sql(" AS ").id(ColumnName.of((production ? "p" : "c") + i));
        }
        b.sql(" FROM ");
        side(b, production ? r.production() : r.candidate(), r, key, false);
        b.sql(" ").append(alias).sql(production ? ") p" : ") c");
    }

    /** A column of a side, or NULL of the other side's type where this side does not have it. */
    private Sql value(ColumnInfo column, DataType type) {
        return column != null ? dialect.sql().id(column.name()).build() : dialect.cast(Sql.of("NULL"), type);
    }

    /** A field of the nominated rows {@code x}. */
    private Sql x(String field) {
        return dialect.sql().sql("x.").id(ColumnName.of(field)).build();
    }

    /** Select items with short result names ({@code prefix0, prefix1, ...}): engines derive long ones from the expression. */
    private static void aliased(SqlBuilder b, List<Sql> select, String prefix) {
        for (int i = 0; i < select.size(); i++) {
            b.sql(i == 0 ? "" : ", ").append(select.get(i)).sql(" AS ").id(ColumnName.of(prefix + i));
        }
    }

    private static List<Sql> nulls(int n) {
        List<Sql> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Sql.of("NULL"));
        }
        return out;
    }

    // ---------------------------------------------------------------- normalised comparison

    /**
     * A boolean expression true when two values differ after normalisation (NULL differs from every
     * value and equals NULL): under a relative tolerance, numbers differ by more than that fraction of
     * the larger; otherwise the {@link #normalised} values are distinct.
     */
    private Sql differs(Sql before, DataType beforeType, Sql after, DataType afterType, Normalisation n) {
        if (beforeType.isNumeric() && afterType.isNumeric() && n.relativeTolerance() > 0) {
            Sql b = dialect.cast(before, DataType.DOUBLE);
            Sql a = dialect.cast(after, DataType.DOUBLE);
            return dialect.sql().sql("(CASE WHEN ").append(before).sql(" IS NULL OR ").append(after).sql(" IS NULL THEN ").append(before)
                    .sql(" IS DISTINCT FROM ").append(after).sql(" ELSE ABS(").append(b).sql(" - ").append(a).sql(") > ")
                    .literal(n.relativeTolerance()).sql(" * GREATEST(ABS(").append(b).sql("), ABS(").append(a).sql(")) END)").build();
        }
        return dialect.sql().sql("(").append(normalised(before, beforeType, afterType, n)).sql(" IS DISTINCT FROM ")
                .append(normalised(after, afterType, beforeType, n)).sql(")").build();
    }

    /**
     * A value as it is compared with a value of {@code other}'s type: rounded to the request's decimals,
     * cut to its timestamp precision (as canonical text where the engine cannot compare the two
     * timestamp types), or as (trimmed, case-folded) text when the types are strings, unrelated, or
     * not comparable in the engine.
     */
    private Sql normalised(Sql expr, DataType type, DataType other, Normalisation n) {
        if (type.isNumeric() && other.isNumeric()) {
            return n.decimals().isPresent() && !type.isInteger()
                    ? dialect.sql().sql("round(").append(expr).sql(", ").literal(n.decimals().getAsInt()).sql(")").build() : expr;
        }
        if (isTime(type) && isTime(other)) {
            return n.timestampPrecision() < 6 || !dialect.comparable(type, other)
                    ? dialect.canonicalText().timestamp(expr, type, n.timestampPrecision()) : expr;
        }
        if (type.kind() == other.kind() && type.kind() != DataType.Kind.VARCHAR && dialect.comparable(type, other)) {
            return expr;
        }
        // strings, and retyped columns of unrelated or incomparable types: compare the text
        Sql text = type.kind() == DataType.Kind.VARCHAR ? expr : dialect.text(expr, type);
        return CanonicalText.normalisedString(text, n.trim(), n.caseFold());
    }

    /**
     * The value of a column as it enters the row hash: normalised as {@link #differs} compares it
     * (rounded, trimmed, case-folded, cut to a timestamp precision). Under a relative tolerance
     * numbers enter unrounded, so every numeric change is nominated and the exact comparison decides.
     */
    private Sql hashInput(Sql expr, DataType type, DataType otherType, Normalisation n) {
        if (type.isNumeric() && otherType.isNumeric() && n.relativeTolerance() > 0) {
            return expr;
        }
        return normalised(expr, type, otherType, n);
    }

    private static boolean isTime(DataType t) {
        return t.kind() == DataType.Kind.TIMESTAMP || t.kind() == DataType.Kind.TIMESTAMP_TZ;
    }
}
