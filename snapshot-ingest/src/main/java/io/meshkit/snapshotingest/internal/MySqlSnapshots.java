package io.meshkit.snapshotingest.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Dataset;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.landing.LandedFile;
import io.meshkit.core.landing.LandingZone;
import io.meshkit.core.landing.Manifest;
import io.meshkit.core.landing.SnapshotKey;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.runlog.Lease;
import io.meshkit.core.runlog.RunDatasets;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.RunStatus;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.snapshotingest.api.ChunkPlan;
import io.meshkit.snapshotingest.api.Drift;
import io.meshkit.snapshotingest.api.SnapshotOptions;
import io.meshkit.snapshotingest.api.SnapshotTarget;
import io.meshkit.snapshotingest.api.StagingChange;
import io.meshkit.snapshotingest.api.TablePlan;
import io.meshkit.snapshotingest.api.TableResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs snapshots: describe and check each table, plan its chunks (or reuse the plan of an interrupted
 * run), read the chunks not yet landed on worker connections that share one consistent snapshot, write
 * each table's manifest, stage it, and record the run.
 */
public final class MySqlSnapshots {
    /** The tool name in the run log. */
    public static final String TOOL = "ingest";
    /** The plan's file name in a snapshot. */
    static final String PLAN = "_plan.json";

    /** When a reused snapshot was landed, as a person reads it. */
    private static final java.time.format.DateTimeFormatter LANDED_AT = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final MySqlSource source;
    private final LandingZone landing;
    private final Clock clock;

