package io.meshkit.cli.pipeline;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The short report printed at the end of a run. */
final class Report {
    private final String pipeline;
    private String runId = "";
    private List<LocalDate> dates = List.of();
    private final Map<String, String> published = new LinkedHashMap<>();
    private final Map<String, String> diffs = new LinkedHashMap<>();
    private final List<String> sampled = new ArrayList<>();
    private String monitor;
    private String failure;
    private int skipped;

    Report(String pipeline) {
        this.pipeline = pipeline;
    }

    void runId(String runId, List<LocalDate> dates) {
        this.runId = runId;
        this.dates = dates;
    }

    void published(String dataset, String outcome, String version, String previous, long rows) {
        String text = switch (outcome) {
            case "promoted" -> version + " (was " + previous + ")";
            case "unchanged" -> version + " (unchanged)";
            default -> outcome;
        };
        published.put(dataset, String.format("%-16s %,8d rows", text, rows));
    }

    void diff(String dataset, String text) {
        diffs.put(dataset, text);
    }

    void sampled(String text) {
        sampled.add(text);
    }

    void monitor(String text) {
        monitor = text;
    }

    void skipped() {
        skipped++;
    }

    void failed(String unit, String message, String command) {
        failure = unit + ": " + message + (command == null || command.isEmpty() ? "" : "\n    command: " + command);
    }

    /** The step that failed and why, in one line; empty when no step failed. */
    java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure).map(f -> f.lines().findFirst().orElse(f));
    }

    void print(PrintWriter out, long millis) {
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
