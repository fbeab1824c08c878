package io.meshkit.differ.internal;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.type.DataType;
import io.meshkit.differ.api.Normalisation;
import java.math.BigInteger;
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

    /** The integer division operator. */
    abstract String integerDivision();

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

    private List<Object[]> query(String sql, List<Object> parameters) {
        queries++;
        return run(sql, parameters);
    }

    private String rowHash() {
        CanonicalText ct = canonical();
        List<String> pieces = new ArrayList<>();
        for (RowShape.Col k : shape().key()) {
            pieces.add(ct.piece(ct.text(quote(k.name().name()), k.type(), Normalisation.EXACT, -1)));
        }
        for (RowShape.Col c : shape().columns()) {
            pieces.add(ct.piece(ct.text(quote(c.name().name()), c.type(), shape().normalisation(), c.scale())));
        }
        return ct.rowHash(pieces);
    }

    @Override
    public long[] integerKeyBounds() {
        String k = keyExpression(shape().key().get(0));
        List<Object[]> r = query("SELECT MIN(" + k + "), MAX(" + k + ") FROM " + table(), List.of());
        Object[] row = r.get(0);
        return row[0] == null ? null : new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    @Override
    public List<Summary> summarise(KeyRange parent, List<Key> boundaries) {
        List<Object> params = new ArrayList<>();
        String seg;
        if (boundaries.isEmpty()) {
            seg = "0";
        } else if (evenlySpaced(parent, boundaries)) {
            // one integer key split into equal widths: the segment is arithmetic, not a chain of comparisons
            long lo = (Long) parent.lower().values().get(0);
            long width = (Long) boundaries.get(0).values().get(0) - lo;
            String k = keyExpression(shape().key().get(0));
            seg = "((" + k + " - " + lo + ") " + integerDivision() + " " + width + ")";
            if (boundaries.size() + 1 > Integer.MAX_VALUE) {
                throw new IllegalStateException("too many segments");
            }
        } else {
            StringBuilder b = new StringBuilder("CASE");
            for (int i = 0; i < boundaries.size(); i++) {
                b.append(" WHEN ").append(before(boundaries.get(i), params)).append(" THEN ").append(i);
            }
            seg = b.append(" ELSE ").append(boundaries.size()).append(" END").toString();
        }
        String where = range(parent, params);
        String sql = "SELECT seg, COUNT(*), SUM(h) FROM (SELECT " + seg + " AS seg, " + rowHash() + " AS h FROM " + table()
                + (where.isEmpty() ? "" : " WHERE " + where) + ") x GROUP BY seg";
        List<Summary> out = new ArrayList<>();
        for (int i = 0; i <= boundaries.size(); i++) {
            out.add(Summary.EMPTY);
        }
        for (Object[] row : query(sql, params)) {
            int i = (int) ((Number) row[0]).longValue();
            out.set(i, new Summary(((Number) row[1]).longValue(), toBigInteger(row[2])));
        }
        return out;
    }

    private boolean evenlySpaced(KeyRange parent, List<Key> boundaries) {
        if (!shape().singleIntegerKey() || parent.lower() == null) {
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

    private static BigInteger toBigInteger(Object v) {
        if (v == null) {
            return BigInteger.ZERO;
        }
        if (v instanceof BigInteger b) {
            return b;
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.toBigIntegerExact();
        }
        return BigInteger.valueOf(((Number) v).longValue());
    }

    @Override
    public List<Key> boundaries(KeyRange range, long rows, int parts) {
        long step = Math.max(1, (rows + parts - 1) / parts);
        List<Object> params = new ArrayList<>();
        String where = range(range, params);
        String keys = keyColumns();
        String sql = "SELECT " + keys + " FROM (SELECT " + keys + ", ROW_NUMBER() OVER (ORDER BY " + keyOrder() + ") AS rn FROM "
                + table() + (where.isEmpty() ? "" : " WHERE " + where) + ") x WHERE rn > 1 AND (rn - 1) % " + step + " = 0 ORDER BY rn";
        List<Key> out = new ArrayList<>();
        for (Object[] row : query(sql, params)) {
            out.add(key(row, 0));
        }
        return out;
    }

    @Override
    public List<SourceRow> rows(KeyRange range) {
        CanonicalText ct = canonical();
        List<String> select = new ArrayList<>();
        for (RowShape.Col c : shape().columns()) {
            select.add(ct.text(quote(c.name().name()), c.type(), shape().normalisation(), c.scale()));
        }
        List<Object> params = new ArrayList<>();
        String where = range(range, params);
        String sql = "SELECT " + keyColumns() + (select.isEmpty() ? "" : ", " + String.join(", ", select)) + " FROM " + table()
                + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY " + keyOrder();
        List<SourceRow> out = new ArrayList<>();
        int keys = shape().key().size();
        for (Object[] row : query(sql, params)) {
            List<String> texts = new ArrayList<>();
            for (int i = keys; i < row.length; i++) {
                texts.add(row[i] == null ? null : row[i].toString());
            }
            out.add(new SourceRow(key(row, 0), texts));
        }
        return out;
    }

    private Key key(Object[] row, int offset) {
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

    private String keyColumns() {
        return String.join(", ", shape().key().stream().map(k -> quote(k.name().name())).toList());
    }

    private String keyOrder() {
        return String.join(", ", shape().key().stream().map(this::keyExpression).toList());
    }

    /** The range as a predicate, or empty for every key. */
    private String range(KeyRange range, List<Object> params) {
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
    private String before(Key bound, List<Object> params) {
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
