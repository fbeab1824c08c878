package io.meshkit.scdbuilder.api;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.warehouse.Sql;
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
 * <p>Instances come from {@code io.meshkit.scdbuilder.di.ScdBuilders}:
 *
 * <pre>{@code
 * ScdBuilder scd = ScdBuilders.create(warehouse, WarehouseRunLog.of(warehouse), Clock.systemUTC());
 * ScdResult r = scd.apply(ScdTarget.of(contract, "tracks"), LocalDate.of(2019, 5, 1), Execution.RUN);
 * r.counts().opened();
 * }</pre>
 */
public interface ScdBuilder {

    /**
     * Shows the progress of the snapshot builds that follow ({@link #apply}, {@link #restate}, {@link #rebuild}: one
     * step per snapshot date, then the checks) on {@code progress}; none by default.
     */
    ScdBuilder withProgress(Progress progress);

    /**
     * Applies the staged snapshot of {@code date}: new keys open a version at the date, a type-2
     * change closes the current version and opens one, a type-1 change overwrites every version, a
     * missing key closes (or gets a tombstone). The last applied date may be applied again (same
     * result); an older one is refused ({@code INVALID_ARGUMENT}): use {@link #restate}.
     */
    ScdResult apply(ScdTarget target, LocalDate date, Execution execution);

    /**
     * Rebuilds history from {@code from}: the dimension rolled back to before that date, then every
     * staged snapshot on or after it applied in order. History before it is untouched.
     */
    ScdResult restate(ScdTarget target, LocalDate from, Execution execution);

    /** Rebuilds the dimension from every staged snapshot: a restatement from the first staged date. */
    ScdResult rebuild(ScdTarget target, Execution execution);

    /**
     * Builds the dimension from change events: several events of a key within one period of the
     * contract's time resolution collapse to the last; with an arrival column and
     * {@link EventSource.Mode#INCREMENTAL}, only the keys with newly loaded events (late or not)
     * are rolled up again.
     */
    ScdResult fromEvents(ScdTarget target, EventSource source, Execution execution);

    /** Runs the SCD2 invariant checks (and key checks) of the contract on a table. */
    List<CheckResult> check(ScdTarget target, TableId table);

    /**
     * The query for the dimension as of time {@code at}: the version of each key valid then (the
     * contract's columns, valid_from and valid_to), without deleted keys unless {@code deleted} says so.
     */
    Sql asOf(ScdTarget target, TableId table, LocalDateTime at, DeletedKeys deleted);

    /** Whether an as-of query returns tombstones. */
    enum DeletedKeys {
        /** Leave deleted keys out (the default). */
        EXCLUDE,
        /** Return tombstones too, with is_deleted. */
        INCLUDE
    }
}
