package io.meshkit.monitor.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.monitor.api.AlertKind;
import io.meshkit.monitor.api.Snooze;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The monitor's own tables in {@code meshkit_meta}, created on first use: {@code monitor_state}
 * (what each dataset's owners were told; a row only for datasets not in the initial state),
 * {@code monitor_outbox} (one row per alert and sink, delivered or not) and {@code monitor_snoozes}.
 * Plain portable SQL over the Warehouse SPI, values bound.
 */
public final class StateStore {
    /** What each dataset's owners were told. */
    public static final TableId STATE = Namespace.META.table("monitor_state");
    /** Alerts per sink, with their delivery. */
    public static final TableId OUTBOX = Namespace.META.table("monitor_outbox");
    /** Snoozed datasets. */
    public static final TableId SNOOZES = Namespace.META.table("monitor_snoozes");

    private static final int CHUNK = 500;

    private final Warehouse warehouse;
    private final Dialect dialect;
    private volatile boolean initialised;

    public StateStore(Warehouse warehouse) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.dialect = warehouse.dialect();
    }

    /** Creates the tables if missing. */
    public synchronized void initialise() {
        if (initialised) {
            return;
        }
        warehouse.createNamespace(Namespace.META);
        warehouse.execute(dialect.createTableIfNotExists(STATE, List.of(col("dataset", DataType.VARCHAR, false),
                col("failing", DataType.BOOLEAN, false), col("late", DataType.BOOLEAN, false), col("last_alert_at", DataType.TIMESTAMP, true),
                col("warned_run_id", DataType.VARCHAR, true), col("updated_at", DataType.TIMESTAMP, false))));
        warehouse.execute(dialect.createTableIfNotExists(OUTBOX, List.of(col("alert_id", DataType.VARCHAR, false),
                col("sink", DataType.VARCHAR, false), col("dataset", DataType.VARCHAR, false), col("kind", DataType.VARCHAR, false),
                col("fired_at", DataType.TIMESTAMP, false), col("payload", DataType.VARCHAR, false), col("attempts", DataType.BIGINT, false),
                col("last_error", DataType.VARCHAR, true), col("delivered_at", DataType.TIMESTAMP, true))));
        warehouse.execute(dialect.createTableIfNotExists(SNOOZES, List.of(col("dataset", DataType.VARCHAR, false),
                col("until_at", DataType.TIMESTAMP, false), col("created_at", DataType.TIMESTAMP, false),
                col("reason", DataType.VARCHAR, true))));
        initialised = true;
    }

    /** Every stored told state (datasets not in the initial state), by dataset. */
    Map<String, NotifiedState> states() {
        initialise();
        Map<String, NotifiedState> out = new HashMap<>();
        query(dialect.sql().sql("SELECT dataset, failing, late, last_alert_at, warned_run_id FROM ").table(STATE), r -> {
            NotifiedState s = new NotifiedState(r.getString("dataset"), r.getBoolean("failing"), r.getBoolean("late"),
                    Optional.ofNullable(r.get("last_alert_at")).map(StateStore::instant), Optional.ofNullable(r.getString("warned_run_id")));
            out.put(s.dataset(), s);
            return null;
        });
        return out;
    }

    /**
     * Records new alerts (one outbox row per alert and sink, skipped if the same alert id is already
     * there for that sink) and the changed told states, in one transaction where the warehouse has them.
     * The outbox is written first: a crash in between raises the same alert ids again, which are skipped.
     */
    void record(List<OutboxEntry> entries, Collection<NotifiedState> changed, Instant now) {
        initialise();
        Function<Warehouse, Void> work = w -> {
            for (OutboxEntry e : entries) {
                w.execute(dialect.sql().sql("INSERT INTO ").table(OUTBOX)
                        .sql(" (alert_id, sink, dataset, kind, fired_at, payload, attempts) SELECT ")
                        .binds(List.of(e.alertId(), e.sink(), e.dataset(), e.kind().name(), utc(e.firedAt()), e.payload(), 0L))
                        .sql(" WHERE NOT EXISTS (SELECT 1 FROM ").table(OUTBOX).sql(" WHERE alert_id = ").bind(e.alertId())
                        .sql(" AND sink = ").bind(e.sink()).sql(")").build());
            }
            List<NotifiedState> list = new ArrayList<>(changed);
            for (int i = 0; i < list.size(); i += CHUNK) {
                List<NotifiedState> chunk = list.subList(i, Math.min(list.size(), i + CHUNK));
                SqlBuilder del = dialect.sql().sql("DELETE FROM ").table(STATE).sql(" WHERE dataset IN (");
                del.join(chunk, s -> del.bind(s.dataset()));
                w.execute(del.sql(")").build());
                List<NotifiedState> kept = chunk.stream().filter(s -> !s.isInitial()).toList();
                if (!kept.isEmpty()) {
                    SqlBuilder ins = dialect.sql().sql("INSERT INTO ").table(STATE)
                            .sql(" (dataset, failing, late, last_alert_at, warned_run_id, updated_at) VALUES ");
                    ins.join(kept, s -> ins.sql("(").binds(java.util.Arrays.asList(s.dataset(), s.failing(), s.late(),
                            s.lastAlertAt().map(StateStore::utc).orElse(null), s.warnedRunId().orElse(null), utc(now))).sql(")"));
                    w.execute(ins.build());
                }
            }
            return null;
        };
        if (warehouse instanceof SupportsTransactions tx) {
            tx.inTransaction(work);
        } else {
            work.apply(warehouse);
        }
    }

    /** The undelivered outbox rows, oldest first. */
    List<OutboxEntry> pending() {
        initialise();
        List<OutboxEntry> out = new ArrayList<>();
        query(dialect.sql().sql("SELECT alert_id, sink, dataset, kind, fired_at, payload, attempts FROM ").table(OUTBOX)
                .sql(" WHERE delivered_at IS NULL ORDER BY fired_at, dataset, alert_id, sink"), r -> {
                    out.add(new OutboxEntry(r.getString("alert_id"), r.getString("sink"), r.getString("dataset"),
                            AlertKind.valueOf(r.getString("kind")), instant(r.get("fired_at")), r.getString("payload"), r.getLong("attempts")));
                    return null;
                });
        return out;
    }

    /** How many outbox rows are undelivered. */
    int pendingCount() {
        initialise();
        int[] n = {0};
        query(dialect.sql().sql("SELECT COUNT(*) AS n FROM ").table(OUTBOX).sql(" WHERE delivered_at IS NULL"), r -> {
            n[0] = r.getLong("n").intValue();
            return null;
        });
        return n[0];
    }

    /** Marks a delivery done: only after the sink accepted it. */
    void delivered(OutboxEntry e, long attempts, Instant at) {
        warehouse.execute(dialect.sql().sql("UPDATE ").table(OUTBOX).sql(" SET delivered_at = ").bind(utc(at))
                .sql(", attempts = ").bind(attempts).sql(", last_error = NULL WHERE alert_id = ").bind(e.alertId())
                .sql(" AND sink = ").bind(e.sink()).build());
    }

    /** Records a failed delivery; it stays pending. */
    void failed(OutboxEntry e, long attempts, String safeError) {
        warehouse.execute(dialect.sql().sql("UPDATE ").table(OUTBOX).sql(" SET attempts = ").bind(attempts)
                .sql(", last_error = ").bind(safeError).sql(" WHERE alert_id = ").bind(e.alertId())
                .sql(" AND sink = ").bind(e.sink()).build());
    }

    /** Every snooze, by dataset (including ended ones not yet removed). */
    Map<String, Snooze> snoozes() {
        initialise();
        Map<String, Snooze> out = new HashMap<>();
        query(dialect.sql().sql("SELECT dataset, until_at, created_at, reason FROM ").table(SNOOZES), r -> {
            out.put(r.getString("dataset"), new Snooze(r.getString("dataset"), instant(r.get("until_at")), instant(r.get("created_at")),
                    Optional.ofNullable(r.getString("reason"))));
            return null;
        });
        return out;
    }

    /** Sets (or replaces) a dataset's snooze. */
    void snooze(Snooze s) {
        initialise();
        Function<Warehouse, Void> work = w -> {
            w.execute(dialect.sql().sql("DELETE FROM ").table(SNOOZES).sql(" WHERE dataset = ").bind(s.dataset()).build());
            w.execute(dialect.sql().sql("INSERT INTO ").table(SNOOZES).sql(" (dataset, until_at, created_at, reason) VALUES (")
                    .binds(java.util.Arrays.asList(s.dataset(), utc(s.until()), utc(s.createdAt()), s.reason().orElse(null))).sql(")").build());
            return null;
        };
        if (warehouse instanceof SupportsTransactions tx) {
            tx.inTransaction(work);
        } else {
            work.apply(warehouse);
        }
    }

    /** Removes a dataset's snooze; returns whether there was one. */
    boolean unsnooze(String dataset) {
        initialise();
        var stats = warehouse.execute(dialect.sql().sql("DELETE FROM ").table(SNOOZES).sql(" WHERE dataset = ").bind(dataset).build());
        return stats.rowsAffected().orElse(0) > 0;
    }

    private void query(SqlBuilder sql, Function<Row, Void> each) {
        try (ResultRows rows = warehouse.query(sql.build())) {
            for (Row r : rows) {
                each.apply(r);
            }
        }
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(Object timestamp) {
        if (timestamp instanceof Instant i) {
            return i;
        }
        return ((LocalDateTime) timestamp).toInstant(ZoneOffset.UTC);
    }

    private static ColumnInfo col(String name, DataType type, boolean nullable) {
        return new ColumnInfo(ColumnName.of(name), type, type.toString(), nullable);
    }

    /**
     * One alert for one sink.
     *
     * @param payload the alert as JSON (what the sink is sent is rebuilt from it)
     * @param attempts delivery attempts so far
     */
    record OutboxEntry(String alertId, String sink, String dataset, AlertKind kind, Instant firedAt, String payload, long attempts) {}
}
