package io.meshkit.scdbuilder.internal;

import static java.util.Objects.requireNonNull;

import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.runlog.RunLog;
import io.meshkit.core.warehouse.Sql;
import io.meshkit.core.warehouse.Warehouse;
import io.meshkit.scdbuilder.api.EventSource;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdBuilder;
import io.meshkit.scdbuilder.api.ScdBuilder.DeletedKeys;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/** The scd-builder: the checks of {@link ScdBuilder}'s contract on the arguments, then the {@link BuildRunner}. */
public final class DefaultScdBuilder implements ScdBuilder {
    private final BuildRunner runner;

    /** A builder over a warehouse, recording runs in {@code runLog}. */
    public DefaultScdBuilder(Warehouse warehouse, RunLog runLog, Clock clock) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(runLog, "runLog is null");
        requireNonNull(clock, "clock is null");
        this.runner = new BuildRunner(warehouse, runLog, clock);
    }

    @Override
    public DefaultScdBuilder withProgress(Progress progress) {
        runner.progress(requireNonNull(progress, "progress is null"));
        return this;
    }

    @Override
    public ScdResult apply(ScdTarget target, LocalDate date, Execution execution) {
        return runner.apply(target, requireNonNull(date, "date is null"), execution);
    }

    @Override
    public ScdResult restate(ScdTarget target, LocalDate from, Execution execution) {
        return runner.restate(target, requireNonNull(from, "from is null"), execution);
    }

    @Override
    public ScdResult rebuild(ScdTarget target, Execution execution) {
        return runner.rebuild(target, execution);
    }

    @Override
    public ScdResult fromEvents(ScdTarget target, EventSource source, Execution execution) {
        return runner.fromEvents(target, requireNonNull(source, "source is null"), execution);
    }

    @Override
    public List<CheckResult> check(ScdTarget target, TableId table) {
        return runner.check(target, requireNonNull(table, "table is null"));
    }

    @Override
    public Sql asOf(ScdTarget target, TableId table, LocalDateTime at, DeletedKeys deleted) {
        return runner.asOf(target, requireNonNull(table, "table is null"), requireNonNull(at, "at is null"),
                requireNonNull(deleted, "deleted is null") == DeletedKeys.INCLUDE);
    }
}
