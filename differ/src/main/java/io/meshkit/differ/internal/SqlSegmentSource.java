package io.meshkit.differ.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.CanonicalText;
import io.meshkit.core.warehouse.CanonicalText.Column;
import io.meshkit.core.warehouse.Quoting;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a {@link SegmentSource}, shared by the engines: they differ only in quoting, the
 * canonical text, how a key column is compared in binary order, and how statements run. Every
 * statement is built with a {@link SqlBuilder} of the engine's {@link Quoting}: names typed and
 * quoted, key bounds bound.
 */
abstract class SqlSegmentSource implements SegmentSource {
    private RowShape shape;
    private final java.util.concurrent.atomic.AtomicLong queries = new java.util.concurrent.atomic.AtomicLong();

    /** The engine's quoting. */
    abstract Quoting quoting();

    /** The table. */
    abstract TableId tableId();

    /** This engine's canonical text. */
    abstract CanonicalText canonical();

    /** The expression a key column is compared and ordered by (binary order for strings). */
    abstract Sql keyExpression(Column key);

    /** Runs a query and returns its (small) result; values as Long, String, BigDecimal, BigInteger or null. */
    abstract List<Object[]> run(Sql sql);

    @Override
    public void configure(RowShape shape) {
        for (Column k : shape.key()) {
            if (!k.type().isInteger() && k.type().kind() != DataType.Kind.VARCHAR || k.type().kind() == DataType.Kind.HUGEINT) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff " + tableName() + " across databases: key column "
                        + k.name() + " has type " + k.type() + "; integer (up to 64 bits) and string keys are supported");
            }
        }
        this.shape = shape;
    }

    RowShape shape() {
        if (shape == null) {
            throw new IllegalStateException("configure first");
        }
        return shape;
    }

    @Override
    public long queries() {
        return queries.get();
    }

    final List<Object[]> query(Sql sql) {
        return query(sql, this::run);
    }

    /** Runs a query with the given runner (another connection of the engine, say), counting it. */
    final List<Object[]> query(Sql sql, java.util.function.Function<Sql, List<Object[]>> runner) {
        queries.incrementAndGet();
        return runner.apply(sql);
    }

    /** A compared column of this side, or NULL of its type where this side's table lacks it. */
    final Sql column(Column c) {
        return shape().isAbsent(c) ? absentValue(c) : sql().id(c.name()).build();
    }

    /** The NULL that stands for a column this side's table lacks (typed where the engine needs it). */
    Sql absentValue(Column c) {
        return Sql.of("NULL");
    }

    /** A builder in this engine's quoting. */
    final SqlBuilder sql() {
        return quoting().sql();
    }

    /** The digest of the rows a query groups, as an aggregate expression. */
    final Sql digest(boolean ordered) {
        List<Sql> order = ordered ? shape().key().stream().map(this::keyExpression).toList() : List.of();
        Sql rowText = canonical().rowText(shape().key(), shape().columns(), shape().rules(), this::column);
        return canonical().digest(rowText, order);
    }

    @Override
    public long[] integerKeyBounds() {
        Sql k = keyExpression(shape().key().get(0));
        List<Object[]> r = query(sql().sql("SELECT MIN(").append(k).sql(") AS lo, MAX(").append(k).sql(") AS hi FROM ").table(tableId()).build());
        Object[] row = r.get(0);
        return row[0] == null ? null : new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    @Override
    public long rowCount() {
        return Values.toLong(query(sql().sql("SELECT COUNT(*) AS n FROM ").table(tableId()).build()).get(0)[0]);
    }

    /**
     * One query grouping the splits' ranges by child: the child of a row by arithmetic when one
     * integer key is split into equal widths, else by a chain of comparisons; each child's digest
     * joins its rows in key order.
     */
    @Override
    public List<List<Summary>> summarise(List<Split> splits) {
        SqlBuilder b = sql().sql("SELECT ");
        List<Sql> conditions = new ArrayList<>();
        int base = 0;
        if (splits.size() > 1) {
            b.sql("CASE");
        }
        for (Split split : splits) {
            Sql cond = range(split.parent());
            if (splits.size() == 1) {
                b.append(childExpression(split, base));
            } else {
                b.sql(" WHEN ").append(cond.isEmpty() ? Sql.of("TRUE") : cond).sql(" THEN ").append(childExpression(split, base));
            }
            conditions.add(cond.isEmpty() ? Sql.of("TRUE") : sql().sql("(").append(cond).sql(")").build());
            base += split.boundaries().size() + 1;
        }
        if (splits.size() > 1) {
            b.sql(" END");
        }
        b.sql(" AS seg, COUNT(*) AS n, ").append(digest(true)).sql(" AS d FROM ").table(tableId());
        if (conditions.stream().noneMatch(c -> c.text().equals("TRUE"))) {
            b.sql(" WHERE ");
            b.join(conditions, " OR ", b::append);
        }
        b.sql(" GROUP BY 1");
        return bySplit(collect(query(b.build()), base), splits);
    }

    /** The child number of a row within one split, counting from {@code base}. */
    private Sql childExpression(Split split, int base) {
        List<Key> boundaries = split.boundaries();
        if (boundaries.isEmpty()) {
            return sql().literal(base).build();
        }
        if (evenlySpaced(split.parent(), boundaries)) {
            long lo = (Long) split.parent().lower().values().get(0);
            long width = (Long) boundaries.get(0).values().get(0) - lo;
            Sql offset = sql().sql("(").append(keyExpression(shape().key().get(0))).sql(" - ").literal(lo).sql(")").build();
            return sql().sql("(").literal(base).sql(" + ").append(canonical().integerDivision(offset, sql().literal(width).build())).sql(")")
                    .build();
        }
        SqlBuilder b = sql().sql("CASE");
        for (int i = 0; i < boundaries.size(); i++) {
            b.sql(" WHEN ").append(before(boundaries.get(i))).sql(" THEN ").literal(base + i);
        }
        return b.sql(" ELSE ").literal(base + boundaries.size()).sql(" END").build();
    }

    /** Flat summaries, numbered across splits, cut back into one list per split. */
    static List<List<Summary>> bySplit(List<Summary> flat, List<Split> splits) {
        List<List<Summary>> out = new ArrayList<>();
        int at = 0;
        for (Split split : splits) {
            int n = split.boundaries().size() + 1;
            out.add(List.copyOf(flat.subList(at, at + n)));
            at += n;
        }
        return out;
    }

    /** Summaries from rows of (child, count, digest); children without rows are empty. */
    static List<Summary> collect(List<Object[]> rows, int children) {
        List<Summary> out = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            out.add(Summary.EMPTY);
        }
        for (Object[] row : rows) {
            int i = (int) ((Number) row[0]).longValue();
            out.set(i, new Summary(((Number) row[1]).longValue(), row[2] == null ? null : row[2].toString()));
        }
        return out;
    }

    boolean evenlySpaced(KeyRange parent, List<Key> boundaries) {
        if (!shape().singleIntegerKey() || parent.lower() == null || boundaries.isEmpty()) {
            return false;
        }
        long prev = (Long) parent.lower().values().get(0);
        long width = (Long) boundaries.get(0).values().get(0) - prev;
        for (Key b : boundaries) {
            long v = (Long) b.values().get(0);
            if (v - prev != width) {
                return false;
            }
            prev = v;
        }
        return width > 0 && (parent.upper() == null || (Long) parent.upper().values().get(0) - prev <= width);
    }

    @Override
    public List<Key> boundaries(KeyRange range, long rows, int parts) {
        long step = Math.max(1, (rows + parts - 1) / parts);
        Sql where = range(range);
        SqlBuilder b = sql().sql("SELECT ").append(keyColumns()).sql(" FROM (SELECT ").append(keyColumns())
                .sql(", ROW_NUMBER() OVER (ORDER BY ").append(keyOrder()).sql(") AS rn FROM ").table(tableId());
        if (!where.isEmpty()) {
            b.sql(" WHERE ").append(where);
        }
        b.sql(") x WHERE rn > 1 AND ").append(canonical().remainder(Sql.of("(rn - 1)"), sql().literal(step).build())).sql(" = 0 ORDER BY rn");
        List<Key> out = new ArrayList<>();
        for (Object[] row : query(b.build())) {
            out.add(key(row, 0));
        }
        return out;
    }

    @Override
    public List<SourceRow> rows(List<KeyRange> ranges) {
        CanonicalText ct = canonical();
        List<Sql> select = new ArrayList<>();
        for (int i = 0; i < shape().columns().size(); i++) {
            Column c = shape().columns().get(i);
            select.add(sql().append(ct.asText(ct.value(column(c), c, shape().rules()))).sql(" AS v").literal(i).build());
        }
        for (int i = 0; i < shape().columns().size(); i++) {
            Column c = shape().columns().get(i);
            select.add(sql().append(ct.display(column(c), c.type())).sql(" AS s").literal(i).build());
        }
        List<Sql> conditions = new ArrayList<>();
        for (KeyRange r : ranges) {
            Sql cond = range(r);
            conditions.add(cond.isEmpty() ? Sql.of("TRUE") : sql().sql("(").append(cond).sql(")").build());
        }
        SqlBuilder b = sql().sql("SELECT ").append(keyColumns());
        for (Sql s : select) {
            b.sql(", ").append(s);
        }
        b.sql(" FROM ").table(tableId());
        if (conditions.stream().noneMatch(c -> c.text().equals("TRUE"))) {
            b.sql(" WHERE ");
            b.join(conditions, " OR ", b::append);
        }
        b.sql(" ORDER BY ").append(keyOrder());
        List<SourceRow> out = new ArrayList<>();
        int keys = shape().key().size();
        int columns = shape().columns().size();
        for (Object[] row : query(b.build())) {
            List<String> texts = new ArrayList<>();
            List<String> displays = new ArrayList<>();
            for (int i = 0; i < columns; i++) {
                texts.add(text(row[keys + i]));
                displays.add(text(row[keys + columns + i]));
            }
            out.add(new SourceRow(key(row, 0), texts, displays));
        }
        return out;
    }

    private static String text(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : v.toString();
    }

    Key key(Object[] row, int offset) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < shape().key().size(); i++) {
            Object v = row[offset + i];
            if (v == null) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot diff " + tableName()
                        + " across databases: key column " + shape().key().get(i).name() + " has NULL values");
            }
            values.add(shape().key().get(i).type().isInteger() ? (Object) ((Number) v).longValue() : v.toString());
        }
        return new Key(values);
    }

    /** The key columns, quoted, separated by commas. */
    final Sql keyColumns() {
        return sql().ids(shape().key().stream().map(Column::name).toList()).build();
    }

    private Sql keyOrder() {
        return sql().appendAll(shape().key().stream().map(this::keyExpression).toList()).build();
    }

    /** The range as a predicate with its bounds bound, or empty for every key. */
    final Sql range(KeyRange range) {
        SqlBuilder b = sql();
        if (range.lower() != null) {
            if (shape().key().size() == 1) {
                // plain form, so MySQL ranges on the index
                b.sql("(").append(keyExpression(shape().key().get(0))).sql(" >= ").bind(range.lower().values().get(0)).sql(")");
            } else {
                b.sql("NOT ").append(before(range.lower()));
            }
        }
        if (range.upper() != null) {
            b.sql(range.lower() != null ? " AND " : "").append(before(range.upper()));
        }
        return b.build();
    }

    /** {@code (key columns) < bound}, lexicographically, in binary order; binds the bound's values. */
    final Sql before(Key bound) {
        List<Column> key = shape().key();
        if (key.size() == 1) {
            return sql().sql("(").append(keyExpression(key.get(0))).sql(" < ").bind(bound.values().get(0)).sql(")").build();
        }
        SqlBuilder b = sql().sql("(");
        for (int i = 0; i < key.size(); i++) {
            b.sql(i == 0 ? "(" : " OR (");
            for (int j = 0; j < i; j++) {
                b.append(keyExpression(key.get(j))).sql(" = ").bind(bound.values().get(j)).sql(" AND ");
            }
            b.append(keyExpression(key.get(i))).sql(" < ").bind(bound.values().get(i)).sql(")");
        }
        return b.sql(")").build();
    }
}
