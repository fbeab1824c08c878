package io.meshkit.monitor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.CliSupport;
import io.meshkit.core.cli.FormatOption;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.error.ErrorCategory;
import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.CheckReport;
import io.meshkit.monitor.internal.AlertJson;
import io.meshkit.monitor.internal.Sinks;
import io.meshkit.monitor.internal.StateStore;
import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code check}: evaluates every dataset, alerts the changes of state, delivers the outbox. Exit 0
 * when all is well, 1 while anything is failing or late, 3 when an alert could not be delivered
 * (it is kept and retried by the next check).
 */
@Command(name = "check", description = {"Evaluate every dataset, send alerts for what changed, deliver alerts left from earlier checks.",
        "Exit code 0 all ok, 1 something is failing or late, 3 an alert could not be delivered (kept for the next check)."},
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts --dry-run"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    MonitorOptions options;

    @Mixin
    FormatOption format;

    @Option(names = "--dry-run", description = "Show what would be alerted; record and send nothing.")
    boolean dryRun;

    /** Where webhook URLs are read from; tests replace it. */
    java.util.function.Function<String, String> env = System::getenv;

    @Override
    public Integer call() {
        OutputFormat f = format.get();
        PrintWriter out = options.console.out();
        CheckReport report = options.call(settings -> dryRun ? List.of() : Sinks.build(settings, env, out),
                c -> dryRun ? c.monitor().preview() : c.monitor().check());
        if (f == OutputFormat.JSON) {
            out.println(json(report, dryRun));
        } else {
            text(report, out, dryRun);
        }
        out.flush();
        if (report.pending() > 0) {
            Set<String> reasons = new LinkedHashSet<>();
            report.deliveries().stream().filter(d -> !d.delivered() && d.error() != null).forEach(d -> reasons.add(d.error()));
            PrintWriter err = options.console.err();
            err.println("error: Cannot deliver " + report.pending() + " alert(s), kept for the next check: " + String.join("; ", reasons));
            err.flush();
            return ErrorCategory.EXTERNAL.exitCode();
        }
        return report.firing() ? CliSupport.FINDINGS : CliSupport.OK;
    }

    private static void text(CheckReport r, PrintWriter out, boolean dryRun) {
        out.println((dryRun ? "dry run: " : "") + "checked " + r.datasets() + " dataset" + (r.datasets() == 1 ? "" : "s") + " at "
                + Alert.seconds(Optional.of(r.checkedAt())) + ": " + r.failing() + " failing, " + r.late() + " late, " + r.snoozed() + " snoozed");
        for (Alert a : r.alerts()) {
            out.println("  " + (dryRun ? "would alert " : "alert ") + a.kind().label() + ": " + a.text());
        }
        if (r.alerts().isEmpty()) {
            out.println("  no change of state, nothing to alert");
        }
        if (!dryRun) {
            long sinks = r.deliveries().stream().map(CheckReport.Delivery::sink).distinct().count();
            out.println("delivered " + r.delivered() + " of " + r.deliveries().size() + " deliver" + (r.deliveries().size() == 1 ? "y" : "ies")
                    + " to " + sinks + " sink" + (sinks == 1 ? "" : "s") + "; " + r.pending() + " pending");
        }
    }

    private static String json(CheckReport r, boolean dryRun) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("checkedAt", r.checkedAt().toString());
        o.put("dryRun", dryRun);
        o.put("datasets", r.datasets());
        o.put("failing", r.failing());
        o.put("late", r.late());
        o.put("snoozed", r.snoozed());
        o.put("stateChanges", r.stateChanges());
        o.put("alertCount", r.alerts().size());
        ArrayNode alerts = o.putArray("alerts");
        r.alerts().forEach(a -> alerts.add(AlertJson.toJson(a)));
        o.put("delivered", r.delivered());
        o.put("pending", r.pending());
        ArrayNode deliveries = o.putArray("deliveries");
        for (CheckReport.Delivery d : r.deliveries()) {
            ObjectNode n = deliveries.addObject();
            n.put("alertId", d.alertId());
            n.put("dataset", d.dataset());
            n.put("kind", d.kind().label());
            n.put("sink", d.sink());
            n.put("delivered", d.delivered());
            n.put("attempts", d.attempts());
            n.put("error", d.error());
        }
        ArrayNode changed = o.putArray("tablesChanged");
        if (!dryRun) {
            changed.add(StateStore.STATE.toString());
            changed.add(StateStore.OUTBOX.toString());
        }
        return o.toString();
    }
}
