package io.meshkit.monitor.cli;

import io.meshkit.core.cli.FormatOption;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.monitor.api.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code history DATASET}: rows and duration per run, newest first: the health time series. */
@Command(name = "history", description = "Rows and duration of a dataset's runs, newest first.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} music.tracks --contract examples/music/contracts"})
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    MonitorOptions options;

    @Mixin
    FormatOption format;

    @Parameters(paramLabel = "DATASET", description = "The dataset.")
    String dataset;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "30", description = "Runs shown (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        OutputFormat f = format.require(OutputFormat.TEXT, OutputFormat.CSV);
        List<RunRecord> runs = options.call(c -> c.runLog().runs(dataset, limit));
        PrintWriter out = options.console.out();
        if (f == OutputFormat.CSV) {
            out.println("run_id,tool,started_at,status,rows,duration_seconds");
        } else {
            out.println(String.format("%-36s %-8s %-22s %-9s %12s %9s", "RUN", "TOOL", "STARTED", "STATUS", "ROWS", "DURATION"));
        }
        for (RunRecord r : runs) {
            String rows = r.rows().isPresent() ? Long.toString(r.rows().getAsLong()) : "";
            Duration d = r.endedAt().map(e -> Duration.between(r.startedAt(), e)).orElse(null);
            if (f == OutputFormat.CSV) {
                out.println(r.runId() + "," + r.tool() + "," + r.startedAt() + "," + r.status().name().toLowerCase(java.util.Locale.ROOT) + ","
                        + rows + "," + (d == null ? "" : d.toMillis() / 1000.0));
            } else {
                out.println(String.format("%-36s %-8s %-22s %-9s %12s %9s", r.runId(), r.tool(), r.startedAt(),
                        r.status().name().toLowerCase(java.util.Locale.ROOT), rows, d == null ? "-" : Durations.format(d)));
            }
        }
        out.flush();
        return 0;
    }
}
