package io.meshkit.differ.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a {@link SegmentSource}, shared by the engines: they differ only in quoting, the
 * canonical text, how a key column is compared in binary order, and how statements run.
 */
abstract class SqlSegmentSource implements SegmentSource {
    private RowShape shape;
    private long queries;

    /** Quotes an identifier. */
    abstract String quote(String identifier);

    /** The quoted, qualified table. */
    abstract String table();

    /** This engine's canonical text. */
    abstract CanonicalText canonical();

    /** The expression a key column is compared and ordered by (binary order for strings). */
    abstract String keyExpression(RowShape.Col key);

    /** Runs a query and returns its (small) result; values as Long, String, BigDecimal, BigInteger or null. */
    abstract List<Object[]> run(String sql, List<Object> parameters);

    @Override
    public void configure(RowShape shape) {
        for (RowShape.Col k : shape.key()) {
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
        return queries;
    }

    final List<Object[]> query(String sql, List<Object> parameters) {
        queries++;
        return run(sql, parameters);
    }

    /** The digest of the rows a query groups, as an aggregate expression. */
    final String digest(boolean ordered) {
        List<String> order = ordered ? shape().key().stream().map(this::keyExpression).toList() : List.of();
        return canonical().digest(canonical().rowText(shape(), c -> quote(c.name().name())), order);
    }

    @Override
    public long[] integerKeyBounds() {
        String k = keyExpression(shape().key().get(0));
        List<Object[]> r = query("SELECT MIN(" + k + ") AS lo, MAX(" + k + ") AS hi FROM " + table(), List.of());
        Object[] row = r.get(0);
        return row[0] == null ? null : new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    @Override
    public long rowCount() {
        return Values.toLong(query("SELECT COUNT(*) AS n FROM " + table(), List.of()).get(0)[0]);
    }

    /**
     * One query grouping the splits' ranges by child: the child of a row by arithmetic when one
     * integer key is split into equal widths, else by a chain of comparisons; each child's digest
     * joins its rows in key order.
     */
    @Override
    public List<List<Summary>> summarise(List<Split> splits) {
        List<Object> params = new ArrayList<>();
        List<Object> whereParams = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        StringBuilder seg = new StringBuilder(splits.size() == 1 ? "" : "CASE");
        int base = 0;
        for (Split split : splits) {
            if (splits.size() == 1) {
                seg.append(childExpression(split, base, params));
            } else {
                String cond = range(split.parent(), params); // binds before the child's comparisons, in text order
                seg.append(" WHEN ").append(cond.isEmpty() ? "TRUE" : cond).append(" THEN ").append(childExpression(split, base, params));
            }
            String cond = range(split.parent(), whereParams);
            conditions.add(cond.isEmpty() ? "TRUE" : "(" + cond + ")");
            base += split.boundaries().size() + 1;
        }
        if (splits.size() > 1) {
            seg.append(" END");
        }
        params.addAll(whereParams);
        String where = conditions.contains("TRUE") ? "" : " WHERE " + String.join(" OR ", conditions);
        String sql = "SELECT " + seg + " AS seg, COUNT(*) AS n, " + digest(true) + " AS d FROM " + table() + where + " GROUP BY 1";
        return bySplit(collect(query(sql, params), base), splits);
    }

    /** The child number of a row within one split, counting from {@code base}. */
    private String childExpression(Split split, int base, List<Object> params) {
        List<Key> boundaries = split.boundaries();
        if (boundaries.isEmpty()) {
            return String.valueOf(base);
        }
        if (evenlySpaced(split.parent(), boundaries)) {
            long lo = (Long) split.parent().lower().values().get(0);
            long width = (Long) boundaries.get(0).values().get(0) - lo;
            return "(" + base + " + " + canonical().integerDivision("(" + keyExpression(shape().key().get(0)) + " - " + lo + ")", String.valueOf(width)) + ")";
        }
        StringBuilder b = new StringBuilder("CASE");
        for (int i = 0; i < boundaries.size(); i++) {
            b.append(" WHEN ").append(before(boundaries.get(i), params)).append(" THEN ").append(base + i);
        }
        return b.append(" ELSE ").append(base + boundaries.size()).append(" END").toString();
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
        List<Object> params = new ArrayList<>();
        String where = range(range, params);
        String keys = keyColumns();
        String sql = "SELECT " + keys + " FROM (SELECT " + keys + ", ROW_NUMBER() OVER (ORDER BY " + keyOrder() + ") AS rn FROM "
                + table() + (where.isEmpty() ? "" : " WHERE " + where) + ") x WHERE rn > 1 AND " + canonical().remainder("(rn - 1)", String.valueOf(step))
                + " = 0 ORDER BY rn";
        List<Key> out = new ArrayList<>();
        for (Object[] row : query(sql, params)) {
            out.add(key(row, 0));
        }
        return out;
    }

    @Override
    public List<SourceRow> rows(List<KeyRange> ranges) {
        CanonicalText ct = canonical();
        List<String> select = new ArrayList<>();
        Normalisation n = shape().normalisation();
        for (int i = 0; i < shape().columns().size(); i++) {
            RowShape.Col c = shape().columns().get(i);
            select.add(ct.asText(ct.value(quote(c.name().name()), c, n)) + " AS v" + i);
        }
        for (int i = 0; i < shape().columns().size(); i++) {
            RowShape.Col c = shape().columns().get(i);
            select.add(ct.display(quote(c.name().name()), c) + " AS s" + i);
        }
        List<Object> params = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (KeyRange r : ranges) {
            String cond = range(r, params);
            conditions.add(cond.isEmpty() ? "TRUE" : "(" + cond + ")");
        }
        String where = conditions.contains("TRUE") ? "" : String.join(" OR ", conditions);
        String sql = "SELECT " + keyColumns() + (select.isEmpty() ? "" : ", " + String.join(", ", select)) + " FROM " + table()
                + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY " + keyOrder();
        List<SourceRow> out = new ArrayList<>();
        int keys = shape().key().size();
        int columns = shape().columns().size();
        for (Object[] row : query(sql, params)) {
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

    String keyColumns() {
        return String.join(", ", shape().key().stream().map(k -> quote(k.name().name())).toList());
    }

    private String keyOrder() {
        return String.join(", ", shape().key().stream().map(this::keyExpression).toList());
    }

    /** The range as a predicate, or empty for every key. */
    final String range(KeyRange range, List<Object> params) {
        List<String> parts = new ArrayList<>();
        if (range.lower() != null) {
            if (shape().key().size() == 1) {
                params.add(range.lower().values().get(0));
                parts.add("(" + keyExpression(shape().key().get(0)) + " >= ?)"); // plain form, so MySQL ranges on the index
            } else {
                parts.add("NOT " + before(range.lower(), params));
            }
        }
        if (range.upper() != null) {
            parts.add(before(range.upper(), params));
        }
        return String.join(" AND ", parts);
    }

    /** {@code (key columns) < bound}, lexicographically, in binary order; binds the bound's values. */
    final String before(Key bound, List<Object> params) {
        List<RowShape.Col> key = shape().key();
        if (key.size() == 1) {
            params.add(bound.values().get(0));
            return "(" + keyExpression(key.get(0)) + " < ?)";
        }
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            StringBuilder b = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                b.append(keyExpression(key.get(j))).append(" = ? AND ");
                params.add(bound.values().get(j));
            }
            b.append(keyExpression(key.get(i))).append(" < ?)");
            params.add(bound.values().get(i));
            alternatives.add(b.toString());
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }
}
