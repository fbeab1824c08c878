package io.meshkit.monitor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.meshkit.core.cli.FormatOption;
import io.meshkit.core.cli.Formats;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.runlog.RunRecord;
import io.meshkit.monitor.api.Alert;
import io.meshkit.monitor.api.DatasetStatus;
import io.meshkit.monitor.api.Durations;
import io.meshkit.monitor.di.MonitorComponent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code status}: every dataset with its state, last update, SLA and lag, streamed. */
@Command(name = "status", description = "Print every dataset with its state, last update, freshness SLA and lag.",
        footer = {"%nExample:", "  $ ${COMMAND-FULL-NAME} --contract examples/music/contracts"})
@Formats({OutputFormat.TEXT, OutputFormat.JSON})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    MonitorOptions options;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        OutputFormat f = format.get();
        PrintWriter out = options.console.out();
        int[] counts = new int[5];
        options.call(c -> {
            if (f == OutputFormat.JSON) {
                json(c, out, counts);
            } else {
                out.println(String.format("%-32s %-12s %-20s %-6s %-8s %s", "DATASET", "STATE", "LAST UPDATE", "SLA", "LAG", "TEAM"));
                c.monitor().status(s -> {
                    count(s, counts);
                    out.println(String.format("%-32s %-12s %-20s %-6s %-8s %s", s.dataset(), s.state(),
                            s.lastUpdate().map(u -> u.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("never"),
                            s.freshness().map(Durations::format).orElse("-"), s.lag().map(Durations::format).orElse("-"),
                            s.team().orElse("-") + s.snoozedUntil().map(u -> " (snoozed until " + Alert.seconds(Optional.of(u)) + ")").orElse("")));
                });
                out.println(counts[0] + " dataset" + (counts[0] == 1 ? "" : "s") + ": " + counts[1] + " ok, " + counts[2] + " failing, "
                        + counts[3] + " late" + (counts[4] == 0 ? "" : ", " + counts[4] + " unpublished"));
            }
            return counts;
        });
        out.flush();
        return 0;
    }

    private static void count(DatasetStatus s, int[] counts) {
        counts[0]++;
        counts[1] += s.ok() ? 1 : 0;
        counts[2] += s.failing() ? 1 : 0;
        counts[3] += s.late() ? 1 : 0;
        counts[4] += s.unpublished() ? 1 : 0;
    }

    private static void json(MonitorComponent c, PrintWriter out, int[] counts) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeArrayFieldStart("datasets");
            c.monitor().status(s -> {
                count(s, counts);
                try {
                    g.writeStartObject();
                    g.writeStringField("dataset", s.dataset());
                    g.writeStringField("state", s.state());
                    g.writeBooleanField("failing", s.failing());
                    g.writeBooleanField("late", s.late());
                    g.writeStringField("team", s.team().orElse(null));
                    g.writeStringField("lastUpdate", s.lastUpdate().map(Instant::toString).orElse(null));
                    writeSeconds(g, "freshnessSeconds", s.freshness().map(java.time.Duration::getSeconds).orElse(null));
                    writeSeconds(g, "lagSeconds", s.lag().map(java.time.Duration::getSeconds).orElse(null));
                    g.writeStringField("latestRunId", s.latestFinishedRun().map(RunRecord::runId).orElse(null));
                    g.writeStringField("latestRunStatus", s.latestFinishedRun().map(r -> r.status().name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
                    g.writeStringField("latestRunError", s.failing() ? s.latestFinishedRun().flatMap(RunRecord::message).orElse(null) : null);
                    g.writeNumberField("runCount", s.runCount());
                    g.writeBooleanField("rowCountWarning", s.rowWarning());
                    g.writeStringField("snoozedUntil", s.snoozedUntil().map(Instant::toString).orElse(null));
                    g.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            g.writeEndArray();
            g.writeNumberField("datasetCount", counts[0]);
            g.writeNumberField("ok", counts[1]);
            g.writeNumberField("failing", counts[2]);
            g.writeNumberField("late", counts[3]);
            g.writeNumberField("unpublished", counts[4]);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private static void writeSeconds(JsonGenerator g, String name, Long v) throws IOException {
        if (v == null) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, v);
        }
    }
}
