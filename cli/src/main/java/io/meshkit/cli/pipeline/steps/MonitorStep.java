package io.meshkit.cli.pipeline.steps;

import io.meshkit.cli.pipeline.StepOptions;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.monitor.api.CheckReport;
import io.meshkit.monitor.api.Monitor;
import io.meshkit.monitor.api.MonitorSettings;
import io.meshkit.monitor.di.Monitors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code monitor}: {@link Monitor#check()} over the run's warehouse with the settings and sinks of
 * {@code meshkit.yaml}, watching the step's contract file or directory. Something failing or late is
 * exit 1 that the run reports without stopping; an alert that could not be delivered fails the step (exit 3).
 */
public final class MonitorStep implements PipelineStep {
    @Override
    public List<String> plan(Unit unit, StepContext context) {
        return List.of(command(unit, context).global(context).toString());
    }

    private static CommandText command(Unit unit, StepContext context) {
        CommandText t = CommandText.of("monitor check");
        unit.step().strings("contract").forEach(c -> t.option("--contract", context.files().path(c)));
        return t.words(unit.step().options().raw());
    }

    @Override
    public StepOutcome run(Unit unit, StepContext context) {
        String shown = plan(unit, context).get(0);
        try {
            StepOptions o = unit.step().options().expanded(unit.step().kind(), context.files()::expand);
            Optional<Path> contracts = unit.step().strings("contract").stream().findFirst().map(context.files()::path);
            MonitorSettings settings = Monitors.settings(context.config(), contracts);
            Clock clock = o.instant("--now").map(t -> Clock.fixed(t, ZoneOffset.UTC)).orElse(context.clock());
            Monitor monitor = Monitors.create(context.warehouse(), context.runLog(), clock, settings, context.files()::env, context.out());
            CheckReport r = monitor.check();
            int ok = r.datasets() - r.failing() - r.late();
            String text = io.meshkit.core.cli.Counts.of(r.datasets(), "dataset") + ": " + ok + " ok, " + r.failing() + " failing, " + r.late() + " late, " + r.snoozed() + " snoozed"
                    + (r.alerts().isEmpty() ? "; no alerts"
                    : "; alerts: " + String.join(", ", r.alerts().stream().map(a -> a.kind().label() + " " + a.dataset()).toList()));
            context.report().monitor(text);
            if (r.pending() > 0) {
                Set<String> reasons = new LinkedHashSet<>();
                r.deliveries().stream().filter(d -> !d.delivered() && d.error() != null).forEach(d -> reasons.add(d.error()));
                return StepOutcome.failed(io.meshkit.core.error.ErrorCategory.EXTERNAL.exitCode(), "Cannot deliver " + r.pending() + " alert(s), kept for the next check: " + String.join("; ", reasons),
                        shown);
            }
            return r.firing() ? new StepOutcome(1, 0, text, shown, true) : StepOutcome.ok(0, text);
        } catch (RuntimeException e) {
            MeshkitException m = StepContext.asMeshkit(e);
            return StepOutcome.failed(m.exitCode(), ContractStep.firstLine(m.getMessage()), shown);
        }
    }
}
