package io.meshkit.scdbuilder.api;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.scdbuilder.internal.BuildRunner;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Builds type-2 dimensions (the SCD2 shape of DESIGN.md) in the warehouse, set-based, and writes
 * them to the dataset's release candidate table; production is only ever read.
 *
 * <p>The state a build starts from is the candidate when one exists (built, not yet promoted),
 * else production, else nothing. {@code meshkit_meta.scd_applied} records each applied snapshot
 * date with the candidate, so applying the last date again gives the same table and an older date
 * is refused until the user restates from it.
 *
 * <pre>{@code
 * ScdBuilder scd = new ScdBuilder(warehouse, WarehouseRunLog.of(warehouse), Clock.systemUTC());
 * ScdResult r = scd.apply(ScdTarget.of(contract, "tracks"), LocalDate.of(2019, 5, 1), Execution.RUN);
 * r.counts().opened();
 * }</pre>
 */
public final class ScdBuilder {
    private final BuildRunner runner;

    /** A builder over a warehouse, recording runs in {@code runLog}. */
    public ScdBuilder(Warehouse warehouse, RunLog runLog, Clock clock) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(runLog, "runLog is null");
        requireNonNull(clock, "clock is null");
        this.runner = new BuildRunner(warehouse, runLog, clock);
    }

    /**
     * Shows the progress of the snapshot builds that follow ({@link #apply}, {@link #restate}, {@link #rebuild}: one
     * step per snapshot date, then the checks) on {@code progress}; none by default.
     */
    public ScdBuilder withProgress(Progress progress) {
        runner.progress(requireNonNull(progress, "progress is null"));
        return this;
    }

    /**
     * Applies the staged snapshot of {@code date}: new keys open a version at the date, a type-2
     * change closes the current version and opens one, a type-1 change overwrites every version, a
     * missing key closes (or gets a tombstone). The last applied date may be applied again (same
     * result); an older one is refused ({@code INVALID_ARGUMENT}): use {@link #restate}.
     */
    public ScdResult apply(ScdTarget target, LocalDate date, Execution execution) {
        return runner.apply(target, requireNonNull(date, "date is null"), execution);
    }

    /**
     * Rebuilds history from {@code from}: the dimension rolled back to before that date, then every
     * staged snapshot on or after it applied in order. History before it is untouched.
     */
    public ScdResult restate(ScdTarget target, LocalDate from, Execution execution) {
        return runner.restate(target, requireNonNull(from, "from is null"), execution);
    }

    /** Rebuilds the dimension from every staged snapshot: a restatement from the first staged date. */
    public ScdResult rebuild(ScdTarget target, Execution execution) {
        return runner.rebuild(target, execution);
    }

    /**
     * Builds the dimension from change events: several events of a key within one period of the
     * contract's time resolution collapse to the last; with an arrival column and
     * {@link EventSource.Mode#INCREMENTAL}, only the keys with newly loaded events (late or not)
     * are rolled up again.
     */
    public ScdResult fromEvents(ScdTarget target, EventSource source, Execution execution) {
        return runner.fromEvents(target, requireNonNull(source, "source is null"), execution);
    }

    /** Runs the SCD2 invariant checks (and key checks) of the contract on a table. */
    public List<CheckResult> check(ScdTarget target, TableId table) {
        return runner.check(target, requireNonNull(table, "table is null"));
    }

    /**
     * The query for the dimension as of time {@code at}: the version of each key valid then (the
     * contract's columns, valid_from and valid_to), without deleted keys unless {@code deleted} says so.
     */
    public Sql asOf(ScdTarget target, TableId table, LocalDateTime at, DeletedKeys deleted) {
        return runner.asOf(target, requireNonNull(table, "table is null"), requireNonNull(at, "at is null"),
                requireNonNull(deleted, "deleted is null") == DeletedKeys.INCLUDE);
    }

    /** Whether an as-of query returns tombstones. */
    public enum DeletedKeys {
        /** Leave deleted keys out (the default). */
        EXCLUDE,
        /** Return tombstones too, with is_deleted. */
        INCLUDE
    }
}