    @javax.inject.Inject
    public MySqlSnapshots(MySqlSource source, LandingZone landing, Clock clock) {
        this.source = requireNonNull(source, "source is null");
        this.landing = requireNonNull(landing, "landing is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What a snapshot would do, reading no table data (integer keys: MIN and MAX only). */
    public List<TablePlan> plan(List<SnapshotTarget> targets, SnapshotOptions options) {
        List<TablePlan> out = new ArrayList<>();
        for (SnapshotTarget t : targets) {
            Prepared p = prepare(t, options);
            ChunkPlan plan = new ChunkPlanner(source).plan(p.table, p.key, options.chunkRows(), false);
            out.add(new TablePlan(t.dataset(), t.sourceTable(), source.database(), t.staging(), plan,
                    p.table.columns().stream().map(c -> c.name() + " " + c.columnType() + " -> " + c.type()).toList(),
                    p.mapping.drift(), p.warnings));
        }
        return out;
    }

    /** A table checked and ready to read. */
    private record Prepared(SnapshotTarget target, SourceTable table, List<SourceColumn> key, ColumnMapping mapping,
            List<ColumnName> duplicateCheck, List<String> warnings) {}

    private Prepared prepare(SnapshotTarget t, SnapshotOptions options) {
        SourceTable table = source.describe(t.sourceTable());
        ColumnMapping mapping = ColumnMapping.of(table, t.contract());
        List<String> warnings = new ArrayList<>();
        Drift drift = mapping.drift();
        if (!drift.isEmpty()) {
            if (!drift.isAdditive() || !options.allowAdditive()) {
                StringBuilder m = new StringBuilder("Cannot snapshot table " + source.database() + "." + t.sourceTable()
                        + ": it has drifted from its contract (" + (drift.isAdditive() ? "declare the added columns in the contract, a minor"
                        + " version, or --allow-additive lands them without staging" : "change the contract to follow MySQL; the first"
                        + " snapshot after a breaking change needs --allow-breaking") + "):");
                drift.differences().forEach(d -> m.append("\n  ").append(d));
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, m.toString());
            }
            drift.differences().forEach(d -> warnings.add("drift tolerated: " + d + " (landed, not staged)"));
        }
        // MySQL allowing NULL where the contract requires a value: the NULLs are staged, and publishing fails on them
        t.contract().ifPresent(ds -> ds.columns().stream().filter(Column::required)
                .filter(c -> !c.primaryKey() && table.column(c.name()).map(SourceColumn::nullable).orElse(false))
                .forEach(c -> warnings.add("column " + c.name() + " is required in the contract but NULL-able in MySQL: a NULL is staged,"
                        + " and fails the candidate's required_not_null check at publish (make it NOT NULL in MySQL, or not required"
                        + " in the contract)")));
        List<SourceColumn> key = new ArrayList<>();
        List<ColumnName> duplicateCheck = new ArrayList<>();
        List<Column> contractKey = t.contract().map(Dataset::primaryKey).orElse(List.of());
        contractKey.forEach(c -> duplicateCheck.add(c.columnName()));
        if (!table.primaryKey().isEmpty()) {
            table.primaryKey().forEach(k -> key.add(table.column(k).orElseThrow()));
        } else if (!contractKey.isEmpty() && contractKey.stream().allMatch(c -> table.column(c.name()).map(s -> !s.nullable()).orElse(false))) {
            contractKey.forEach(c -> key.add(table.column(c.name()).orElseThrow()));
            warnings.add("table " + t.sourceTable() + " has no primary key in MySQL: chunked by the contract's key, checked for duplicates");
        } else {
            warnings.add("table " + t.sourceTable() + " has no primary key: read as one chunk by one worker");
        }
        return new Prepared(t, table, List.copyOf(key), mapping, List.copyOf(duplicateCheck), warnings);
    }

    /**
     * The staging table against the columns this snapshot will stage, before any row is read: a breaking change
     * (a column gone, a type narrowed or changed) without {@code allowBreaking} stops the run here, with nothing read
     * or landed, in the words staging would use.
     */
    private static void checkStaging(Prepared p, SnapshotOptions options, Warehouse warehouse) {
        SnapshotTarget t = p.target;
        StagingSchema.check(warehouse, t.staging(), StagingLoader.columns(warehouse.dialect(), p.mapping.staged()),
                t.contract().map(StagingSchema::renames).orElse(Map.of()), StagingLoader.SNAPSHOT_DATE, options.allowBreaking(),
                "stage snapshot " + options.date() + " into " + t.staging(), "--allow-breaking");
    }

    /** The state of one table during a run. */
    private static final class Work {
        final Prepared prepared;
        final SnapshotKey snapshot;
        String runId;
        Lease lease;
        ChunkPlan plan;
        final Map<Integer, LandedChunk> landed = new LinkedHashMap<>();
        int reused;
        boolean alreadyComplete;
        Manifest manifest;
        long landedNanos; // System.nanoTime() when the manifest was written (or found)

        Work(Prepared prepared, SnapshotKey snapshot) {
            this.prepared = prepared;
            this.snapshot = snapshot;
        }
    }

    /**
     * Snapshots the tables into the landing zone and stages them.
     *
     * @param progress rows read so far, for a progress line
     */
    public List<TableResult> snapshot(List<SnapshotTarget> targets, SnapshotOptions options, Warehouse warehouse, RunLog runLog,
            AtomicLong progress) {
        return snapshot(targets, options, warehouse, runLog, new Progress() {
            @Override
            public void phase(String name, long total, String unit) {}

            @Override
            public AtomicLong done() {
                return progress;
            }

            @Override
            public void close() {}
        });
    }

    /**
     * Snapshots the tables into the landing zone and stages them, showing the phases (planning,
     * reading with the plan's row estimate as the total, staging) on {@code progress}.
     */
    public List<TableResult> snapshot(List<SnapshotTarget> targets, SnapshotOptions options, Warehouse warehouse, RunLog runLog,
            Progress progress) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        progress.phase("planning", targets.size(), "tables");
        List<Work> works = new ArrayList<>();
        try {
            for (SnapshotTarget t : targets) {
                Work w = new Work(null, new SnapshotKey(t.dataset(), options.date()));
                w.runId = runLog.startRun(TOOL, t.dataset(), runDatasets(t)).runId();
                works.add(w);
                releaseIfHolderDied(runLog, t.dataset());
                w.lease = runLog.acquireLease(t.dataset(), holder(), Duration.ofHours(2));
            }
            List<Work> prepared = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                Work w = new Work(prepare(targets.get(i), options), works.get(i).snapshot);
                checkStaging(w.prepared, options, warehouse);
                w.runId = works.get(i).runId;
                w.lease = works.get(i).lease;
                prepared.add(w);
                progress.done().incrementAndGet();
            }
            works = prepared;
            List<Task> pending = new ArrayList<>();
            for (Work w : works) {
                pending.addAll(resume(w, options));
            }
            Manifest.Position position = null;
            List<String> sessionWarnings = new ArrayList<>();
            if (!pending.isEmpty()) {
                progress.phase("reading", works.stream().filter(w -> !w.alreadyComplete).mapToLong(w -> Math.max(0, w.prepared.table.estimatedRows()))
                        .sum(), "rows");
                position = readChunks(pending, options, progress.done(), sessionWarnings);
            }
            progress.phase("staging", works.size(), "tables");
            List<TableResult> results = new ArrayList<>();
            for (Work w : works) {
                if (!w.alreadyComplete) {
                    w.prepared.warnings.addAll(sessionWarnings);
                    w.manifest = manifest(w, options, position, started);
                    landing.writeManifest(w.snapshot, w.manifest);
                }
                w.landedNanos = System.nanoTime();
                results.add(stage(w, options, warehouse, Duration.ofNanos(w.landedNanos - startNanos)));
                progress.done().incrementAndGet();
            }
            for (int i = 0; i < works.size(); i++) {
                TableResult r = results.get(i);
                runLog.finishRun(works.get(i).runId, new RunOutcome(RunStatus.SUCCEEDED, OptionalLong.of(r.rows()), OptionalLong.of(r.bytes()),
                        Optional.of(summary(r, clock.instant(), started))));
            }
            return results;
        } catch (IOException e) {
            MeshkitException m = new MeshkitException(ErrorCode.SOURCE_FAILURE, "Cannot write to landing zone " + landing.uri() + ": " + e.getMessage(), e);
            fail(runLog, works, m);
            throw m;
        } catch (RuntimeException e) {
            fail(runLog, works, e);
            throw e;
        } finally {
            for (Work w : works) {
                if (w.lease != null) {
                    try {
                        runLog.releaseLease(w.lease);
                    } catch (RuntimeException e) {
                        // the lease expires on its own
                    }
                }
            }
        }
    }

    private static String summary(TableResult r, Instant end, Instant start) {
        long ms = Math.max(1, Duration.between(start, end).toMillis());
        return r.alreadyComplete()
                ? "snapshot already landed; staged " + r.stagedRows() + " rows into " + r.staging()
                : r.rows() + " rows in " + r.chunks() + " chunks (" + r.chunksReused() + " reused) in " + ms + " ms, staged into " + r.staging();
    }

    private static void fail(RunLog runLog, List<Work> works, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        for (Work w : works) {
            if (w.runId != null) {
                try {
                    runLog.finishRun(w.runId, RunOutcome.failed(message));
                } catch (RuntimeException ignored) {
                    // the run stays RUNNING: the monitor reports it
                }
            }
        }
    }

    static String holder() {
        return "meshkit-ingest@" + host() + ":" + ProcessHandle.current().pid();
    }

    /**
     * For lineage: the source table (OpenLineage names MySQL datasets {@code mysql://HOST:PORT} and
     * {@code DATABASE.TABLE}) read, the landing zone and the staging table written.
     */
    private RunDatasets runDatasets(SnapshotTarget t) {
        Dataset schema = t.contract().orElse(null);
        RunDatasets.Ref input = RunDatasets.Ref.external("mysql://" + source.host() + ":" + source.port(),
                source.database() + "." + t.sourceTable(), schema);
        RunDatasets.Ref landed = RunDatasets.Ref.external(landing.uri(), t.dataset(), schema);
        RunDatasets.Ref staged = RunDatasets.Ref.sourceRows(t.staging(), schema);
        return new RunDatasets(List.of(input), List.of(landed, staged));
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * A run that crashed on this host leaves its lease behind; the next run takes it over at once instead
     * of waiting for it to expire, when the holder's process is gone.
     */
    static void releaseIfHolderDied(RunLog runLog, String dataset) {
        runLog.currentLease(dataset).ifPresent(lease -> {
            String prefix = "meshkit-ingest@" + host() + ":";
            if (lease.holder().startsWith(prefix)) {
                try {
                    long pid = Long.parseLong(lease.holder().substring(prefix.length()));
                    if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                        runLog.releaseLease(lease);
                    }
                } catch (NumberFormatException e) {
                    // not ours: leave it to expire
                }
            }
        });
    }

    /** Stored beside the parts so a rerun reads the same chunks. */
    record StoredPlan(List<String> columns, ChunkPlan plan) {}

    private List<Task> resume(Work w, SnapshotOptions options) throws IOException {
        if (landing instanceof LocalLandingZone local) {
            local.cleanTemporaryFiles(w.snapshot);
        }
        if (!options.force()) {
            Optional<Manifest> manifest = landing.readManifest(w.snapshot);
            // a manifest of a files snapshot (ingest files) of this dataset and date names no parts here: read MySQL
            if (manifest.isPresent() && !FilesIngest.SYSTEM.equals(manifest.get().source().system())) {
                w.alreadyComplete = true;
                w.manifest = manifest.get();
                return List.of();
            }
        }
        List<String> signature = w.prepared.table.columns().stream().map(c -> c.name() + " " + c.columnType()).toList();
        Optional<StoredPlan> stored = Optional.empty();
        if (!options.force()) {
            Optional<InputStream> in = landing.open(w.snapshot, PLAN);
            if (in.isPresent()) {
                try (InputStream s = in.get()) {
                    StoredPlan p = JSON.readValue(s.readAllBytes(), StoredPlan.class);
                    if (p.columns().equals(signature)
                            && p.plan().key().equals(w.prepared.key.stream().map(SourceColumn::name).toList())) {
                        stored = Optional.of(p);
                    }
                } catch (IOException e) {
                    stored = Optional.empty(); // unreadable: plan again
                }
            }
        }
        if (stored.isEmpty()) {
            for (LandedFile f : landing.list(w.snapshot)) { // a fresh plan: whatever was landed before does not belong to it
                landing.delete(w.snapshot, f.name());
            }
            ChunkPlan plan = new ChunkPlanner(source).plan(w.prepared.table, w.prepared.key, options.chunkRows(), true);
            stored = Optional.of(new StoredPlan(signature, plan));
            try (var out = landing.create(w.snapshot, PLAN)) {
                out.write(JSON.writeValueAsBytes(stored.get()));
                out.commit();
            }
        }
        w.plan = stored.get().plan();
        List<Task> tasks = new ArrayList<>();
        for (ChunkPlan.Chunk c : w.plan.chunks()) {
            Optional<LandedChunk> done = ChunkReader.verified(landing, w.snapshot, c);
            if (done.isPresent()) {
                w.landed.put(c.id(), done.get());
                w.reused++;
            } else {
                tasks.add(new Task(w, c));
            }
        }
        return tasks;
    }

    private record Task(Work work, ChunkPlan.Chunk chunk) {}

    private Manifest.Position readChunks(List<Task> tasks, SnapshotOptions options, AtomicLong progress, List<String> warnings) {
        int threads = Math.min(options.threads(), tasks.size());
        try (SnapshotSession session = SnapshotSession.open(source, threads, options.lockWaitTimeout(), options.onLockTimeout(), warnings)) {
            List<Connection> connections = session.workers();
            BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
            ExecutorService pool = Executors.newFixedThreadPool(connections.size(), r -> {
                Thread t = new Thread(r, "meshkit-ingest-worker");
                t.setDaemon(true);
                return t;
            });
            AtomicBoolean failed = new AtomicBoolean();
            try {
                List<Future<LandedChunk>> futures = new ArrayList<>();
                for (Task task : tasks) {
                    futures.add(pool.submit(() -> {
                        Connection c = null;
                        while (c == null) {
                            if (failed.get()) {
                                return null; // another chunk failed: the run stops; what landed is kept for a rerun
                            }
                            c = idle.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                        }
                        boolean healthy = true;
                        try {
                            return ChunkReader.read(c, task.work.prepared.table, task.work.prepared.key, task.chunk, landing,
                                    task.work.snapshot, options.sourceZone(), progress);
                        } catch (SQLException e) {
                            healthy = false;
                            failed.set(true);
                            throw source.failure("read chunk " + task.chunk.id() + " (" + task.chunk.file() + ") of table "
                                    + source.database() + "." + task.work.prepared.table.name() + " from", e);
                        } catch (IOException e) {
                            failed.set(true);
                            throw new UncheckedIOException(e);
                        } catch (Throwable e) {
                            failed.set(true);
                            throw e;
                        } finally {
                            if (healthy) {
                                idle.add(c);
                            }
                        }
                    }));
                }
                RuntimeException first = null;
                for (int i = 0; i < futures.size(); i++) {
                    try {
                        LandedChunk landed = futures.get(i).get();
                        if (landed != null) {
                            tasks.get(i).work.landed.put(landed.id(), landed);
                        }
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (first == null) {
                            Throwable cause = e.getCause();
                            first = cause instanceof UncheckedIOException u
                                    ? new MeshkitException(ErrorCode.SOURCE_FAILURE, "Cannot write to landing zone " + landing.uri() + ": "
                                            + u.getCause().getMessage(), u.getCause())
                                    : cause instanceof RuntimeException r ? r
                                    : new MeshkitException(ErrorCode.INTERNAL_ERROR, "Internal error: " + cause.getClass().getSimpleName()
                                            + ": " + cause.getMessage(), cause);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot read chunks: interrupted", e);
                    }
                }
                if (first != null) {
                    throw first;
                }
            } finally {
                pool.shutdownNow();
            }
            return session.position();
        }
    }

    private Manifest manifest(Work w, SnapshotOptions options, Manifest.Position position, Instant started) {
        List<Manifest.Chunk> chunks = new ArrayList<>();
        long rows = 0;
        long bytes = 0;
        long zero = 0;
        for (ChunkPlan.Chunk c : w.plan.chunks()) {
            LandedChunk l = w.landed.get(c.id());
            if (l == null) {
                throw new MeshkitException(ErrorCode.INTERNAL_ERROR, "Cannot write manifest of " + w.snapshot + ": chunk " + c.id() + " did not land");
            }
            chunks.add(l.toManifest());
            rows += l.rows();
            bytes += l.bytes();
            zero += l.zeroDates();
        }
        if (zero > 0) {
            w.prepared.warnings.add(zero + " zero or invalid dates (e.g. 0000-00-00) landed as NULL");
        }
        String system;
        try (var h = source.jdbi().open()) {
            system = source.server(h).system();
        }
        return new Manifest(Manifest.FORMAT_VERSION, w.snapshot.dataset(), options.date(),
                new Manifest.Source(system, source.redactedUrl(), source.database(), w.prepared.table.name()),
                w.prepared.table.columns().stream().map(c -> new Manifest.ManifestColumn(c.name(), c.columnType(), c.type().toString(), c.nullable())).toList(),
                w.plan.key(), chunks, rows, bytes, position, started, clock.instant(), zero, w.prepared.warnings);
    }

    /**
     * The staged columns as the landed files have them: a snapshot landed before the table and its contract changed
     * (the same date run again, an earlier date restaged) has a declared rename's old name, and no column added
     * since; such a column is staged as NULL, as it was not there when the snapshot was taken.
     */
    private static List<ColumnMapping.Staged> landedColumns(Manifest m, List<ColumnMapping.Staged> staged,
            Map<ColumnName, ColumnName> renames, List<String> absent) {
        java.util.Set<String> landed = new java.util.HashSet<>();
        m.columns().forEach(c -> landed.add(c.name().toLowerCase(java.util.Locale.ROOT)));
        List<ColumnMapping.Staged> out = new ArrayList<>();
        for (ColumnMapping.Staged c : staged) {
            if (c.source() == null || landed.contains(c.source().toLowerCase(java.util.Locale.ROOT))) {
                out.add(c);
                continue;
            }
            ColumnName old = renames.get(c.target());
            if (old != null && landed.contains(old.name().toLowerCase(java.util.Locale.ROOT))) {
                out.add(c.from(old.name()));
            } else {
                absent.add(c.source());
                out.add(c.from(null));
            }
        }
        return out;
    }

    private TableResult stage(Work w, SnapshotOptions options, Warehouse warehouse, Duration landed) {
        Manifest m = w.manifest;
        List<URI> files = m.files().stream().map(f -> landing.uri(w.snapshot, f)).toList();
        var target = w.prepared.target;
        List<StagingChange> changes = new ArrayList<>();
        Map<ColumnName, ColumnName> renames = target.contract().map(StagingSchema::renames).orElse(Map.of());
        List<String> absent = new ArrayList<>();
        List<ColumnMapping.Staged> columns = landedColumns(m, w.prepared.mapping.staged(), renames, absent);
        long staged = StagingLoader.unordered(warehouse, () -> StagingLoader.stage(warehouse, target.staging(), options.date(), files,
                columns, renames, options.allowBreaking(), changes));
        if (staged != m.rows()) {
            throw StagingLoader.mismatch(target.staging(), m.rows(), staged);
        }
        SnapshotKeys keys = SnapshotKeys.check(warehouse,
                StagingLoader.dateRows(warehouse, target.staging(), options.date()), w.prepared.duplicateCheck);
        long duplicates = keys.duplicates();
        List<String> warnings = new ArrayList<>(w.alreadyComplete ? m.warnings() : w.prepared.warnings);
        changes.forEach(c -> warnings.add(c.warning(target.staging())));
        if (w.alreadyComplete) {
            // resumed on purpose: a complete snapshot is one point in time, and reading again would take another; say which
            warnings.add("reused snapshot " + w.snapshot + ", landed complete at " + LANDED_AT.format(m.endedAt())
                    + ": MySQL not read again (--force takes a fresh snapshot)");
        }
        if (!absent.isEmpty()) {
            warnings.add("snapshot " + w.snapshot + " was landed without column" + (absent.size() == 1 ? " " : "s ")
                    + String.join(", ", absent) + ": staged as NULL (--force lands the table as it is now)");
        }
        if (!keys.clean()) {
            // the same words as load-snapshot, which refuses such a snapshot; ingest stages it and says so (exit 1)
            warnings.add(keys.describe(w.prepared.duplicateCheck) + " in " + target.staging() + " for " + options.date()
                    + " (the source has no unique index on the key)");
        }
        return new TableResult(target.dataset(), target.sourceTable(), w.runId, landing.uri(w.snapshot, LandingZone.MANIFEST), files,
                m.rows(), m.bytes(), m.chunks().size(), w.reused, w.alreadyComplete, m.zeroDates(), target.staging(), staged, duplicates,
                m.position(), w.prepared.mapping.drift(), warnings,
                new TableResult.Phases(landed, Duration.ofNanos(System.nanoTime() - w.landedNanos)), changes);
    }
}
