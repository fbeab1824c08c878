package io.meshkit.monitor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.meshkit.core.cli.FormatOption;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.monitor.api.Durations;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
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
@Formats({OutputFormat.TEXT, OutputFormat.CSV, OutputFormat.JSON})
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
        OutputFormat f = format.get();
        List<RunRecord> runs = options.call(c -> c.runLog().runs(dataset, limit));
        PrintWriter out = options.console.out();
        if (f == OutputFormat.JSON) {
            json(runs, out);
            return 0;
        }
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
                // to the second, as status prints it: a run's fraction of a second pushed every column after it out of line
                out.println(String.format("%-36s %-8s %-22s %-9s %12s %9s", r.runId(), r.tool(),
                        r.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        r.status().name().toLowerCase(java.util.Locale.ROOT), rows, d == null ? "-" : Durations.format(d)));
            }
        }
        out.flush();
        return 0;
    }

    /** {@code {"dataset": ..., "runs": [{runId, tool, startedAt, endedAt, status, rows, durationSeconds, message}]}}. */
    private void json(List<RunRecord> runs, PrintWriter out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("dataset", dataset);
            g.writeArrayFieldStart("runs");
            for (RunRecord r : runs) {
                g.writeStartObject();
                g.writeStringField("runId", r.runId());
                g.writeStringField("tool", r.tool());
                g.writeStringField("startedAt", r.startedAt().toString());
                g.writeStringField("endedAt", r.endedAt().map(Object::toString).orElse(null));
                g.writeStringField("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
                if (r.rows().isPresent()) {
                    g.writeNumberField("rows", r.rows().getAsLong());
                } else {
                    g.writeNullField("rows");
                }
                Duration d = r.endedAt().map(e -> Duration.between(r.startedAt(), e)).orElse(null);
                if (d == null) {
                    g.writeNullField("durationSeconds");
                } else {
                    g.writeNumberField("durationSeconds", d.toMillis() / 1000.0);
                }
                g.writeStringField("message", r.message().orElse(null));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
    }
}
