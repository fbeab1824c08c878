package io.meshkit.cli.pipeline;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The short report printed at the end of a run: what the steps' typed results say was published,
 * diffed, sampled and monitored, and the schema changes they made.
 */
public final class Report {
    private final String pipeline;
    private String runId = "";
    private List<LocalDate> dates = List.of();
    private final Map<String, String> published = new LinkedHashMap<>();
    private final Map<String, String> diffs = new LinkedHashMap<>();
    private final List<String> sampled = new ArrayList<>();
    private final Map<String, List<String>> schemaChanges = new LinkedHashMap<>();
    private String monitor;
    private String failure;
    private int skipped;

    public Report(String pipeline) {
        this.pipeline = pipeline;
    }

    public void runId(String runId, List<LocalDate> dates) {
        this.runId = runId;
        this.dates = dates;
    }

    public void published(String dataset, String outcome, String version, String previous, long rows) {
        String text = switch (outcome) {
            case "promoted" -> version + " (was " + previous + ")";
            case "unchanged" -> version + " (unchanged)";
            default -> outcome;
        };
        published.put(dataset, String.format("%-16s %,8d rows", text, rows));
    }

    public void diff(String dataset, String text) {
        diffs.put(dataset, text);
    }

    /** A change of a dataset's columns made by a step (added, widened, renamed, kept, dropped), once per dataset and text. */
    public void schemaChange(String dataset, String unit, String text) {
        List<String> list = schemaChanges.computeIfAbsent(dataset, d -> new ArrayList<>());
        if (list.stream().noneMatch(t -> t.startsWith(text + " ("))) {
            list.add(text + " (" + unit + ")");
        }
    }

    public void sampled(String text) {
        sampled.add(text);
    }

    public void monitor(String text) {
        monitor = text;
    }

    public void skipped() {
        skipped++;
    }

    /** A failed step: its message, the command that reruns it by hand, and a hint (where an option the message names goes). */
    public void failed(String unit, String message, String command, java.util.Optional<String> hint) {
        failure = unit + ": " + message + (command == null || command.isEmpty() ? "" : "\n    command: " + command)
                + hint.map(h -> "\n    " + h).orElse("");
    }

    /** The step that failed and why, in one line; empty when no step failed. */
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure).map(f -> f.lines().findFirst().orElse(f));
    }

    public void print(PrintWriter out, long millis) {
        out.println();
        out.println(String.format("pipeline %s %s in %.1f s (run %s%s%s)", pipeline, failure == null ? "finished" : "FAILED", millis / 1000.0, runId,
                dates.isEmpty() ? "" : ", dates " + DateText.of(dates), skipped == 0 ? "" : ", " + skipped + " steps skipped as done"));
        if (!published.isEmpty()) {
            out.println("published:");
            published.forEach((d, t) -> out.println(String.format("  %-24s %s", d, t)));
        }
        if (!diffs.isEmpty()) {
            out.println("diff against production:");
            diffs.forEach((d, t) -> out.println(String.format("  %-24s %s", d, t)));
        }
        if (!schemaChanges.isEmpty()) {
            out.println("schema changes:");
            schemaChanges.forEach((d, list) -> list.forEach(t -> out.println(String.format("  %-24s %s", d, t))));
        }
        if (!sampled.isEmpty()) {
            out.println("sampled:");
            sampled.forEach(s -> out.println("  " + s));
        }
        if (monitor != null) {
            out.println("monitor: " + monitor);
        }
        if (failure != null) {
            out.println("failed at " + failure);
            out.println("fix the cause and run again with --resume to continue from this step");
        }
    }
}
