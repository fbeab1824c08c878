package io.meshkit.scdbuilder.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.contract.Column;
import io.meshkit.core.contract.Scd2Shape;
import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.error.NoSuchTableException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.quality.QualityCheck;
import io.meshkit.core.quality.QualityChecks;
import io.meshkit.core.quality.QualityRunner;
import io.meshkit.core.runlog.RetainedColumns;
import io.meshkit.core.runlog.RunDatasets;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.runlog.RunOutcome;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.core.runlog.RunStatus;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.ColumnInfo;
import io.meshkit.core.warehouse.QueryStats;
import io.meshkit.core.warehouse.ResultRows;
import io.meshkit.core.warehouse.Row;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.SqlBuilder;
import io.meshkit.core.warehouse.SupportsTransactions;
import io.meshkit.core.warehouse.TableInfo;
import io.meshkit.core.warehouse.TableLayout;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.core.warehouse.WriteMode;
import io.meshkit.scdbuilder.api.EventCounts;
import io.meshkit.scdbuilder.api.EventSource;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.PlanStep;
import io.meshkit.scdbuilder.api.ScdCounts;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Runs the builds of {@link io.meshkit.scdbuilder.api.ScdBuilder}: plans them, executes the SQL, validates, records. */
public final class BuildRunner {
    private static final String TOOL = "scd";

    private final Warehouse warehouse;
    private final RunLog runLog;
    private final Clock clock;
    private final AppliedLog appliedLog;

    /** A runner over a warehouse. */
    private Progress progress = Progress.none();

    /** Shows the progress of the builds that follow on {@code progress} (snapshots applied of the dates to apply). */
    public void progress(Progress progress) {
        this.progress = requireNonNull(progress, "progress is null");
    }

