package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.Pipeline;
import io.meshkit.cli.pipeline.StepOptions;
import io.meshkit.core.contract.Contract;
import io.meshkit.core.contract.DatasetTables;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.scdbuilder.api.EventSource;
import io.meshkit.scdbuilder.api.Execution;
import io.meshkit.scdbuilder.api.ScdCounts;
import io.meshkit.scdbuilder.api.ScdResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code scd}: {@link io.meshkit.scdbuilder.api.ScdBuilder#apply} of the unit's date, or, when the
 * dimension already holds a later date of this run (a rerun), one {@link io.meshkit.scdbuilder.api.ScdBuilder#restate}
 * from it that replays the run's later dates too; with {@code events:},
 * {@link io.meshkit.scdbuilder.api.ScdBuilder#fromEvents} once.
 */
public final class ScdStep extends ContractStep {
    /** The step. */
    public ScdStep() {
        super("scd apply");
    }

    @Override
    CommandText command(Unit unit, StepContext context, String contract) {
        return command(unit, context, contract, false);
    }

    @Override
    Call call(Unit unit, StepContext context, String contract) {
        return call(unit, context, contract, false);
    }

    @Override
    public StepOutcome run(Unit unit, StepContext context) {
        boolean restate = unit.date().isPresent() && restate(unit, context);
        return runEach(unit, context, c -> command(unit, context, c, restate), c -> call(unit, context, c, restate));
    }

    /** Whether the dimension already holds a later date than the unit's: then it is restated from the unit's date, once. */
    private static boolean restate(Unit unit, StepContext context) {
        List<String> contracts = unit.step().strings("contract");
        if (contracts.size() != 1) {
            return false;
        }
        Contract c = context.contract(contracts.get(0));
        if (c.datasets().size() != 1) {
            return false;
        }
        String dataset = io.meshkit.core.runlog.DatasetKey.of(DatasetTables.of(c, c.datasets().get(0)).production());
        LocalDate date = unit.date().orElseThrow();
        Optional<LocalDateTime> last = context.state().lastApplied(dataset);
        if (last.isEmpty() || !last.get().toLocalDate().isAfter(date)) {
            return false;
        }
        // re-running dates already applied: replay them all from the first one, once
        for (LocalDate d : context.dates()) {
            if (d.isAfter(date)) {
                context.coveredByRestate().add(new Unit(unit.step(), Optional.of(d)).key());
            }
        }
        return true;
    }

    private static CommandText command(Unit unit, StepContext context, String contract, boolean restate) {
        Pipeline.Step s = unit.step();
        CommandText t;
        if (s.string("events").isPresent()) {
            t = CommandText.of("scd from-events").option("--contract", context.files().path(contract)).option("--events", s.string("events").get());
        } else if (restate) {
            t = CommandText.of("scd restate").option("--contract", context.files().path(contract)).option("--from", unit.date().orElseThrow());
        } else {
            t = CommandText.of("scd apply").option("--contract", context.files().path(contract)).option("--date", unit.date().orElseThrow());
        }
        return t.words(s.options().raw());
    }

    private static Call call(Unit unit, StepContext context, String contract, boolean restate) {
        Pipeline.Step s = unit.step();
        StepOptions o = options(unit, context);
        ScdTarget target = target(context.contract(contract), o);
        ScdResult r;
        if (s.string("events").isPresent()) {
            Optional<ColumnName> arrival = o.text("--arrival-column").map(ColumnName::of);
            EventSource.Mode mode = arrival.isPresent() && !o.has("--full") ? EventSource.Mode.INCREMENTAL : EventSource.Mode.FULL;
            EventSource events = new EventSource(TableId.parse(context.files().expand(s.string("events").get())),
                    o.text("--op-column").map(ColumnName::of).orElse(EventSource.DEFAULT_OPERATION),
                    o.text("--time-column").map(ColumnName::of).orElse(EventSource.DEFAULT_EVENT_TIME), arrival, mode);
            r = context.scd().fromEvents(target, events, Execution.RUN);
        } else if (restate) {
            r = context.scd().restate(target, unit.date().orElseThrow(), Execution.RUN);
        } else {
            r = context.scd().apply(target, unit.date().orElseThrow(), Execution.RUN);
        }
        return summary(r, unit, context);
    }

    /** The step's line and report entries, from the builder's result. */
    static Call summary(ScdResult r, Unit unit, StepContext context) {
        r.schemaChanges().forEach(change -> context.report().schemaChange(r.dataset(), unit.key(), change));
        if (r.status() == ScdResult.Status.REJECTED) {
            return Call.found("meshkit scd " + r.operation() + " found something (exit 1): the build failed its SCD2 checks ("
                    + r.checks().stream().filter(c -> !c.passed()).map(c -> c.check()).collect(Collectors.joining(", "))
                    + ") and was kept in " + r.rejected().map(TableId::toString).orElse("?"));
        }
        ScdCounts c = r.counts();
        List<String> applied = new ArrayList<>();
        r.applied().forEach(t -> applied.add(t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString()));
        String text = r.operation() + " " + String.join(",", applied) + " -> " + r.candidate() + ": opened " + c.opened() + ", closed "
                + c.closed() + ", corrected " + c.corrected() + ", deleted " + c.deleted() + ", rows " + c.rows()
                + r.schemaChanges().stream().map(ch -> "; " + ch).collect(Collectors.joining());
        return Call.ok(c.rows(), text);
    }

    private static ScdTarget target(Contract contract, StepOptions o) {
        ScdTarget t = ScdTarget.of(contract, o.text("--dataset").orElse(null));
        DatasetTables d = t.tables();
        return t.withTables(new DatasetTables(o.table("--production").orElse(d.production()), o.table("--staging").orElse(d.staging()),
                o.table("--candidate").orElse(d.candidate())));
    }
}
