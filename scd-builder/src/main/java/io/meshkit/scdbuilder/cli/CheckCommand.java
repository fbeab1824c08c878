package io.meshkit.scdbuilder.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.cli.ProgressOption;
import io.meshkit.core.cli.WarehouseCommandOptions;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.progress.Progress;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.scdbuilder.api.ScdTarget;
import io.meshkit.scdbuilder.di.ScdComponent;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code meshkit scd check}. */
@Command(name = "check", description = "Check a dimension table (default: the candidate) against the SCD2 invariants and its key.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts/tracks.odcs.yaml"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON})
final class CheckCommand implements Callable<Integer> {
    @Mixin
    WarehouseCommandOptions options;

    @Mixin
    DatasetOptions dataset;

    @Mixin
    ProgressOption progressOption;

    @Option(names = "--table", paramLabel = "NAMESPACE.TABLE", description = "The table to check (default: the candidate).")
    TableId table;

    @Override
    public Integer call() {
        OutputFormat f = options.format();
        ScdTarget target = dataset.target();
        TableId checked = table != null ? table : target.tables().candidate();
        List<CheckResult> results = options.call(ScdComponent::of, c -> progressOption.start("scd check", options.err()).run(shown -> {
            shown.phase("check " + checked, Progress.UNKNOWN, "checks");
            List<CheckResult> checks = c.scd().check(target, checked);
            shown.done().set(checks.size());
            return checks;
        }));
        boolean ok = results.stream().allMatch(CheckResult::passed);
        PrintWriter out = options.out();
        if (f == OutputFormat.JSON) {
            ObjectNode o = Output.JSON.createObjectNode();
            o.put("table", checked.toString());
            o.put("passed", ok);
            o.set("checks", Output.checks(results));
            out.println(o.toPrettyString());
        } else {
            out.println(checked + ": " + results.stream().filter(CheckResult::passed).count() + " of " + results.size() + " checks passed");
            for (CheckResult r : results) {
                out.println("  " + r.status().name().toLowerCase(Locale.ROOT) + " " + r.check() + " (" + r.target() + "): "
                        + r.observed().map(Object::toString).orElse("-") + ", " + r.expectation()
                        + (r.sampleKeys().isEmpty() ? "" : "; e.g. " + String.join(", ", r.sampleKeys())));
            }
        }
        out.flush();
        return ok ? 0 : 1;
    }
}
