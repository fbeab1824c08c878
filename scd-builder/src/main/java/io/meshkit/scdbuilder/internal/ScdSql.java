package io.meshkit.scdbuilder.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.contract.TimeResolution;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The set-based SQL of a type-2 build. Every relation is a {@code SELECT} of the dimension's columns
 * in order ({@link Dimension#allColumns()}), so steps compose: a build reads a base relation (the
 * candidate, production, a rolled-back view of either, or nothing) and a snapshot, and writes a new
 * table. Only portable SQL: FULL OUTER JOIN, CASE, IS DISTINCT FROM, window functions; the row
 * fingerprint and time truncation come from the {@link Dialect}.
 *
 * <p>Applying snapshot D is two statements. {@link #changes} joins the snapshot with the current
 * versions once, comparing the attributes by value (no fingerprint to compute, except for
 * floating-point and JSON columns), and keeps only the keys that changed,
 * with an action: {@code N} open a version (new key, or a key back after a close-mode delete),
 * {@code R} back after a tombstone, {@code C} type-2 change, {@code T} type-1 correction only,
 * {@code D} gone. {@link #build} then streams the base once, joined to that small change set,
 * closing and correcting versions, and appends the opened ones.
 */
public final class ScdSql {
    /** Internal columns; the contract reader forbids nothing with this prefix, so the names are long. */
    static final ColumnName ACTION = ColumnName.of("meshkit_scd_action");
    static final ColumnName FINGERPRINT = ColumnName.of("meshkit_scd_fingerprint");
    static final ColumnName PRESENT = ColumnName.of("meshkit_scd_present");
    /** The column of the staging table holding each row's snapshot date. */
    public static final ColumnName SNAPSHOT_DATE = ColumnName.of("snapshot_date");

    private final Dimension dim;
    private final Dialect dialect;

    /** The SQL of a dimension in a dialect. */
    public ScdSql(Dimension dim, Dialect dialect) {
        this.dim = requireNonNull(dim, "dim is null");
        this.dialect = requireNonNull(dialect, "dialect is null");
    }

    /** The dimension. */
    public Dimension dimension() {
        return dim;
    }

    private String typeName(ColumnName c) {
        return dialect.typeName(dim.type(c));
    }

    private SqlBuilder timestamp(SqlBuilder b, LocalDateTime t) {
        return b.sql("CAST(").bind(t).sql(" AS ").type(Scd2Shape.TIME_TYPE).sql(")");
    }

    private SqlBuilder date(SqlBuilder b, LocalDate d) {
        return b.sql("CAST(").bind(d).sql(" AS ").type(DataType.DATE).sql(")");
    }

    // ---------------------------------------------------------------- relations

    /**
     * A dimension table read as a base: contract columns the table lacks (added to the contract
     * since) are NULL, columns of another type are cast (a retyped column, allowed with a new major
     * contract version), and is_deleted defaults to false when tombstones were switched on.
     *
     * @param table the table
     * @param present the table's columns that exist, with their portable types
     */
    public Sql base(TableId table, Map<ColumnName, DataType> present) {
        SqlBuilder b = dialect.sql().sql("SELECT ");
        b.join(dim.allColumns(), c -> {
            DataType have = present.get(c);
            Optional<ColumnName> old = have == null ? dim.renamedFrom(c).filter(present::containsKey) : Optional.empty();
            if (old.isPresent()) {
                // a declared rename: the old column's values, under the new name
                DataType was = present.get(old.get());
                if (dialect.typeName(was).equals(typeName(c))) {
                    b.id(old.get()).sql(" AS ").id(c);
                } else {
                    b.sql("CAST(").id(old.get()).sql(" AS ").type(dim.type(c)).sql(") AS ").id(c);
                }
            } else if (have == null) {
                if (c.equals(Scd2Shape.IS_DELETED)) {
                    b.sql("FALSE AS ").id(c);
                } else {
                    b.sql("CAST(NULL AS ").type(dim.type(c)).sql(") AS ").id(c);
                }
            } else if (!dialect.typeName(have).equals(typeName(c))) {
                b.sql("CAST(").id(c).sql(" AS ").type(dim.type(c)).sql(") AS ").id(c);
            } else {
                b.id(c);
            }
        });
        return b.sql(" FROM ").table(table).build();
    }

    /** A work table written by this class, whose columns are exactly the dimension's. */
    public Sql work(TableId table) {
        return dialect.sql().sql("SELECT ").ids(dim.allColumns()).sql(" FROM ").table(table).build();
    }

    /** No rows, the dimension's columns: the base of a dimension that does not exist yet. */
    public Sql empty() {
        SqlBuilder b = dialect.sql().sql("SELECT ");
        b.join(dim.allColumns(), c -> b.sql("CAST(NULL AS ").type(dim.type(c)).sql(") AS ").id(c));
        return b.sql(" LIMIT 0").build();
    }

    /**
     * The base as it was before {@code from}: versions opened at or after it are dropped, and the
     * version open at that moment is open again. Type-1 values keep their latest value.
     */
    public Sql rollback(Sql base, LocalDateTime from) {
        return rollback(base, from, Optional.empty());
    }

    /**
     * The base as it was before {@code from}, as {@link #rollback(Sql, LocalDateTime)}; with {@code prior} (see
     * {@link #priorValues}), the type-1 values of each key are the ones of the last staged snapshot before
     * {@code from} that has the key, and so are the {@code fill} columns of the version open again, so that
     * nothing of the snapshots being replayed survives the rollback (a key a corrected snapshot no longer has
     * keeps no value from the retracted one).
     */
    public Sql rollback(Sql base, LocalDateTime from, Optional<Sql> prior) {
        SqlBuilder b = dialect.sql().sql("SELECT ");
        b.join(dim.allColumns(), c -> {
            if (prior.isPresent() && dim.type1().contains(c)) {
                b.sql("CASE WHEN p.").id(PRESENT).sql(" IS NULL THEN r.").id(c).sql(" ELSE p.").id(c).sql(" END AS ").id(c);
            } else if (prior.isPresent() && dim.fill().contains(c)) {
                b.sql("CASE WHEN p.").id(PRESENT).sql(" IS NULL OR NOT r.").id(Scd2Shape.IS_CURRENT).sql(" THEN r.").id(c).sql(" ELSE p.")
                        .id(c).sql(" END AS ").id(c);
            } else {
                b.sql(prior.isPresent() ? "r." : "").id(c);
            }
        });
        Sql rolled = rollbackPlain(base, from);
        if (prior.isEmpty()) {
            return rolled;
        }
        b.sql(" FROM (").append(rolled).sql(") r LEFT JOIN (").append(prior.get()).sql(") p ON ");
        b.join(dim.key(), " AND ", c -> b.sql("r.").id(c).sql(" = p.").id(c));
        return b.build();
    }

    /**
     * The type-1 and {@code fill} values of each key in the last staged snapshot before {@code from} that has
     * the key, with {@code meshkit_scd_present}; for {@link #rollback(Sql, LocalDateTime, Optional)}.
     */
    public Sql priorValues(TableId staging, Map<ColumnName, DataType> stagingColumns, LocalDate from) {
        List<ColumnName> carried = new ArrayList<>(dim.type1());
        carried.addAll(dim.fill());
        SqlBuilder b = dialect.sql().sql("SELECT ").ids(dim.key());
        carried.forEach(c -> b.sql(", ").id(c));
        b.sql(", 1 AS ").id(PRESENT).sql(" FROM (SELECT ");
        b.join(dim.key(), c -> column(b, c, stagingColumns));
        carried.forEach(c -> {
            b.sql(", ");
            column(b, c, stagingColumns);
        });
        b.sql(", ROW_NUMBER() OVER (PARTITION BY ").ids(dim.key()).sql(" ORDER BY ").id(SNAPSHOT_DATE)
                .sql(" DESC) AS meshkit_scd_rn FROM ").table(staging).sql(" WHERE ").id(SNAPSHOT_DATE).sql(" < ");
        date(b, from);
        return b.sql(") s WHERE meshkit_scd_rn = 1").build();
    }

    /** A staging column as the dimension types it: cast where the types differ, NULL where staging lacks it. */
    private void column(SqlBuilder b, ColumnName c, Map<ColumnName, DataType> stagingColumns) {
        DataType have = stagingColumns.get(c);
        if (have == null) {
            b.sql("CAST(NULL AS ").type(dim.type(c)).sql(") AS ").id(c);
        } else if (!dialect.typeName(have).equals(typeName(c))) {
            b.sql("CAST(").id(c).sql(" AS ").type(dim.type(c)).sql(") AS ").id(c);
        } else {
            b.id(c);
        }
    }

    private Sql rollbackPlain(Sql base, LocalDateTime from) {
        SqlBuilder b = dialect.sql().sql("SELECT ");
        b.join(dim.allColumns(), c -> {
            if (c.equals(Scd2Shape.VALID_TO)) {
                b.sql("CASE WHEN ").id(c).sql(" >= ");
                timestamp(b, from).sql(" THEN ");
                timestamp(b, Scd2Shape.FAR_FUTURE).sql(" ELSE ").id(c).sql(" END AS ").id(c);
            } else if (c.equals(Scd2Shape.IS_CURRENT)) {
                b.sql("(").id(Scd2Shape.VALID_TO).sql(" >= ");
                timestamp(b, from).sql(") AS ").id(c);
            } else {
                b.id(c);
            }
        });
        b.sql(" FROM (").append(base).sql(") meshkit_base WHERE ").id(Scd2Shape.VALID_FROM).sql(" < ");
        return timestamp(b, from).build();
    }

    /**
     * The snapshot of one date from a staging table (every row when the table has no snapshot_date
     * column), its columns cast to the contract's types where they differ.
     */
    public Sql snapshot(TableId staging, Map<ColumnName, DataType> stagingColumns, Optional<LocalDate> date) {
        SqlBuilder b = dialect.sql().sql("SELECT ");
        b.join(dim.dataColumns(), c -> column(b, c, stagingColumns));
        b.sql(" FROM ").table(staging);
        date.ifPresent(d -> {
            b.sql(" WHERE ").id(SNAPSHOT_DATE).sql(" = ");
            date(b, d);
        });
        return b.build();
    }

    // ---------------------------------------------------------------- checks

    /**
     * One row about a snapshot's key: {@code meshkit_scd_rows} (rows), {@code meshkit_scd_dup}
     * (keys that occur more than once) and {@code meshkit_scd_null} (rows with a NULL key column).
     */
    public Sql keyStats(Sql snapshot) {
        List<ColumnName> key = dim.key();
        SqlBuilder b = dialect.sql().sql("SELECT COALESCE(SUM(meshkit_scd_n), 0) AS meshkit_scd_rows, COALESCE(SUM(CASE WHEN meshkit_scd_n > 1")
                .sql(" THEN 1 ELSE 0 END), 0) AS meshkit_scd_dup, COALESCE(SUM(CASE WHEN ");
        b.join(key, " OR ", c -> b.id(c).sql(" IS NULL"));
        return b.sql(" THEN meshkit_scd_n ELSE 0 END), 0) AS meshkit_scd_null FROM (SELECT ").ids(key)
                .sql(", COUNT(*) AS meshkit_scd_n FROM (").append(snapshot).sql(") s GROUP BY ").ids(key).sql(") g").build();
    }

    /**
     * Keys of a snapshot that occur more than once or are NULL: up to five of them, each with the
     * number of such keys in the whole snapshot ({@code meshkit_scd_bad}).
     */
    public Sql badKeys(Sql snapshot, List<ColumnName> maskedKeys) {
        List<ColumnName> key = dim.key();
        SqlBuilder b = dialect.sql().sql("SELECT ");
        io.meshkit.core.secret.Masking.of(maskedKeys).project(b, key);
        b.sql(", meshkit_scd_rows, COUNT(*) OVER () AS meshkit_scd_bad FROM (SELECT ").ids(key)
                .sql(", COUNT(*) AS meshkit_scd_rows FROM (").append(snapshot).sql(") s GROUP BY ").ids(key)
                .sql(") g WHERE meshkit_scd_rows > 1");
        for (ColumnName c : key) {
            b.sql(" OR ").id(c).sql(" IS NULL");
        }
        return b.sql(" ORDER BY ").ids(key).sql(" LIMIT 5").build();
    }

    /** The number of rows of a relation. */
    public Sql count(Sql relation) {
        return dialect.sql().sql("SELECT COUNT(*) FROM (").append(relation).sql(") r").build();
    }

    /** The latest opened and the latest closed time of a dimension: the last date it shows a change at. */
    public Sql lastChange(Sql base) {
        SqlBuilder b = dialect.sql().sql("SELECT MAX(").id(Scd2Shape.VALID_FROM).sql(") AS last_from, MAX(CASE WHEN ")
                .id(Scd2Shape.VALID_TO).sql(" < ");
        timestamp(b, Scd2Shape.FAR_FUTURE).sql(" THEN ").id(Scd2Shape.VALID_TO).sql(" END) AS last_to FROM (").append(base)
                .sql(") b");
        return b.build();
    }

    /** The distinct snapshot dates of a staging table at or after {@code from}, in order. */
    public Sql stagedDates(TableId staging, Optional<LocalDate> from) {
        SqlBuilder b = dialect.sql().sql("SELECT DISTINCT ").id(SNAPSHOT_DATE).sql(" FROM ").table(staging);
        from.ifPresent(d -> {
            b.sql(" WHERE ").id(SNAPSHOT_DATE).sql(" >= ");
            date(b, d);
        });
        return b.sql(" ORDER BY ").id(SNAPSHOT_DATE).build();
    }

    // ---------------------------------------------------------------- apply a snapshot

    /**
     * The keys that change when {@code snapshot} is applied to {@code base}: one row per key with
     * its action, and the attribute values the new versions take (the snapshot's; for a deleted key
     * the current version's, which a tombstone copies).
     */
    public Sql changes(Sql snapshot, Sql base) {
        List<ColumnName> key = dim.key();
        SqlBuilder b = dialect.sql().sql("SELECT * FROM (SELECT ");
        b.join(key, c -> b.sql("COALESCE(s.").id(c).sql(", c.").id(c).sql(") AS ").id(c));
        b.sql(", CASE WHEN c.").id(PRESENT).sql(" IS NULL THEN 'N' WHEN s.").id(PRESENT).sql(" IS NULL THEN ");
        if (dim.tombstones()) {
            // Z: a tombstoned key still absent, kept (no-op) so the duplicate check can count matched keys
            b.sql("CASE WHEN c.").id(Scd2Shape.IS_DELETED).sql(" THEN 'Z' ELSE 'D' END WHEN c.").id(Scd2Shape.IS_DELETED)
                    .sql(" THEN 'R'");
        } else {
            b.sql("'D'");
        }
        if (!dim.type2().isEmpty()) {
            b.sql(" WHEN ");
            List<ColumnName> byValue = type2ByValue();
            b.join(byValue, " OR ", c -> {
                if (dim.fill().contains(c)) {
                    // NULL to a value fills the current version (below); any other change opens a version
                    b.sql("(s.").id(c).sql(" IS DISTINCT FROM c.").id(c).sql(" AND c.").id(c).sql(" IS NOT NULL)");
                } else {
                    b.sql("s.").id(c).sql(" IS DISTINCT FROM c.").id(c);
                }
            });
            if (byValue.size() < dim.type2().size()) {
                b.sql(byValue.isEmpty() ? "" : " OR ").sql("s.").id(FINGERPRINT).sql(" <> c.").id(FINGERPRINT);
            }
            b.sql(" THEN 'C'");
        }
        if (!dim.type1().isEmpty() || !dim.fill().isEmpty()) {
            b.sql(" WHEN ");
            b.join(dim.type1(), " OR ", c -> b.sql("s.").id(c).sql(" IS DISTINCT FROM c.").id(c));
            b.sql(!dim.type1().isEmpty() && !dim.fill().isEmpty() ? " OR " : "");
            b.join(dim.fill(), " OR ", c -> b.sql("(c.").id(c).sql(" IS NULL AND s.").id(c).sql(" IS NOT NULL)"));
            b.sql(" THEN 'T'");
        }
        b.sql(" END AS ").id(ACTION);
        for (ColumnName a : dim.type1()) {
            b.sql(", s.").id(a); // the new type-1 values; the other attributes are read again for opened keys only
        }
        for (ColumnName a : dim.fill()) {
            b.sql(", s.").id(a); // the first values of fill columns, written into the current version
        }
        b.sql(" FROM (SELECT ").ids(dim.key());
        compared(b);
        b.sql(", 1 AS ").id(PRESENT).sql(" FROM (").append(snapshot).sql(") s0) s FULL OUTER JOIN (SELECT ").ids(dim.key());
        compared(b);
        if (dim.tombstones()) {
            b.sql(", ").id(Scd2Shape.IS_DELETED);
        }
        b.sql(", 1 AS ").id(PRESENT).sql(" FROM (").append(base).sql(") c0 WHERE ").id(Scd2Shape.IS_CURRENT).sql(") c ON ");
        b.join(key, " AND ", c -> b.sql("s.").id(c).sql(" = c.").id(c));
        return b.sql(") x WHERE ").id(ACTION).sql(" IS NOT NULL").build();
    }

    /**
     * The columns each side of the change join carries to compare: the type-1 columns, the type-2
     * columns compared by value, and one fingerprint of the other type-2 columns, if any.
     */
    private void compared(SqlBuilder b) {
        for (ColumnName t1 : dim.type1()) {
            b.sql(", ").id(t1);
        }
        List<ColumnName> byValue = type2ByValue();
        for (ColumnName t2 : byValue) {
            b.sql(", ").id(t2);
        }
        List<ColumnName> rest = dim.type2().stream().filter(c -> !byValue.contains(c)).toList();
        if (!rest.isEmpty()) {
            b.sql(", ").append(dialect.rowFingerprint(rest)).sql(" AS ").id(FINGERPRINT);
        }
    }

    /**
     * The type-2 columns the change join compares by value ({@code IS DISTINCT FROM}): every one but
     * floating-point, JSON and nested columns, where value and text equality differ (-0.0 and 0.0, NaN) or
     * that some warehouses cannot compare (JSON, structs and lists); those are compared by
     * {@link Dialect#rowFingerprint} as before. Comparing values needs no hashing: an MD5 of each
     * side's columns costs more than the join itself.
     */
    private List<ColumnName> type2ByValue() {
        return dim.type2().stream().filter(c -> dim.fill().contains(c) || switch (dim.type(c).kind()) {
            case REAL, DOUBLE, JSON, STRUCT, ARRAY, MAP -> false; // nested values compare as a whole, by fingerprint
            default -> true;
        }).toList();
    }

    private void fingerprint(SqlBuilder b) {
        if (!dim.type2().isEmpty()) {
            b.sql(", ").append(dialect.rowFingerprint(dim.type2())).sql(" AS ").id(FINGERPRINT);
        }
    }

    /** The number of current versions of a base. */
    public Sql currentCount(Sql base) {
        return dialect.sql().sql("SELECT COUNT(*) FROM (").append(base).sql(") b WHERE ").id(Scd2Shape.IS_CURRENT).build();
    }

    /** Keys of a change table that are NULL or occur more than once (a duplicate new key of the snapshot). */
    public Sql badChangeKeys(TableId changes) {
        SqlBuilder b = dialect.sql().sql("SELECT COUNT(*) FROM (SELECT ").ids(dim.key()).sql(" FROM ").table(changes).sql(" GROUP BY ")
                .ids(dim.key()).sql(" HAVING COUNT(*) > 1");
        for (ColumnName c : dim.key()) {
            b.sql(" OR ").id(c).sql(" IS NULL");
        }
        return b.sql(") d").build();
    }

    /** The number of changed keys by action: rows {@code (meshkit_scd_action, n)}. */
    public Sql actionCounts(TableId changes) {
        return dialect.sql().sql("SELECT ").id(ACTION).sql(", COUNT(*) AS n FROM ").table(changes).sql(" GROUP BY ").id(ACTION).build();
    }

    /**
     * The dimension after applying the changes at time {@code at}, first part: the base streamed
     * once, joined to the small change set, its current versions closed where the key changed or
     * went, type-1 attributes overwritten in every version of a key that is present. The opened
     * versions follow with {@link #opened} (appended, so that this statement is a plain scan).
     */
    public Sql build(Sql base, TableId changes, LocalDateTime at) {
        List<ColumnName> key = dim.key();
        SqlBuilder b = dialect.sql().sql("SELECT ");
        b.join(dim.allColumns(), c -> {
            if (dim.type1().contains(c)) {
                b.sql("CASE WHEN x.").id(ACTION).sql(" IN ('N', 'R', 'C', 'T') THEN x.").id(c).sql(" ELSE b.").id(c)
                        .sql(" END AS ").id(c);
            } else if (dim.fill().contains(c)) {
                b.sql("CASE WHEN b.").id(Scd2Shape.IS_CURRENT).sql(" AND x.").id(ACTION).sql(" = 'T' AND b.").id(c)
                        .sql(" IS NULL THEN x.").id(c).sql(" ELSE b.").id(c).sql(" END AS ").id(c);
            } else if (c.equals(Scd2Shape.VALID_TO)) {
                b.sql("CASE WHEN b.").id(Scd2Shape.IS_CURRENT).sql(" AND x.").id(ACTION).sql(" IN ('R', 'C', 'D') THEN ");
                timestamp(b, at).sql(" ELSE b.").id(c).sql(" END AS ").id(c);
            } else if (c.equals(Scd2Shape.IS_CURRENT)) {
                b.sql("CASE WHEN b.").id(c).sql(" AND x.").id(ACTION).sql(" IN ('R', 'C', 'D') THEN FALSE ELSE b.").id(c)
                        .sql(" END AS ").id(c);
            } else {
                b.sql("b.").id(c);
            }
        });
        b.sql(" FROM (").append(base).sql(") b LEFT JOIN ").table(changes).sql(" x ON ");
        b.join(key, " AND ", c -> b.sql("b.").id(c).sql(" = x.").id(c));
        return b.build();
    }

    /**
     * The versions opened at {@code at}, to append to {@link #build}: one per new, changed or
     * returning key, and with tombstones one per deleted key, copying the version it closes (read
     * from the base, joined to the deleted keys).
     */
    public Sql opened(Sql base, Sql snapshot, TableId changes, LocalDateTime at) {
        SqlBuilder b = dialect.sql().sql("SELECT ");
        b.join(dim.dataColumns(), c -> b.sql("s.").id(c));
        b.sql(", ");
        timestamp(b, at).sql(", ");
        timestamp(b, Scd2Shape.FAR_FUTURE).sql(", TRUE");
        if (dim.tombstones()) {
            b.sql(", FALSE");
        }
        b.sql(" FROM (").append(snapshot).sql(") s JOIN ").table(changes).sql(" x ON ");
        b.join(dim.key(), " AND ", c -> b.sql("s.").id(c).sql(" = x.").id(c));
        b.sql(" WHERE x.").id(ACTION).sql(" IN ('N', 'R', 'C')");
        if (dim.tombstones()) {
            b.sql(" UNION ALL SELECT ");
            b.join(dim.dataColumns(), c -> b.sql("b.").id(c)); // a deleted key keeps its values
            b.sql(", ");
            timestamp(b, at).sql(", ");
            timestamp(b, Scd2Shape.FAR_FUTURE).sql(", TRUE, TRUE FROM (").append(base).sql(") b JOIN ").table(changes).sql(" x ON ");
            b.join(dim.key(), " AND ", c -> b.sql("b.").id(c).sql(" = x.").id(c));
            b.sql(" WHERE b.").id(Scd2Shape.IS_CURRENT).sql(" AND x.").id(ACTION).sql(" = 'D'");
        }
        return b.build();
    }

    // ---------------------------------------------------------------- events

    /**
     * The dimension rolled up from change events: events truncated to the time resolution, the
     * last of each key and period kept, then a version per change of the type-2 fingerprint, a
     * close (or tombstone) per delete, type-1 attributes from each key's latest non-delete event.
     *
     * @param events the events relation: key and attribute columns, {@code meshkit_scd_period}
     *     (truncated time), {@code meshkit_scd_time} and {@code meshkit_scd_deleted}
     */
    public Sql rollup(Sql events) {
        List<ColumnName> key = dim.key();
        SqlBuilder b = dialect.sql();
        // last event of each key and period
        SqlBuilder last = dialect.sql().sql("SELECT * FROM (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY ").ids(key)
                .sql(", meshkit_scd_period ORDER BY meshkit_scd_time DESC, meshkit_scd_deleted DESC) AS meshkit_scd_rn FROM (")
                .append(events).sql(") e) l WHERE meshkit_scd_rn = 1");
        Sql lastSql = last.build();
        // compare each with the previous event of the key: keep changes only
        SqlBuilder seq = dialect.sql().sql("SELECT l.*");
        fingerprint(seq);
        Sql fp = seq.sql(" FROM (").append(lastSql).sql(") l").build();
        SqlBuilder lagged = dialect.sql().sql("SELECT f.*, LAG(");
        if (dim.type2().isEmpty()) {
            lagged.sql("0");
        } else {
            lagged.id(FINGERPRINT);
        }
        lagged.sql(") OVER (PARTITION BY ").ids(key).sql(" ORDER BY meshkit_scd_period) AS meshkit_scd_prev_fp, LAG(meshkit_scd_deleted) OVER (PARTITION BY ")
                .ids(key).sql(" ORDER BY meshkit_scd_period) AS meshkit_scd_prev_deleted FROM (").append(fp).sql(") f");
        SqlBuilder kept = dialect.sql().sql("SELECT * FROM (").append(lagged.build()).sql(") g WHERE CASE WHEN meshkit_scd_deleted")
                .sql(" THEN meshkit_scd_prev_deleted IS NOT NULL AND NOT meshkit_scd_prev_deleted")
                .sql(" ELSE meshkit_scd_prev_deleted IS NULL OR meshkit_scd_prev_deleted");
        if (!dim.type2().isEmpty()) {
            kept.sql(" OR meshkit_scd_prev_fp <> ").id(FINGERPRINT);
        }
        kept.sql(" END");
        // versions: each kept event until the next; a tombstone copies the version it ends
        SqlBuilder versions = dialect.sql().sql("SELECT ").ids(key);
        for (ColumnName a : dim.attributes()) {
            versions.sql(", CASE WHEN meshkit_scd_deleted THEN LAG(").id(a).sql(") OVER (PARTITION BY ").ids(key)
                    .sql(" ORDER BY meshkit_scd_period) ELSE ").id(a).sql(" END AS ").id(a);
        }
        versions.sql(", meshkit_scd_period, LEAD(meshkit_scd_period) OVER (PARTITION BY ").ids(key)
                .sql(" ORDER BY meshkit_scd_period) AS meshkit_scd_next, meshkit_scd_deleted FROM (").append(kept.build()).sql(") k");
        // type-1 values: the latest non-delete event of each key, whether or not it opened a version
        SqlBuilder latest = dialect.sql().sql("SELECT * FROM (SELECT ").ids(key);
        for (ColumnName a : dim.type1()) {
            latest.sql(", ").id(a);
        }
        latest.sql(", ROW_NUMBER() OVER (PARTITION BY ").ids(key).sql(" ORDER BY meshkit_scd_period DESC) AS meshkit_scd_rn2 FROM (")
                .append(lastSql).sql(") l2 WHERE NOT meshkit_scd_deleted) t WHERE meshkit_scd_rn2 = 1");

        b.sql("SELECT ");
        b.join(dim.allColumns(), c -> {
            if (dim.key().contains(c)) {
                b.sql("v.").id(c);
            } else if (dim.type1().contains(c)) {
                b.sql("t.").id(c);
            } else if (c.equals(Scd2Shape.VALID_FROM)) {
                b.sql("v.meshkit_scd_period AS ").id(c);
            } else if (c.equals(Scd2Shape.VALID_TO)) {
                b.sql("COALESCE(v.meshkit_scd_next, ");
                timestamp(b, Scd2Shape.FAR_FUTURE).sql(") AS ").id(c);
            } else if (c.equals(Scd2Shape.IS_CURRENT)) {
                b.sql("(v.meshkit_scd_next IS NULL) AS ").id(c);
            } else if (c.equals(Scd2Shape.IS_DELETED)) {
                b.sql("v.meshkit_scd_deleted AS ").id(c);
            } else {
                // cast back to the contract's type: through LAG, an engine may keep numeric but not its (12,2)
                b.sql("CAST(v.").id(c).sql(" AS ").type(dim.type(c)).sql(") AS ").id(c);
            }
        });
        b.sql(" FROM (").append(versions.build()).sql(") v LEFT JOIN (").append(latest.build()).sql(") t ON ");
        b.join(key, " AND ", c -> b.sql("v.").id(c).sql(" = t.").id(c));
        if (!dim.tombstones()) {
            b.sql(" WHERE NOT v.meshkit_scd_deleted");
        }
        return b.build();
    }

    /**
     * The events relation {@link #rollup} reads, from an events table; restricted to the keys of
     * {@code onlyKeys} when given (a relation of key columns).
     */
    public Sql events(TableId table, Map<ColumnName, DataType> columns, ColumnName op, ColumnName time, TimeResolution resolution,
            Optional<Sql> onlyKeys) {
        SqlBuilder b = dialect.sql().sql("SELECT ");
        b.join(dim.dataColumns(), c -> {
            DataType have = columns.get(c);
            if (have == null) {
                b.sql("CAST(NULL AS ").type(dim.type(c)).sql(") AS ").id(c);
            } else if (!dialect.typeName(have).equals(typeName(c))) {
                b.sql("CAST(e.").id(c).sql(" AS ").type(dim.type(c)).sql(") AS ").id(c);
            } else {
                b.sql("e.").id(c);
            }
        });
        Sql timeExpr = dialect.cast(dialect.sql().sql("e.").id(time).build(), Scd2Shape.TIME_TYPE);
        b.sql(", ").append(dialect.truncateTime(timeExpr, resolution)).sql(" AS meshkit_scd_period, ").append(timeExpr)
                .sql(" AS meshkit_scd_time, (LOWER(e.").id(op).sql(") = 'delete') AS meshkit_scd_deleted FROM ").table(table).sql(" e");
        onlyKeys.ifPresent(keys -> {
            b.sql(" WHERE EXISTS (SELECT 1 FROM (").append(keys).sql(") k WHERE ");
            b.join(dim.key(), " AND ", c -> b.sql("k.").id(c).sql(" = e.").id(c));
            b.sql(")");
        });
        return b.build();
    }

    /** Events whose operation is not create, update or delete, or whose time or key is NULL. */
    public Sql invalidEvents(TableId table, ColumnName op, ColumnName time) {
        SqlBuilder b = dialect.sql().sql("SELECT COUNT(*) FROM ").table(table).sql(" WHERE ").id(op).sql(" IS NULL OR LOWER(").id(op)
                .sql(") NOT IN ('create', 'update', 'delete') OR ").id(time).sql(" IS NULL");
        for (ColumnName c : dim.key()) {
            b.sql(" OR ").id(c).sql(" IS NULL");
        }
        return b.build();
    }

    /** The keys with events loaded after {@code since}, and the number of those events that are late. */
    public Sql arrivedKeys(TableId table, ColumnName arrival, LocalDateTime since) {
        SqlBuilder b = dialect.sql().sql("SELECT DISTINCT ").ids(dim.key()).sql(" FROM ").table(table).sql(" WHERE ").id(arrival).sql(" > ");
        return timestamp(b, since).build();
    }

    /** Events loaded after {@code since} (all events when empty): count, late count, last event time, last arrival. */
    public Sql eventStats(TableId table, ColumnName time, Optional<ColumnName> arrival, Optional<LocalDateTime> since,
            Optional<LocalDateTime> appliedThrough) {
        SqlBuilder b = dialect.sql().sql("SELECT COUNT(*) AS n, ");
        if (appliedThrough.isPresent()) {
            b.sql("SUM(CASE WHEN ").id(time).sql(" <= ");
            timestamp(b, appliedThrough.get()).sql(" THEN 1 ELSE 0 END)");
        } else {
            b.sql("0");
        }
        b.sql(" AS late, MAX(").id(time).sql(") AS last_time, ");
        if (arrival.isPresent()) {
            b.sql("MAX(").id(arrival.get()).sql(")");
        } else {
            b.sql("CAST(NULL AS ").type(Scd2Shape.TIME_TYPE).sql(")");
        }
        b.sql(" AS last_arrival FROM ").table(table);
        if (arrival.isPresent() && since.isPresent()) {
            b.sql(" WHERE ").id(arrival.get()).sql(" > ");
            timestamp(b, since.get());
        }
        return b.build();
    }

    /**
     * The base without the keys of {@code keys}, plus {@code rebuilt}: an incremental events build.
     */
    public Sql replaceKeys(Sql base, Sql keys, Sql rebuilt) {
        SqlBuilder b = dialect.sql().sql("SELECT b.* FROM (").append(base).sql(") b WHERE NOT EXISTS (SELECT 1 FROM (").append(keys)
                .sql(") k WHERE ");
        b.join(dim.key(), " AND ", c -> b.sql("k.").id(c).sql(" = b.").id(c));
        return b.sql(") UNION ALL ").append(rebuilt).build();
    }

    // ---------------------------------------------------------------- as of

    /**
     * The dimension as of time {@code at}: the contract's columns of the version valid then, with
     * its validity; deleted keys (tombstones) left out unless {@code withDeleted}.
     */
    public Sql asOf(Sql dimension, LocalDateTime at, boolean withDeleted) {
        SqlBuilder b = dialect.sql().sql("SELECT ").ids(dim.dataColumns()).sql(", ").id(Scd2Shape.VALID_FROM).sql(", ")
                .id(Scd2Shape.VALID_TO);
        if (dim.tombstones() && withDeleted) {
            b.sql(", ").id(Scd2Shape.IS_DELETED);
        }
        b.sql(" FROM (").append(dimension).sql(") d WHERE ").id(Scd2Shape.VALID_FROM).sql(" <= ");
        timestamp(b, at).sql(" AND ");
        timestamp(b, at).sql(" < ").id(Scd2Shape.VALID_TO);
        if (dim.tombstones() && !withDeleted) {
            b.sql(" AND NOT ").id(Scd2Shape.IS_DELETED);
        }
        return b.sql(" ORDER BY ").ids(dim.key()).build();
    }

    /** Names for messages. */
    static String names(List<ColumnName> columns) {
        List<String> n = new ArrayList<>();
        columns.forEach(c -> n.add(c.name()));
        return String.join(", ", n);
    }
}
