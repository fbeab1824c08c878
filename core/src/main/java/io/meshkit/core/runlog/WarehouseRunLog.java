package io.meshkit.core.runlog;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.Namespace;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The run log kept in the warehouse itself, in namespace {@code meshkit_meta}: tables {@code runs},
 * {@code publications} and {@code leases}, created on first use. Plain SQL over the {@link Warehouse}
 * SPI, so every warehouse has it and users can query it. Every dataset name it is given is recorded
 * and looked up in {@link DatasetKey}'s form (lower case), whichever tool or user gives it.
 *
 * <p>Leases need no unique constraint (BigQuery has none): a taker inserts its row only when no
 * live lease exists, then reads the dataset's live rows back, and holds the lease only if its row
 * is the only one. Two takers cannot both see only their own row (each insert commits before its
 * taker's read), so they never both proceed; takers that inserted at the same moment all withdraw
 * and retry after a random pause, and a taker that finds another's row reports who holds it.
 */
public final class WarehouseRunLog implements RunLog {
    /** The runs table. */
    public static final TableId RUNS = Namespace.META.table("runs");
    /** The publications table. */
    public static final TableId PUBLICATIONS = Namespace.META.table("publications");
    /** The leases table. */
    public static final TableId LEASES = Namespace.META.table("leases");
    /** The process (host, pid, start time) behind each lease and run: a side table, so older run logs need no migration. */
    public static final TableId PROCESSES = Namespace.META.table("processes");
    /** Lease take-overs and unlocks, with who did them. */
    public static final TableId LEASE_EVENTS = Namespace.META.table("lease_events");

    private static final int MAX_LEASE_ATTEMPTS = 20;

    private final Warehouse warehouse;
    private final Dialect dialect;
    private final Clock clock;
    private volatile boolean initialised;

    /** A run log in the given warehouse, with time from the given clock. */
    public WarehouseRunLog(Warehouse warehouse, Clock clock) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.dialect = warehouse.dialect();
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A run log with the system clock. */
    public static WarehouseRunLog of(Warehouse warehouse) {
        return new WarehouseRunLog(warehouse, Clock.systemUTC());
    }

    /**
     * Creates the namespace and tables if they do not exist, and brings a run log written by an older
     * meshkit up to date ({@link MetaSchema}: its dataset names into {@link DatasetKey}'s form). Called
     * on first use.
     */
    public synchronized void initialise() {
        if (initialised) {
            return;
        }
        warehouse.createNamespace(Namespace.META);
        warehouse.execute(dialect.createTableIfNotExists(RUNS, List.of(
                col("run_id", DataType.VARCHAR, false), col("tool", DataType.VARCHAR, false), col("dataset", DataType.VARCHAR, false),
                col("started_at", DataType.TIMESTAMP, false), col("ended_at", DataType.TIMESTAMP, true),
                col("status", DataType.VARCHAR, false), col("row_count", DataType.BIGINT, true),
                col("byte_count", DataType.BIGINT, true), col("message", DataType.VARCHAR, true))));
        warehouse.execute(dialect.createTableIfNotExists(PUBLICATIONS, List.of(
                col("dataset", DataType.VARCHAR, false), col("version", DataType.BIGINT, false),
                col("contract_version", DataType.VARCHAR, false), col("table_namespace", DataType.VARCHAR, false),
                col("table_name", DataType.VARCHAR, false), col("row_count", DataType.BIGINT, false),
                col("checksum", DataType.VARCHAR, false), col("published_at", DataType.TIMESTAMP, false),
                col("published_by", DataType.VARCHAR, false), col("run_id", DataType.VARCHAR, false))));
        warehouse.execute(dialect.createTableIfNotExists(LEASES, List.of(
                col("dataset", DataType.VARCHAR, false), col("lease_id", DataType.VARCHAR, false),
                col("holder", DataType.VARCHAR, false), col("acquired_at", DataType.TIMESTAMP, false),
                col("expires_at", DataType.TIMESTAMP, false))));
        warehouse.execute(dialect.createTableIfNotExists(PROCESSES, List.of(
                col("id", DataType.VARCHAR, false), col("kind", DataType.VARCHAR, false), col("host", DataType.VARCHAR, false),
                col("pid", DataType.BIGINT, false), col("process_started_at", DataType.TIMESTAMP, true))));
        warehouse.execute(dialect.createTableIfNotExists(LEASE_EVENTS, List.of(
                col("dataset", DataType.VARCHAR, false), col("event_at", DataType.TIMESTAMP, false), col("event", DataType.VARCHAR, false),
                col("holder", DataType.VARCHAR, false), col("actor", DataType.VARCHAR, false), col("message", DataType.VARCHAR, false))));
        MetaSchema.migrate(warehouse, clock, "run_log", List.of(new MetaSchema.Migration(1,
                "dataset names in lower case (DatasetKey): scd-builder and ingest recorded the production table as the contract spells it",
                List.of(DatasetKey.canonicalise(dialect, RUNS), DatasetKey.canonicalise(dialect, PUBLICATIONS),
                        DatasetKey.canonicalise(dialect, LEASES), DatasetKey.canonicalise(dialect, LEASE_EVENTS)))));
        initialised = true;
    }

    private void ensure() {
        if (!initialised) {
            initialise();
        }
    }

    @Override
    public RunRecord startRun(String tool, String name) {
        ensure();
        String dataset = DatasetKey.of(name);
        closeKilledRuns(dataset);
        RunRecord run = new RunRecord(UUID.randomUUID().toString(), tool, dataset, now(), Optional.empty(), RunStatus.RUNNING,
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
        warehouse.execute(dialect.sql().sql("INSERT INTO ").table(RUNS)
                .sql(" (run_id, tool, dataset, started_at, status) VALUES (")
                .bind(run.runId()).sql(", ").bind(tool).sql(", ").bind(dataset).sql(", ").bind(utc(run.startedAt()))
                .sql(", ").bind(run.status().name()).sql(")").build());
        recordProcess(run.runId(), "run");
        return run;
    }

    private void recordProcess(String id, String kind) {
        HolderProcess me = HolderProcess.current();
        warehouse.execute(dialect.sql().sql("INSERT INTO ").table(PROCESSES).sql(" (id, kind, host, pid, process_started_at) VALUES (")
                .binds(java.util.Arrays.asList(id, kind, me.host(), me.pid(), me.startedAt().map(WarehouseRunLog::utc).orElse(null)))
                .sql(")").build());
    }

    private static Optional<HolderProcess> process(Row r) {
        String host = r.getString("p_host");
        Long pid = r.getLong("p_pid");
        if (host == null || pid == null) {
            return Optional.empty();
        }
        Object started = r.get("p_started");
        return Optional.of(new HolderProcess(host, pid, started == null ? Optional.empty() : Optional.of(instant(started))));
    }

    /**
     * Runs of this dataset left RUNNING by a process on this host that is gone (killed, crashed) are
     * closed as failed, with a message saying they were killed: the monitor then reports them once.
     */
    private void closeKilledRuns(String dataset) {
        List<String[]> killed = list(dialect.sql().sql("SELECT r.run_id, p.host AS p_host, p.pid AS p_pid, p.process_started_at AS p_started FROM ")
                .table(RUNS).sql(" r JOIN ").table(PROCESSES).sql(" p ON p.id = r.run_id WHERE r.dataset = ").bind(dataset)
                .sql(" AND r.status = ").bind(RunStatus.RUNNING.name()).build(),
                r -> process(r).filter(HolderProcess::isGone).map(p -> new String[] {r.getString("run_id"), p.describe()}).orElse(null));
        for (String[] k : killed) {
            if (k == null) {
                continue;
            }
            warehouse.execute(dialect.sql().sql("UPDATE ").table(RUNS).sql(" SET ended_at = ").bind(utc(now()))
                    .sql(", status = ").bind(RunStatus.FAILED.name())
                    .sql(", message = ").bind("killed: its process (" + k[1] + ") is gone; closed by the next run of " + dataset)
                    .sql(" WHERE run_id = ").bind(k[0]).sql(" AND status = ").bind(RunStatus.RUNNING.name()).build());
        }
    }

    @Override
    public RunRecord finishRun(String runId, RunOutcome outcome) {
        ensure();
        Instant end = now();
        warehouse.execute(dialect.sql().sql("UPDATE ").table(RUNS).sql(" SET ended_at = ").bind(utc(end))
                .sql(", status = ").bind(outcome.status().name())
                .sql(", row_count = ").bind(outcome.rows().isPresent() ? outcome.rows().getAsLong() : null)
                .sql(", byte_count = ").bind(outcome.bytes().isPresent() ? outcome.bytes().getAsLong() : null)
                .sql(", message = ").bind(outcome.message().orElse(null))
                .sql(" WHERE run_id = ").bind(runId).build());
        warehouse.execute(dialect.sql().sql("DELETE FROM ").table(PROCESSES).sql(" WHERE id = ").bind(runId).build());
        return run(runId).orElseThrow(() -> new IllegalStateException("run " + runId + " was never started"));
    }

    @Override
    public Optional<RunRecord> run(String runId) {
        ensure();
        return list(selectRuns().sql(" WHERE run_id = ").bind(runId).build(), WarehouseRunLog::toRun).stream().findFirst();
    }

    @Override
    public List<RunRecord> runs(String dataset, int limit) {
        ensure();
        return list(selectRuns().sql(" WHERE dataset = ").bind(DatasetKey.of(dataset))
                .sql(" ORDER BY started_at DESC, run_id DESC LIMIT ").bind(limit).build(), WarehouseRunLog::toRun);
    }

    private io.meshkit.core.warehouse.SqlBuilder selectRuns() {
        return dialect.sql().sql("SELECT run_id, tool, dataset, started_at, ended_at, status, row_count, byte_count, message FROM ")
                .table(RUNS);
    }

    private static RunRecord toRun(Row r) {
        return new RunRecord(r.getString("run_id"), r.getString("tool"), r.getString("dataset"), instant(r.get("started_at")),
                Optional.ofNullable(r.get("ended_at")).map(WarehouseRunLog::instant), RunStatus.valueOf(r.getString("status")),
                optionalLong(r.getLong("row_count")), optionalLong(r.getLong("byte_count")), Optional.ofNullable(r.getString("message")));
    }

    @Override
    public void recordPublication(Publication p) {
        ensure();
        warehouse.execute(dialect.sql().sql("INSERT INTO ").table(PUBLICATIONS)
                .sql(" (dataset, version, contract_version, table_namespace, table_name, row_count, checksum, published_at, published_by, run_id) VALUES (")
                .binds(List.of(DatasetKey.of(p.dataset()), p.version(), p.contractVersion(), p.table().namespace().name(), p.table().name(),
                        p.rows(), p.checksum(), utc(p.publishedAt()), p.publishedBy(), p.runId()))
                .sql(")").build());
    }

    @Override
    public List<Publication> publications(String dataset, int limit) {
        ensure();
        return list(dialect.sql().sql("SELECT dataset, version, contract_version, table_namespace, table_name, row_count, checksum, "
                        + "published_at, published_by, run_id FROM ").table(PUBLICATIONS)
                .sql(" WHERE dataset = ").bind(DatasetKey.of(dataset)).sql(" ORDER BY published_at DESC, version DESC LIMIT ").bind(limit).build(),
                r -> new Publication(r.getString("dataset"), r.getLong("version"), r.getString("contract_version"),
                        TableId.of(r.getString("table_namespace"), r.getString("table_name")), r.getLong("row_count"),
                        r.getString("checksum"), instant(r.get("published_at")), r.getString("published_by"), r.getString("run_id")));
    }

    private static final List<String> RUN_COLUMNS =
            List.of("run_id", "tool", "dataset", "started_at", "ended_at", "status", "row_count", "byte_count", "message");

    /**
     * One statement for every dataset: one aggregate scan of the runs for the newest start times,
     * a join back for those runs, a window over only the recent successful runs of the newest successful
     * run's tool for the median, and
     * the same for publications. Portable SQL (no engine-specific median or arg_max).
     */
    @Override
    public void forEachDatasetActivity(Instant recentSince, int recentRuns, Consumer<DatasetActivity> action) {
        requireNonNull(recentSince, "recentSince is null");
        requireNonNull(action, "action is null");
        if (recentRuns < 1) {
            throw new IllegalArgumentException("recentRuns must be at least 1");
        }
        ensure();
        String runCols = String.join(", ", RUN_COLUMNS);
        var b = dialect.sql().sql("WITH agg AS (SELECT dataset, COUNT(*) AS run_count, MAX(started_at) AS latest_at, "
                        + "MAX(CASE WHEN status <> 'RUNNING' THEN started_at END) AS finished_at, "
                        + "MAX(CASE WHEN status = 'SUCCEEDED' THEN started_at END) AS success_at FROM ").table(RUNS)
                .sql(" GROUP BY dataset), picked AS (SELECT " + prefixed("r.", "", RUN_COLUMNS) + ", a.latest_at, a.finished_at, a.success_at FROM ")
                .table(RUNS).sql(" r JOIN agg a ON r.dataset = a.dataset WHERE r.started_at = a.latest_at OR r.started_at = a.finished_at"
                        + " OR r.started_at = a.success_at), ")
                .sql(pick("latest_run", "started_at = latest_at", runCols)).sql(", ")
                .sql(pick("finished_run", "started_at = finished_at AND status <> 'RUNNING'", runCols)).sql(", ")
                .sql(pick("success_run", "started_at = success_at AND status = 'SUCCEEDED'", runCols))
                // the median is over earlier runs of the newest successful run's tool: an ingest counts one day's rows,
                // a publish the whole table, and one dataset's runs of both are not one series
                .sql(", recent AS (SELECT r.dataset, r.row_count, ROW_NUMBER() OVER (PARTITION BY r.dataset ORDER BY r.started_at DESC, r.run_id DESC)"
                        + " AS rn FROM ").table(RUNS).sql(" r JOIN success_run t ON t.dataset = r.dataset AND t.tool = r.tool"
                        + " WHERE r.status = 'SUCCEEDED' AND r.started_at >= ").bind(utc(recentSince))
                .sql("), prior AS (SELECT dataset, row_count, ROW_NUMBER() OVER (PARTITION BY dataset ORDER BY row_count) AS pos, "
                        + "COUNT(*) OVER (PARTITION BY dataset) AS k FROM recent WHERE rn >= 2 AND rn <= ").bind(recentRuns + 1)
                .sql(" AND row_count IS NOT NULL), median AS (SELECT dataset, AVG(row_count) AS median_rows, MAX(k) AS counted FROM prior"
                        + " WHERE 2 * pos >= k AND 2 * pos <= k + 2 GROUP BY dataset), pagg AS (SELECT dataset, MAX(published_at) AS published_at FROM ")
                .table(PUBLICATIONS).sql(" GROUP BY dataset), pub AS (SELECT * FROM (SELECT p.dataset, p.version, p.contract_version, p.table_namespace,"
                        + " p.table_name, p.row_count, p.checksum, p.published_at, p.published_by, p.run_id,"
                        + " ROW_NUMBER() OVER (PARTITION BY p.dataset ORDER BY p.version DESC) AS rn FROM ")
                .table(PUBLICATIONS).sql(" p JOIN pagg g ON p.dataset = g.dataset AND p.published_at = g.published_at) x WHERE rn = 1)"
                        + " SELECT COALESCE(a.dataset, g.dataset) AS ds, COALESCE(a.run_count, 0) AS run_count, "
                        + prefixed("l.", "l_", RUN_COLUMNS) + ", " + prefixed("f.", "f_", RUN_COLUMNS) + ", " + prefixed("s.", "s_", RUN_COLUMNS)
                        + ", m.median_rows, m.counted, p.version AS p_version, p.contract_version AS p_contract_version,"
                        + " p.table_namespace AS p_table_namespace, p.table_name AS p_table_name, p.row_count AS p_row_count,"
                        + " p.checksum AS p_checksum, p.published_at AS p_published_at, p.published_by AS p_published_by, p.run_id AS p_run_id"
                        + " FROM agg a FULL OUTER JOIN pagg g ON a.dataset = g.dataset"
                        + " LEFT JOIN latest_run l ON l.dataset = a.dataset LEFT JOIN finished_run f ON f.dataset = a.dataset"
                        + " LEFT JOIN success_run s ON s.dataset = a.dataset LEFT JOIN median m ON m.dataset = a.dataset"
                        + " LEFT JOIN pub p ON p.dataset = g.dataset ORDER BY ds");
        try (ResultRows rows = warehouse.query(b.build())) {
            for (Row r : rows) {
                String dataset = r.getString("ds");
                Double median = r.getDouble("median_rows");
                Long counted = r.getLong("counted");
                Optional<Publication> publication = r.get("p_published_at") == null ? Optional.empty()
                        : Optional.of(new Publication(dataset, r.getLong("p_version"), r.getString("p_contract_version"),
                                TableId.of(r.getString("p_table_namespace"), r.getString("p_table_name")), r.getLong("p_row_count"),
                                r.getString("p_checksum"), instant(r.get("p_published_at")), r.getString("p_published_by"),
                                r.getString("p_run_id")));
                action.accept(new DatasetActivity(dataset, r.getLong("run_count"), prefixedRun(r, "l_"), prefixedRun(r, "f_"),
                        prefixedRun(r, "s_"), publication, median == null ? OptionalDouble.empty() : OptionalDouble.of(median),
                        counted == null ? 0 : counted.intValue()));
            }
        }
    }

    private static String pick(String name, String condition, String runCols) {
        return name + " AS (SELECT " + runCols + " FROM (SELECT " + runCols
                + ", ROW_NUMBER() OVER (PARTITION BY dataset ORDER BY run_id DESC) AS rn FROM picked WHERE " + condition + ") x WHERE rn = 1)";
    }

    private static String prefixed(String qualifier, String aliasPrefix, List<String> columns) {
        StringBuilder out = new StringBuilder();
        for (String c : columns) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(qualifier).append(c);
            if (!aliasPrefix.isEmpty()) {
                out.append(" AS ").append(aliasPrefix).append(c);
            }
        }
        return out.toString();
    }

    private static Optional<RunRecord> prefixedRun(Row r, String p) {
        if (r.get(p + "run_id") == null) {
            return Optional.empty();
        }
        return Optional.of(new RunRecord(r.getString(p + "run_id"), r.getString(p + "tool"), r.getString(p + "dataset"),
                instant(r.get(p + "started_at")), Optional.ofNullable(r.get(p + "ended_at")).map(WarehouseRunLog::instant),
                RunStatus.valueOf(r.getString(p + "status")), optionalLong(r.getLong(p + "row_count")),
                optionalLong(r.getLong(p + "byte_count")), Optional.ofNullable(r.getString(p + "message"))));
    }

    @Override
    public Lease acquireLease(String name, String holder, Duration ttl) {
        ensure();
        String dataset = DatasetKey.of(name);
        Optional<String> tookOver = takeOverDeadHolder(dataset, holder);
        for (int attempt = 1; ; attempt++) {
            Instant now = now();
            Instant expires;
            try {
                expires = now.plus(ttl);
                utc(expires);
            } catch (java.time.DateTimeException | ArithmeticException e) {
                throw new io.meshkit.core.error.MeshkitException(io.meshkit.core.error.ErrorCode.INVALID_ARGUMENT,
                        "Cannot lock dataset " + dataset + ": a lease time-to-live of " + ttl + " is out of range", e);
            }
            Lease mine = new Lease(dataset, UUID.randomUUID().toString(), holder, now, expires, Optional.of(HolderProcess.current()), tookOver);
            warehouse.execute(dialect.sql().sql("DELETE FROM ").table(LEASES).sql(" WHERE dataset = ").bind(dataset)
                    .sql(" AND expires_at <= ").bind(utc(now)).build());
            warehouse.execute(dialect.sql().sql("INSERT INTO ").table(LEASES)
                    .sql(" (dataset, lease_id, holder, acquired_at, expires_at) SELECT ")
                    .binds(List.of(dataset, mine.leaseId(), holder, utc(mine.acquiredAt()), utc(mine.expiresAt())))
                    // a FROM clause: GoogleSQL refuses WHERE in a SELECT without one
                    .sql(" FROM (SELECT 1) AS one WHERE NOT EXISTS (SELECT 1 FROM ").table(LEASES).sql(" WHERE dataset = ").bind(dataset)
                    .sql(" AND expires_at > ").bind(utc(now)).sql(")").build());
            List<Lease> live = liveLeases(dataset, now);
            boolean inserted = live.stream().anyMatch(l -> l.leaseId().equals(mine.leaseId()));
            if (inserted && live.size() == 1) {
                // alone: every other taker's insert either failed its NOT EXISTS or will see this row
                recordProcess(mine.leaseId(), "lease");
                return mine;
            }
            if (!inserted && !live.isEmpty()) {
                throw new LeaseHeldException(live.get(0));
            }
            if (inserted) {
                deleteLease(mine.leaseId()); // several takers inserted at once: all withdraw and retry
            }
            if (attempt == MAX_LEASE_ATTEMPTS) {
                throw new LeaseHeldException(live.stream().filter(l -> !l.leaseId().equals(mine.leaseId())).findFirst().orElse(mine));
            }
            backOff(attempt);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L + 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking a lease", e);
        }
    }

    @Override
    public void releaseLease(Lease lease) {
        ensure();
        deleteLease(lease.leaseId());
    }

    @Override
    public Optional<Lease> currentLease(String dataset) {
        ensure();
        return liveLeases(DatasetKey.of(dataset), now()).stream().findFirst();
    }

    /** A live lease whose holder's process on this host is gone is released at once, and that is recorded. */
    private Optional<String> takeOverDeadHolder(String dataset, String taker) {
        for (Lease l : liveLeases(dataset, now())) {
            if (l.process().isPresent() && l.process().get().isGone()) {
                String message = "took over the lease of " + l.holder() + ": its process (" + l.process().get().describe() + ") is gone";
                deleteLease(l.leaseId());
                recordLeaseEvent(dataset, "taken over", l.holder(), taker, message);
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Lease> unlock(String name, boolean force, String by) {
        ensure();
        String dataset = DatasetKey.of(name);
        Optional<Lease> held = liveLeases(dataset, now()).stream().findFirst();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        Lease l = held.get();
        boolean gone = l.process().map(HolderProcess::isGone).orElse(false);
        if (!gone && !force) {
            String where = l.process().map(p -> p.isOnThisHost() ? "its process (" + p.describe() + ") is alive"
                    : "it runs on another host (" + p.host() + "), whose processes this host cannot see").orElse("its process is unknown");
            throw new io.meshkit.core.error.MeshkitException(io.meshkit.core.error.ErrorCode.LEASE_HELD, "Cannot unlock dataset " + dataset
                    + ": it is held by " + l.holder() + " and " + where + "; pass --force if you know it is dead");
        }
        deleteLease(l.leaseId());
        recordLeaseEvent(dataset, force && !gone ? "unlocked (forced)" : "unlocked", l.holder(), by,
                "released the lease of " + l.holder() + (gone ? ": its process is gone" : ", forced by " + by));
        return held;
    }

    @Override
    public List<String> leaseHistory(String dataset, int limit) {
        ensure();
        return list(dialect.sql().sql("SELECT event_at, event, actor, message FROM ").table(LEASE_EVENTS).sql(" WHERE dataset = ")
                .bind(DatasetKey.of(dataset))
                .sql(" ORDER BY event_at DESC").build(),
                r -> instant(r.get("event_at")) + "  " + r.getString("event") + " by " + r.getString("actor") + ": " + r.getString("message"))
                .stream().limit(limit).toList();
    }

    private void recordLeaseEvent(String dataset, String event, String holder, String actor, String message) {
        warehouse.execute(dialect.sql().sql("INSERT INTO ").table(LEASE_EVENTS).sql(" (dataset, event_at, event, holder, actor, message) VALUES (")
                .binds(List.of(dataset, utc(now()), event, holder, actor, message)).sql(")").build());
    }

    private void deleteLease(String leaseId) {
        warehouse.execute(dialect.sql().sql("DELETE FROM ").table(LEASES).sql(" WHERE lease_id = ").bind(leaseId).build());
        warehouse.execute(dialect.sql().sql("DELETE FROM ").table(PROCESSES).sql(" WHERE id = ").bind(leaseId).build());
    }

    private List<Lease> liveLeases(String dataset, Instant now) {
        return list(dialect.sql().sql("SELECT l.dataset, l.lease_id, l.holder, l.acquired_at, l.expires_at, p.host AS p_host, p.pid AS p_pid,"
                + " p.process_started_at AS p_started FROM ").table(LEASES).sql(" l LEFT JOIN ").table(PROCESSES)
                .sql(" p ON p.id = l.lease_id WHERE l.dataset = ").bind(dataset).sql(" AND l.expires_at > ").bind(utc(now))
                .sql(" ORDER BY l.acquired_at, l.lease_id").build(),
                r -> new Lease(r.getString("dataset"), r.getString("lease_id"), r.getString("holder"),
                        instant(r.get("acquired_at")), instant(r.get("expires_at")), process(r), Optional.empty()));
    }

    private <T> List<T> list(Sql sql, Function<Row, T> mapper) {
        List<T> out = new ArrayList<>();
        try (ResultRows rows = warehouse.query(sql)) {
            for (Row r : rows) {
                out.add(mapper.apply(r));
            }
        }
        return out;
    }

    private Instant now() {
        // microseconds: what every warehouse's TIMESTAMP keeps, so a value read back equals the one written
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(Object timestamp) {
        if (timestamp instanceof Instant i) {
            return i;
        }
        return ((LocalDateTime) timestamp).toInstant(ZoneOffset.UTC);
    }

    private static OptionalLong optionalLong(Long v) {
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static ColumnInfo col(String name, DataType type, boolean nullable) {
        return new ColumnInfo(ColumnName.of(name), type, type.toString(), nullable);
    }
}