    public BuildRunner(Warehouse warehouse, RunLog runLog, Clock clock) {
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.runLog = requireNonNull(runLog, "runLog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.appliedLog = new AppliedLog(warehouse);
    }

    // ------------------------------------------------------------------ snapshots

    /** Applies the snapshot of {@code date}. */
    public ScdResult apply(ScdTarget target, LocalDate date, Execution execution) {
        Context ctx = context(target);
        LocalDateTime at = date.atStartOfDay();
        Optional<LocalDateTime> last = ctx.lastApplied();
        String what = "apply snapshot " + date + " to " + target.datasetId();
        if (last.isPresent() && at.isBefore(last.get())) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": it is older than the last applied snapshot "
                    + last.get().toLocalDate() + "; to rebuild history from " + date + " run: meshkit scd restate --from " + date);
        }
        Map<ColumnName, DataType> staging = stagingColumns(ctx, what);
        boolean dated = staging.containsKey(ScdSql.SNAPSHOT_DATE);
        if (last.isPresent() && at.equals(last.get())) {
            // applying the last date again: rebuild it from the state before it, so the result is
            // the same table (or the corrected one, if that snapshot was re-staged)
            return replay(ctx, "apply", Optional.of(at), List.of(date), dated, execution);
        }
        ctx.refuseStaleProduction(what);
        return replay(ctx, "apply", Optional.empty(), List.of(date), dated, execution);
    }

    /** Rebuilds history from {@code from} with the staged snapshots of that date and later. */
    public ScdResult restate(ScdTarget target, LocalDate from, Execution execution) {
        Context ctx = context(target);
        String what = "restate " + target.datasetId() + " from " + from;
        requireDated(ctx, what);
        List<LocalDate> dates = stagedDates(ctx, Optional.of(from));
        if (dates.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": staging table " + ctx.target.tables().staging()
                    + " holds no snapshot on or after " + from);
        }
        refuseUnstaged(ctx, what, from, dates);
        return replay(ctx, "restate", Optional.of(from.atStartOfDay()), dates, true, execution);
    }

    /** Rebuilds history from every staged snapshot. */
    public ScdResult rebuild(ScdTarget target, Execution execution) {
        Context ctx = context(target);
        String what = "rebuild " + target.datasetId();
        requireDated(ctx, what);
        List<LocalDate> dates = stagedDates(ctx, Optional.empty());
        if (dates.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": staging table " + ctx.target.tables().staging()
                    + " holds no snapshot");
        }
        refuseUnstaged(ctx, what, dates.get(0), dates);
        return replay(ctx, "rebuild", Optional.of(dates.get(0).atStartOfDay()), dates, true, execution);
    }

    /** A restatement must not silently drop an applied snapshot that is no longer staged. */
    private void refuseUnstaged(Context ctx, String what, LocalDate from, List<LocalDate> staged) {
        List<String> gone = appliedLog.snapshotDates(ctx.target.datasetId(), from.atStartOfDay()).stream()
                .map(LocalDateTime::toLocalDate).filter(d -> !staged.contains(d)).map(LocalDate::toString).toList();
        if (!gone.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": snapshot(s) " + String.join(", ", gone)
                    + " were applied but are no longer in " + ctx.target.tables().staging() + "; stage them again or restate from a later date");
        }
    }

    private void requireDated(Context ctx, String what) {
        if (!stagingColumns(ctx, what).containsKey(ScdSql.SNAPSHOT_DATE)) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": staging table " + ctx.target.tables().staging()
                    + " has no snapshot_date column, so it holds no history to replay");
        }
    }

    private List<LocalDate> stagedDates(Context ctx, Optional<LocalDate> from) {
        List<LocalDate> dates = new ArrayList<>();
        try (ResultRows rows = warehouse.query(ctx.sql.stagedDates(ctx.target.tables().staging(), from))) {
            for (Row r : rows) {
                Object v = r.get(0);
                if (v != null) {
                    dates.add(v instanceof LocalDateTime t ? t.toLocalDate() : (LocalDate) v);
                }
            }
        }
        return dates;
    }

    /**
     * Rolls the base back to before {@code rollbackTo} (when given), then applies each date in turn,
     * validates, and makes the result the candidate.
     */
    private ScdResult replay(Context ctx, String operation, Optional<LocalDateTime> rollbackTo, List<LocalDate> dates, boolean dated,
            Execution execution) {
        ScdTarget target = ctx.target;
        Map<ColumnName, DataType> stagingCols = ctx.stagingColumns;
        List<PlanStep> plan = new ArrayList<>();
        plan.add(PlanStep.note("base: " + ctx.baseDescription()
                + rollbackTo.map(t -> ", rolled back to before " + t.toLocalDate()).orElse("")));
        // every snapshot is checked before anything is written
        // a dry run checks every snapshot's key up front (a GROUP BY of each); a run checks it from
        // the change join's own counts, which costs two column counts instead of a 10M-row GROUP BY
        if (execution == Execution.DRY_RUN) {
            for (LocalDate d : dates) {
                Sql snap = ctx.sql.snapshot(target.tables().staging(), stagingCols, dated ? Optional.of(d) : Optional.empty());
                plan.add(PlanStep.of("check the snapshot of " + d + " for duplicate and NULL keys", ctx.sql.keyStats(snap)));
                checkKeys(ctx, snap, d);
            }
        }
        // a rollback takes the type-1 (and fill) values of the last staged snapshot before the date, so a
        // corrected snapshot leaves nothing of the retracted one behind: the same table as a rebuild
        Optional<Sql> prior = rollbackTo.isPresent() && dated && (!ctx.dim.type1().isEmpty() || !ctx.dim.fill().isEmpty())
                ? Optional.of(ctx.sql.priorValues(target.tables().staging(), stagingCols, rollbackTo.get().toLocalDate()))
                : Optional.empty();
        Sql base = rollbackTo.isPresent() ? ctx.sql.rollback(ctx.baseSql, rollbackTo.get(), prior) : ctx.baseSql;
        TableId changes = work(target, "changes");
        TableId[] builds = {work(target, "build_a"), work(target, "build_b")};
        RunRecord run = execution == Execution.RUN
                ? runLog.startRun(TOOL, target.datasetId(), runDatasets(ctx, target.tables().staging())) : null;
        try {
            ScdCounts counts = null;
            TableId built = null;
            List<LocalDateTime> applied = new ArrayList<>();
            if (execution == Execution.RUN) {
                progress.phase(operation + " " + target.datasetId(), dates.size(), "snapshots");
            }
            for (int i = 0; i < dates.size(); i++) {
                LocalDate d = dates.get(i);
                LocalDateTime at = d.atStartOfDay();
                Sql snap = ctx.sql.snapshot(target.tables().staging(), stagingCols, dated ? Optional.of(d) : Optional.empty());
                Sql changeSql = ctx.sql.changes(snap, base);
                TableId next = builds[i % 2];
                Sql buildSql = ctx.sql.build(base, changes, at);
                plan.add(PlanStep.of("create " + changes + ": the keys that change at " + d, changeSql));
                Sql openedSql = ctx.sql.opened(base, snap, changes, at);
                plan.add(PlanStep.of("create " + next + ": the versions of the base after " + d + " (closed, corrected)", buildSql));
                plan.add(PlanStep.of("append to " + next + ": the versions opened at " + d, openedSql));
                applied.add(at);
                if (execution == Execution.DRY_RUN) {
                    base = ctx.sql.work(next);
                    built = next;
                    continue;
                }
                warehouse.createNamespace(changes.namespace());
                warehouse.createTableAs(changes, changeSql, TableLayout.NONE, WriteMode.REPLACE);
                long snapshotRows = scalar(ctx.sql.count(snap));
                if (snapshotRows == 0) {
                    checkKeys(ctx, snap, d); // refuses the empty snapshot
                }
                Map<String, Long> actions = actionCounts(ctx, changes);
                // every snapshot row that found a current version must have found a different one:
                // rows matched (snapshot side) = versions matched (current side) exactly when the
                // matched keys are unique; unmatched duplicates and NULL keys show in the change table
                long matchedSnapshotRows = snapshotRows - actions.getOrDefault("N", 0L);
                long matchedCurrent = scalar(ctx.sql.currentCount(base)) - actions.getOrDefault("D", 0L) - actions.getOrDefault("Z", 0L);
                if (matchedSnapshotRows != matchedCurrent || scalar(ctx.sql.badChangeKeys(changes)) > 0) {
                    checkKeys(ctx, snap, d);
                    // the snapshot is clean, so the base has several current versions of a key: the
                    // build goes on and its invariant checks reject it, kept for inspection
                }
                QueryStats stats = warehouse.createTableAs(next, buildSql, TableLayout.NONE, WriteMode.REPLACE);
                QueryStats added = warehouse.createTableAs(next, openedSql, TableLayout.NONE, WriteMode.APPEND);
                long rows = stats.rowsAffected().isPresent() && added.rowsAffected().isPresent()
                        ? stats.rowsAffected().getAsLong() + added.rowsAffected().getAsLong()
                        : scalar(ctx.sql.count(ctx.sql.work(next)));
                ScdCounts step = counts(actions, snapshotRows, rows);
                counts = counts == null ? step : counts.then(step);
                if (built != null) {
                    warehouse.drop(built);
                }
                built = next;
                base = ctx.sql.work(next);
                progress.done().incrementAndGet();
            }
            if (execution == Execution.RUN) {
                progress.phase("check and record the candidate");
            }
            Optional<Sql> forget = rollbackTo.map(t -> appliedLog.forgetFrom(target.datasetId(), t));
            return finish(ctx, operation, execution, plan, built, changes, applied, counts, Optional.empty(), forget, run,
                    "snapshot", Optional.empty());
        } catch (RuntimeException e) {
            if (execution == Execution.RUN) {
                dropQuietly(e, changes, builds[0], builds[1]);
            }
            fail(run, e);
            throw e;
        }
    }

    /** A failed build leaves no work tables behind (failures to drop them are kept with the first error). */
    private void dropQuietly(RuntimeException failure, TableId... tables) {
        for (TableId t : tables) {
            try {
                warehouse.drop(t);
            } catch (RuntimeException suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }

    private Map<String, Long> actionCounts(Context ctx, TableId changes) {
        Map<String, Long> byAction = new HashMap<>();
        try (ResultRows r = warehouse.query(ctx.sql.actionCounts(changes))) {
            for (Row row : r) {
                byAction.put(row.getString(ScdSql.ACTION.name()), row.getLong("n"));
            }
        }
        return byAction;
    }

    private static ScdCounts counts(Map<String, Long> byAction, long snapshotRows, long rows) {
        long n = byAction.getOrDefault("N", 0L);
        long rr = byAction.getOrDefault("R", 0L);
        long c = byAction.getOrDefault("C", 0L);
        long t = byAction.getOrDefault("T", 0L);
        long d = byAction.getOrDefault("D", 0L);
        return new ScdCounts(n + rr + c, rr + c + d, t, d, snapshotRows - n - rr - c - t, rows);
    }

    /** Refuses a snapshot with duplicate or NULL keys, naming how many and a few; returns its row count. */
    private long checkKeys(Context ctx, Sql snapshot, LocalDate date) {
        long rows;
        long dup;
        long nulls;
        try (ResultRows r = warehouse.query(ctx.sql.keyStats(snapshot))) {
            Row row = r.iterator().next();
            rows = row.getLong("meshkit_scd_rows");
            dup = row.getLong("meshkit_scd_dup");
            nulls = row.getLong("meshkit_scd_null");
        }
        if (rows == 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot apply snapshot " + date + " to " + ctx.target.datasetId()
                    + ": " + ctx.target.tables().staging() + " holds no rows for it (an empty snapshot would delete every key)");
        }
        if (dup == 0 && nulls == 0) {
            return rows;
        }
        List<String> samples = new ArrayList<>();
        try (ResultRows r = warehouse.query(ctx.sql.badKeys(snapshot, ctx.maskedKeys()))) {
            for (Row row : r) {
                List<String> parts = new ArrayList<>();
                for (ColumnName k : ctx.dim.key()) {
                    Object v = row.get(k.name());
                    parts.add(v == null ? "NULL" : v.toString());
                }
                samples.add(parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")");
            }
        }
        List<String> problems = new ArrayList<>();
        if (dup > 0) {
            problems.add(dup + " key" + (dup == 1 ? "" : "s") + " of (" + ScdSql.names(ctx.dim.key()) + ") occur" + (dup == 1 ? "s" : "")
                    + " more than once");
        }
        if (nulls > 0) {
            problems.add(nulls + " row" + (nulls == 1 ? " has" : "s have") + " a NULL key");
        }
        throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot apply snapshot " + date + " to " + ctx.target.datasetId() + ": "
                + String.join(" and ", problems) + " in " + ctx.target.tables().staging() + ", e.g. " + String.join(", ", samples));
    }

    // ------------------------------------------------------------------ events

    /** Builds the dimension from change events. */
    public ScdResult fromEvents(ScdTarget target, EventSource source, Execution execution) {
        Context ctx = context(target);
        String what = "build " + target.datasetId() + " from events " + source.table();
        List<ColumnInfo> info = warehouse.columns(source.table()).orElseThrow(() -> new MeshkitException(ErrorCode.NO_SUCH_TABLE,
                "Cannot " + what + ": table " + source.table() + " does not exist"));
        Map<ColumnName, DataType> cols = columnsOf(info, ctx);
        List<String> missing = new ArrayList<>();
        for (ColumnName c : ctx.dim.contractColumns()) {
            if (!cols.containsKey(c)) {
                missing.add(c.name());
            }
        }
        for (ColumnName c : requiredEventColumns(source)) {
            if (ColumnInfo.find(info, c).isEmpty()) {
                missing.add(c.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": it lacks column(s) " + String.join(", ", missing));
        }
        if (source.mode() == EventSource.Mode.INCREMENTAL && source.arrival().isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what
                    + ": an incremental build needs an arrival column (--arrival-column) to find the events loaded since the last build");
        }
        long invalid = scalar(ctx.sql.invalidEvents(source.table(), source.operation(), source.eventTime()));
        if (invalid > 0) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": " + invalid
                    + " event(s) have an operation other than create, update or delete, or a NULL key or event time");
        }
        Optional<AppliedLog.Entry> last = ctx.lastEntry.filter(e -> e.source().equals("events"));
        boolean incremental = source.mode() == EventSource.Mode.INCREMENTAL && last.isPresent()
                && last.get().arrivalWatermark().isPresent() && ctx.baseTable.isPresent();
        List<PlanStep> plan = new ArrayList<>();
        Sql result;
        Optional<LocalDateTime> since = incremental ? last.get().arrivalWatermark() : Optional.empty();
        Sql stats = ctx.sql.eventStats(source.table(), source.eventTime(), source.arrival(), since,
                incremental ? Optional.of(last.get().appliedThrough()) : Optional.empty());
        Sql allStats = ctx.sql.eventStats(source.table(), source.eventTime(), source.arrival(), Optional.empty(), Optional.empty());
        if (incremental) {
            Sql keys = ctx.sql.arrivedKeys(source.table(), source.arrival().get(), since.get());
            Sql rebuilt = ctx.sql.rollup(ctx.sql.events(source.table(), cols, source.operation(), source.eventTime(),
                    ctx.dim.dataset().timeResolution(), Optional.of(keys)));
            result = ctx.sql.replaceKeys(ctx.baseSql, keys, rebuilt);
            plan.add(PlanStep.note("base: " + ctx.baseDescription() + "; rebuild the keys with events loaded after " + since.get()));
        } else {
            result = ctx.sql.rollup(ctx.sql.events(source.table(), cols, source.operation(), source.eventTime(),
                    ctx.dim.dataset().timeResolution(), Optional.empty()));
            plan.add(PlanStep.note("roll up every event from the beginning"));
        }
        TableId build = work(target, "build_a");
        plan.add(PlanStep.of("create " + build + ": the dimension from the events", result));
        RunRecord run = execution == Execution.RUN ? runLog.startRun(TOOL, target.datasetId(), runDatasets(ctx, source.table())) : null;
        try {
            if (execution == Execution.DRY_RUN) {
                return finish(ctx, "from-events", execution, plan, build, null, List.of(), ScdCounts.NONE, Optional.empty(),
                        Optional.empty(), null, "events", Optional.empty());
            }
            long events;
            long late;
            LocalDateTime lastTime;
            LocalDateTime lastArrival;
            try (ResultRows r = warehouse.query(stats)) {
                Row row = r.iterator().next();
                events = row.getLong("n");
                late = row.getLong("late") == null ? 0 : row.getLong("late");
            }
            try (ResultRows r = warehouse.query(allStats)) {
                Row row = r.iterator().next();
                lastTime = (LocalDateTime) row.get("last_time");
                lastArrival = (LocalDateTime) row.get("last_arrival");
            }
            long keysRebuilt = incremental ? scalar(ctx.sql.count(ctx.sql.arrivedKeys(source.table(), source.arrival().get(), since.get())))
                    : -1;
            warehouse.createNamespace(build.namespace());
            QueryStats q = warehouse.createTableAs(build, result, TableLayout.NONE, WriteMode.REPLACE);
            long rows = q.rowsAffected().isPresent() ? q.rowsAffected().getAsLong() : scalar(ctx.sql.count(ctx.sql.work(build)));
            if (!incremental) {
                keysRebuilt = scalar(ctx.sql.count(ctx.dialect().sql().sql("SELECT DISTINCT ").ids(ctx.dim.key()).sql(" FROM ")
                        .table(build).build()));
            }
            LocalDateTime through = lastTime == null ? LocalDateTime.of(1970, 1, 1, 0, 0) : lastTime;
            ScdCounts counts = new ScdCounts(0, 0, 0, 0, 0, rows);
            return finish(ctx, "from-events", execution, plan, build, null, List.of(through), counts,
                    Optional.of(new EventCounts(events, late, keysRebuilt)), Optional.empty(), run, "events",
                    Optional.ofNullable(lastArrival));
        } catch (RuntimeException e) {
            if (execution == Execution.RUN) {
                dropQuietly(e, build);
            }
            fail(run, e);
            throw e;
        }
    }

    private static List<ColumnName> requiredEventColumns(EventSource source) {
        List<ColumnName> c = new ArrayList<>(List.of(source.operation(), source.eventTime()));
        source.arrival().ifPresent(c::add);
        return c;
    }

    // ------------------------------------------------------------------ finishing

    private ScdResult finish(Context ctx, String operation, Execution execution, List<PlanStep> plan, TableId built, TableId changes,
            List<LocalDateTime> applied, ScdCounts counts, Optional<EventCounts> eventCounts, Optional<Sql> forget, RunRecord run,
            String source, Optional<LocalDateTime> arrival) {
        ScdTarget target = ctx.target;
        TableId candidate = target.tables().candidate();
        TableId rejected = candidate.withName(candidate.name() + "_rejected");
        List<QualityCheck> checks = invariantChecks(ctx, built);
        plan.add(PlanStep.note("check the SCD2 invariants of " + built + " (" + checks.size() + " checks)"));
        plan.add(PlanStep.note("replace " + candidate + " with " + built + " and record the applied date(s) in " + AppliedLog.TABLE
                + " in one transaction where the warehouse has them; a build that fails its checks goes to " + rejected));
        if (execution == Execution.DRY_RUN) {
            return new ScdResult(operation, target.datasetId(), ScdResult.Status.PLANNED, ctx.baseTable, candidate, Optional.empty(),
                    applied, ScdCounts.NONE, Optional.empty(), List.of(), List.of(), plan, Optional.empty(), ctx.schemaChanges);
        }
        List<CheckResult> results = new QualityRunner(warehouse).run(built, checks);
        if (changes != null) {
            warehouse.drop(changes);
        }
        boolean ok = results.stream().allMatch(CheckResult::passed);
        if (!ok) {
            warehouse.replace(rejected, built);
            long failed = results.stream().filter(r -> !r.passed()).count();
            String message = "candidate failed " + failed + " SCD2 check(s); kept in " + rejected + "; " + counts.summary();
            runLog.finishRun(run.runId(), new RunOutcome(RunStatus.FAILED, OptionalLong.of(counts.rows()), OptionalLong.empty(),
                    Optional.of(message)));
            return new ScdResult(operation, target.datasetId(), ScdResult.Status.REJECTED, ctx.baseTable, candidate, Optional.of(rejected),
                    applied, counts, eventCounts, results, List.of(rejected), plan, Optional.of(run.runId()), ctx.schemaChanges);
        }
        appliedLog.initialise();
        List<Sql> logWrites = new ArrayList<>();
        forget.ifPresent(logWrites::add);
        if (source.equals("events")) {
            // an events build replaces what the log says about the dataset
            logWrites.add(appliedLog.forgetFrom(target.datasetId(), LocalDateTime.of(1, 1, 1, 0, 0)));
        }
        for (LocalDateTime at : applied) {
            logWrites.add(appliedLog.record(new AppliedLog.Entry(target.datasetId(), at, source, arrival, target.contract().version(),
                    candidate.toString(), counts.rows(), run.runId(), clock.instant(),
                    ctx.dim.retained().stream().map(ColumnName::name).toList())));
        }
        logWrites.addAll(retainedWrites(ctx));
        if (warehouse instanceof SupportsTransactions tx) {
            tx.inTransaction(w -> {
                w.replace(candidate, built);
                logWrites.forEach(w::execute);
                return null;
            });
        } else {
            // no multi-statement transactions: the candidate first; a crash before the log write
            // leaves a candidate whose date is not recorded, and re-applying that date is a no-op
            warehouse.replace(candidate, built);
            logWrites.forEach(warehouse::execute);
        }
        runLog.finishRun(run.runId(), new RunOutcome(RunStatus.SUCCEEDED, OptionalLong.of(counts.rows()), OptionalLong.empty(),
                Optional.of(operation + " " + describeApplied(applied) + ": " + counts.summary()
                        + eventCounts.map(e -> "; events " + e.events() + ", late " + e.late() + ", keys rebuilt " + e.keysRebuilt())
                                .orElse("") + (ctx.schemaChanges.isEmpty() ? "" : "; schema: " + String.join(", ", ctx.schemaChanges)))));
        return new ScdResult(operation, target.datasetId(), ScdResult.Status.BUILT, ctx.baseTable, candidate, Optional.empty(), applied,
                counts, eventCounts, results, List.of(candidate, AppliedLog.TABLE), plan, Optional.of(run.runId()), ctx.schemaChanges);
    }

    /**
     * What the dimension keeps for history, for the linter and later runs ({@link RetainedColumns}, under the
     * production table): the columns newly kept are recorded, those no longer kept (back in the contract, or
     * dropped) forgotten.
     */
    private List<Sql> retainedWrites(Context ctx) {
        RetainedColumns record = new RetainedColumns(warehouse);
        TableId production = ctx.target.tables().production();
        List<ColumnName> now = ctx.dim.retained();
        List<ColumnName> before = record.of(production);
        List<ColumnName> fresh = now.stream().filter(c -> !RetainedColumns.contains(before, c)).toList();
        List<ColumnName> gone = before.stream().filter(c -> !RetainedColumns.contains(now, c)).toList();
        if (fresh.isEmpty() && gone.isEmpty()) {
            return List.of();
        }
        record.initialise();
        List<Sql> out = new ArrayList<>();
        record.forget(production, gone).ifPresent(out::add);
        out.addAll(record.record(production, fresh, "scd", clock.instant()));
        return out;
    }

    private static String describeApplied(List<LocalDateTime> applied) {
        if (applied.isEmpty()) {
            return "";
        }
        String first = applied.get(0).toLocalDate().toString();
        return applied.size() == 1 ? first : first + ".." + applied.get(applied.size() - 1).toLocalDate() + " (" + applied.size()
                + " snapshots)";
    }

    private void fail(RunRecord run, RuntimeException e) {
        if (run != null) {
            try {
                String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
                runLog.finishRun(run.runId(), RunOutcome.failed(m));
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
        }
    }

    private List<QualityCheck> invariantChecks(Context ctx, TableId table) {
        return QualityChecks.forDataset(ctx.dim.dataset(), table, warehouse.dialect()).stream()
                .filter(c -> c.id().startsWith("scd2_") || c.id().startsWith("primary_key_"))
                .toList();
    }

    /** The SCD2 invariant checks (and the key checks) of a table of this dimension. */
    public List<CheckResult> check(ScdTarget target, TableId table) {
        if (warehouse.columns(table).isEmpty()) {
            throw table.equals(target.tables().candidate()) ? NoSuchTableException.candidate("check", table)
                    : new MeshkitException(ErrorCode.NO_SUCH_TABLE, "Cannot check table " + table + ": it does not exist");
        }
        Context ctx = new Context(target, warehouse);
        return new QualityRunner(warehouse).run(table, invariantChecks(ctx, table));
    }

    /** The query of the dimension in {@code table} as of {@code at}. */
    public Sql asOf(ScdTarget target, TableId table, LocalDateTime at, boolean withDeleted) {
        List<ColumnInfo> info = warehouse.columns(table).orElseThrow(() -> new MeshkitException(ErrorCode.NO_SUCH_TABLE,
                "Cannot read table " + table + " as of " + at + ": it does not exist"));
        Context ctx = new Context(target, warehouse);
        return ctx.sql.asOf(ctx.sql.base(table, columnsOf(info, ctx)), at, withDeleted);
    }

    // ------------------------------------------------------------------ context

    private TableId work(ScdTarget target, String suffix) {
        TableId c = target.tables().candidate();
        return c.withName(c.name() + "__scd_" + suffix);
    }

    private long scalar(Sql sql) {
        try (ResultRows rows = warehouse.query(sql)) {
            Object v = rows.iterator().next().get(0);
            return v == null ? 0 : ((Number) v).longValue();
        }
    }

    private Context context(ScdTarget target) {
        Context ctx = new Context(target, warehouse);
        TableId candidate = target.tables().candidate();
        TableId production = target.tables().production();
        Optional<TableInfo> cand = warehouse.describe(candidate);
        Optional<TableInfo> prod = cand.isPresent() ? Optional.empty() : warehouse.describe(production);
        Optional<TableInfo> base = cand.isPresent() ? cand : prod;
        ctx.lastEntry = appliedLog.last(target.datasetId());
        if (base.isPresent()) {
            ctx.baseTable = Optional.of(base.get().id());
            ctx.baseRows = base.get().rowCount();
            ctx.baseIsProduction = cand.isEmpty();
            Map<ColumnName, DataType> present = columnsOf(base.get().columns(), ctx);
            checkEvolution(ctx, base.get(), present);
            ctx.baseSql = ctx.sql.base(base.get().id(), present);
            try (ResultRows rows = warehouse.query(ctx.sql.lastChange(ctx.baseSql))) {
                Row r = rows.iterator().next();
                ctx.lastChange = latest((LocalDateTime) r.get("last_from"), (LocalDateTime) r.get("last_to"));
            }
        } else {
            ctx.baseSql = ctx.sql.empty();
        }
        return ctx;
    }

    private static Optional<LocalDateTime> latest(LocalDateTime a, LocalDateTime b) {
        if (a == null) {
            return Optional.ofNullable(b);
        }
        return Optional.of(b == null || a.isAfter(b) ? a : b);
    }

    /** A table's columns named as the dimension names them (warehouses resolve names without case). */
    private static Map<ColumnName, DataType> columnsOf(List<ColumnInfo> info, Context ctx) {
        Map<ColumnName, DataType> m = new LinkedHashMap<>();
        List<ColumnName> known = new ArrayList<>(ctx.dim.allColumns());
        known.add(ScdSql.SNAPSHOT_DATE);
        for (ColumnInfo c : info) {
            ColumnName name = known.stream().filter(k -> k.name().equalsIgnoreCase(c.name().name())).findFirst().orElse(c.name());
            m.put(name, c.type());
        }
        return m;
    }

    private Map<ColumnName, DataType> stagingColumns(Context ctx, String what) {
        if (ctx.stagingColumns != null) {
            return ctx.stagingColumns;
        }
        TableId staging = ctx.target.tables().staging();
        List<ColumnInfo> info = warehouse.columns(staging).orElseThrow(() -> new MeshkitException(ErrorCode.NO_SUCH_TABLE,
                "Cannot " + what + ": staging table " + staging + " does not exist"));
        Map<ColumnName, DataType> cols = columnsOf(info, ctx);
        List<String> missing = ctx.dim.contractColumns().stream().filter(c -> !cols.containsKey(c)).map(ColumnName::name).toList();
        if (!missing.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": staging table " + staging
                    + " lacks contract column(s) " + String.join(", ", missing));
        }
        ctx.stagingColumns = cols;
        return cols;
    }

    /**
     * How the dimension follows its contract's columns. Added columns read as NULL in older versions; wider types
     * and declared renames ({@code meshkit.renamedFrom}) are read in the new shape at any version. Removed columns,
     * narrowed and changed types need a higher major contract version than the last build's; then removed columns
     * are kept for history or dropped ({@code meshkit.removedColumns}), and kept ones stay kept in later builds.
     * What changed is noted for the run log.
     */
    private void checkEvolution(Context ctx, TableInfo base, Map<ColumnName, DataType> present) {
        for (ColumnName shape : List.of(Scd2Shape.VALID_FROM, Scd2Shape.VALID_TO, Scd2Shape.IS_CURRENT)) {
            if (!present.containsKey(shape)) {
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot use table " + base.id() + " as the dimension "
                        + ctx.target.datasetId() + ": it has no " + shape.name() + " column, so it is not an SCD2 table");
            }
        }
        io.meshkit.core.warehouse.Dialect d = warehouse.dialect();
        List<ColumnName> all = ctx.dim.allColumns();
        List<ColumnName> renamedOld = new ArrayList<>();
        List<String> retyped = new ArrayList<>();
        Map<ColumnName, DataType> converted = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Column c : ctx.dim.dataset().columns()) {
            ColumnName name = c.columnName();
            DataType have = present.get(name);
            if (have == null) {
                Optional<ColumnName> old = ctx.dim.renamedFrom(name).filter(present::containsKey);
                if (old.isPresent()) {
                    renamedOld.add(old.get());
                    have = present.get(old.get());
                    notes.add("column " + old.get().name() + " renamed to " + name.name());
                } else {
                    // a column added with a default (or filled at once) gives every key a value: say how to avoid a
                    // new version for each, on the build that adds it
                    boolean versions = c.history() == io.meshkit.core.contract.HistoryMode.TYPE2
                            && c.firstFill() == io.meshkit.core.contract.FirstFill.VERSION;
                    notes.add("column " + name.name() + " added (earlier versions NULL" + (versions
                            ? "; a first value opens a version unless meshkit.firstFill: fill)" : ")"));
                    continue;
                }
            }
            // compared as the warehouse spells them, shown as meshkit names them
            String from = have.toString();
            String to = c.physicalType().toString();
            if (!d.typeName(have).equals(d.typeName(c.physicalType()))) {
                if (have.widensTo(c.physicalType())) {
                    notes.add("column " + name.name() + " widened from " + from + " to " + to);
                } else {
                    retyped.add(name.name() + " (" + from + " to " + to + ")");
                    converted.put(present.containsKey(name) ? name : ctx.dim.renamedFrom(name).orElseThrow(), c.physicalType());
                    notes.add("column " + name.name() + " changed type from " + from + " to " + to);
                }
            }
        }
        Map<ColumnName, DataType> removed = new LinkedHashMap<>();
        present.forEach((c, t) -> {
            if (!all.contains(c) && !renamedOld.contains(c)) {
                removed.put(c, t);
            }
        });
        List<String> keptBefore = ctx.lastEntry.map(AppliedLog.Entry::retained).orElse(List.of());
        List<String> newlyRemoved = removed.keySet().stream().map(ColumnName::name)
                .filter(n -> keptBefore.stream().noneMatch(k -> k.equalsIgnoreCase(n))).toList();
        String builtWith = ctx.lastEntry.map(AppliedLog.Entry::contractVersion).orElse(null);
        boolean majorUp = builtWith != null && major(ctx.target.contract().version()) > major(builtWith);
        if ((!newlyRemoved.isEmpty() || !retyped.isEmpty()) && !majorUp) {
            List<String> what = new ArrayList<>();
            if (!newlyRemoved.isEmpty()) {
                what.add("column(s) " + String.join(", ", newlyRemoved) + " removed");
            }
            if (!retyped.isEmpty()) {
                what.add("column(s) " + String.join(", ", retyped) + " retyped");
            }
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot build " + ctx.target.datasetId() + " with contract version "
                    + ctx.target.contract().version() + ": " + String.join(" and ", what) + " since " + base.id() + " was built"
                    + (builtWith == null ? "" : " (with version " + builtWith + ")")
                    + "; that needs a new major contract version");
        }
        refuseUnconvertible(ctx, base.id(), converted, present);
        if (!removed.isEmpty()) {
            if (ctx.dim.dataset().removedColumns() == io.meshkit.core.contract.RemovedColumns.KEEP) {
                newlyRemoved.forEach(n -> notes.add("column " + n + " removed from the contract, kept for history (NULL in new versions)"));
                ctx.retain(removed);
            } else {
                removed.keySet().forEach(c -> notes.add("column " + c.name() + " removed from the contract, dropped with its history"));
            }
        }
        ctx.schemaChanges.addAll(notes);
    }

    /**
     * Every version is cast to a narrowed or changed type: a value that does not convert would fail the build in
     * the warehouse's words (exit 3). Counted set-based first (where the dialect has a cast that yields NULL), so the
     * user gets what went wrong and what to do instead (exit 2).
     */
    private void refuseUnconvertible(Context ctx, TableId base, Map<ColumnName, DataType> converted, Map<ColumnName, DataType> present) {
        io.meshkit.core.warehouse.Dialect d = warehouse.dialect();
        List<ColumnName> checked = new ArrayList<>();
        SqlBuilder q = d.sql().sql("SELECT ");
        for (Map.Entry<ColumnName, DataType> e : converted.entrySet()) {
            Optional<Sql> cast = d.tryCast(d.sql().id(e.getKey()).build(), e.getValue());
            if (cast.isEmpty()) {
                continue;
            }
            q.sql(checked.isEmpty() ? "" : ", ").sql("COALESCE(SUM(CASE WHEN ").id(e.getKey()).sql(" IS NOT NULL AND ").append(cast.get())
                    .sql(" IS NULL THEN 1 ELSE 0 END), 0)");
            checked.add(e.getKey());
        }
        if (checked.isEmpty()) {
            return;
        }
        List<String> bad = new ArrayList<>();
        try (ResultRows rows = warehouse.query(q.sql(" FROM ").table(base).build())) {
            Row r = rows.iterator().next();
            for (int i = 0; i < checked.size(); i++) {
                long n = ((Number) r.get(i)).longValue();
                if (n > 0) {
                    ColumnName c = checked.get(i);
                    bad.add("column " + c.name() + " (" + present.get(c) + " to " + converted.get(c) + "): " + n
                            + (n == 1 ? " version holds a value that does not convert" : " versions hold values that do not convert"));
                }
            }
        }
        if (!bad.isEmpty()) {
            throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot build " + ctx.target.datasetId() + " with contract version "
                    + ctx.target.contract().version() + ": " + String.join("; ", bad) + " in " + base + "; keep the old type in the"
                    + " contract, or give the new type a new column name (the old column is then removed, kept for history)");
        }
    }

    private static int major(String version) {
        String v = version.trim();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1);
        }
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }

    /** What one build knows about its dimension before it starts. */
    /** For lineage: the dimension so far (when there is one) and the source read, the candidate written. */
    private static RunDatasets runDatasets(Context ctx, TableId source) {
        List<RunDatasets.Ref> inputs = new ArrayList<>();
        ctx.baseTable.ifPresent(base -> inputs.add(RunDatasets.Ref.table(base, ctx.target.dataset())));
        inputs.add(RunDatasets.Ref.sourceRows(source, ctx.target.dataset()));
        return new RunDatasets(inputs, List.of(RunDatasets.Ref.table(ctx.target.tables().candidate(), ctx.target.dataset())));
    }

    private static final class Context {
        final ScdTarget target;
        Dimension dim;
        ScdSql sql;
        final List<String> schemaChanges = new ArrayList<>();
        final Warehouse warehouse;
        Optional<TableId> baseTable = Optional.empty();
        long baseRows;
        boolean baseIsProduction;
        Sql baseSql;
        Optional<LocalDateTime> lastChange = Optional.empty();
        Optional<AppliedLog.Entry> lastEntry = Optional.empty();
        Map<ColumnName, DataType> stagingColumns;

        Context(ScdTarget target, Warehouse warehouse) {
            this.target = target;
            this.warehouse = warehouse;
            this.dim = new Dimension(target.dataset());
            this.sql = new ScdSql(dim, warehouse.dialect());
        }

        io.meshkit.core.warehouse.Dialect dialect() {
            return warehouse.dialect();
        }

        /** Keeps removed columns in the dimension, after the contract's. */
        void retain(Map<ColumnName, DataType> retained) {
            this.dim = new Dimension(target.dataset(), retained);
            this.sql = new ScdSql(dim, warehouse.dialect());
        }

        /** The later of the log's last applied time and the last change the base itself shows. */
        Optional<LocalDateTime> lastApplied() {
            Optional<LocalDateTime> logged = lastEntry.map(AppliedLog.Entry::appliedThrough);
            if (logged.isEmpty()) {
                return lastChange;
            }
            return lastChange.isPresent() && lastChange.get().isAfter(logged.get()) ? lastChange : logged;
        }

        List<ColumnName> maskedKeys() {
            return target.dataset().primaryKey().stream().filter(Column::isPersonalData).map(Column::columnName).toList();
        }

        String baseDescription() {
            return baseTable.map(t -> t + (baseIsProduction ? " (production)" : " (candidate not yet promoted)") + ", " + baseRows + " rows")
                    .orElse("none (the dimension starts empty)");
        }

        /**
         * Building on production while the log says a later candidate was built (and it is gone
         * without having been promoted) would skip that snapshot: refuse and point to restate.
         */
        void refuseStaleProduction(String what) {
            if (!baseIsProduction || baseTable.isEmpty() || lastEntry.isEmpty()) {
                return;
            }
            AppliedLog.Entry e = lastEntry.get();
            if (e.rowCount() != baseRows) {
                String from = e.appliedThrough().toLocalDate().toString();
                throw new MeshkitException(ErrorCode.INVALID_ARGUMENT, "Cannot " + what + ": the last build (through " + from + ") wrote "
                        + e.rowCount() + " rows to " + e.candidate() + ", which is gone, but production " + baseTable.get() + " holds "
                        + baseRows + ": that candidate was never promoted; rebuild from it with: meshkit scd restate --from "
                        + from.toLowerCase(Locale.ROOT));
            }
        }
    }
}
