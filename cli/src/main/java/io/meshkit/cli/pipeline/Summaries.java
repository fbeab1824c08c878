package io.meshkit.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Reads the {@code --format json} of each module command into a line and the report. */
final class Summaries {
    private Summaries() {
    }

    static Summary of(StepKind kind, String subcommand, JsonNode json, Report report) {
        if (json == null) {
            return new Summary(0, "");
        }
        return switch (kind) {
            case INGEST -> {
                long rows = 0;
                java.util.List<String> parts = new java.util.ArrayList<>();
                for (JsonNode t : json.path("tables")) {
                    rows += t.path("stagedRows").asLong();
                    parts.add(t.path("stagedRows").asLong() + " rows of MySQL " + t.path("sourceTable").asText() + " into " + t.path("staging").asText());
                }
                yield new Summary(rows, "staged " + String.join(", ", parts));
            }
            case SCD -> {
                JsonNode c = json.path("counts");
                String text = json.path("operation").asText(subcommand) + " " + String.join(",", texts(json.path("applied"))) + " -> "
                        + json.path("candidate").asText() + ": opened " + c.path("opened").asLong() + ", closed " + c.path("closed").asLong()
                        + ", corrected " + c.path("corrected").asLong() + ", deleted " + c.path("deleted").asLong() + ", rows " + c.path("rows").asLong();
                yield new Summary(c.path("rows").asLong(), text);
            }
            case TRANSFORM -> {
                JsonNode stage = json.has("stage") ? json.path("stage") : json;
                long rows = stage.path("rows").asLong(json.path("rows").asLong(0));
                yield new Summary(rows, "staged " + json.path("candidate").asText(stage.path("candidate").asText(json.path("dataset").asText()))
                        + ", " + rows + " rows");
            }
            case VALIDATE -> {
                JsonNode v = json.has("validation") ? json.path("validation") : json;
                JsonNode counts = v.path("counts");
                String text = json.path("dataset").asText(v.path("dataset").asText()) + ": " + (v.path("passed").asBoolean(false) ? "passed" : "FAILED") + ", " + counts.path("passed").asLong() + " checks passed, " + counts.path("failed").asLong() + " failed, "
                        + counts.path("warned").asLong() + " warned";
                yield new Summary(v.path("rows").asLong(0), text);
            }
            case DIFF -> {
                JsonNode k = json.path("keys");
                String text = "added " + k.path("added").asLong() + ", removed " + k.path("removed").asLong() + ", changed " + k.path("changed").asLong()
                        + ", unchanged " + k.path("unchanged").asLong();
                String name = json.path("production").asText(json.path("dataset").asText("?"));
                report.diff(name, text);
                yield new Summary(json.path("rows").path("candidate").asLong(0), name + ": " + text);
            }
            case PUBLISH -> {
                String outcome = json.path("outcome").asText();
                String dataset = json.path("dataset").asText();
                String version = json.path("version").isNull() || json.path("version").isMissingNode() ? "none" : "v" + json.path("version").asText();
                String previous = json.path("previousVersion").isNull() || json.path("previousVersion").isMissingNode() ? "none"
                        : "v" + json.path("previousVersion").asText();
                long rows = json.path("rows").asLong(0);
                report.published(dataset, outcome, version, previous, rows);
                yield new Summary(rows, outcome + " " + dataset + " " + version + " (was " + previous + "), " + rows + " rows");
            }
            case SAMPLE -> {
                if (subcommand.equals("prepare")) {
                    long rows = json.path("rowsWritten").asLong(0);
                    yield new Summary(rows, "prepared " + json.path("table").asText() + " by " + json.path("samplingKey").asText() + " (" + rows + " rows)");
                }
                StringBuilder b = new StringBuilder();
                JsonNode groups = json.path("groups");
                for (JsonNode g : groups) {
                    for (JsonNode e : g.path("estimates")) {
                        String dims = g.path("dimensions").size() == 0 ? "" : " " + g.path("dimensions").toString();
                        String line = String.format(Locale.ROOT, "%s%s = %s, 95%% interval [%s, %s]", e.path("metric").asText(), dims,
                                num(e.path("estimate")), num(e.path("lower")), num(e.path("upper")));
                        report.sampled(line + " at " + rateText(json) + " of " + json.path("samplingKey").asText("keys") + " values ("
                                + g.path("rowsRead").asLong() + " rows read)");
                        if (b.length() > 0) {
                            b.append("; ");
                        }
                        b.append(line);
                    }
                }
                yield new Summary(0, b.toString());
            }
            case MONITOR -> {
                long datasets = json.path("datasets").asLong();
                long ok = datasets - json.path("failing").asLong() - json.path("late").asLong();
                String text = datasets + " datasets: " + ok + " ok, " + json.path("failing").asLong() + " failing, " + json.path("late").asLong()
                        + " late, " + json.path("snoozed").asLong() + " snoozed";
                java.util.List<String> alerts = new java.util.ArrayList<>();
                json.path("alerts").forEach(a -> alerts.add(a.path("kind").asText() + " " + a.path("dataset").asText()));
                text += alerts.isEmpty() ? "; no alerts" : "; alerts: " + String.join(", ", alerts);
                report.monitor(text);
                yield new Summary(0, text);
            }
            case LOAD_SNAPSHOT -> new Summary(0, "");
        };
    }

    private static String rateText(JsonNode json) {
        JsonNode r = json.path("rate");
        if (r.isNumber()) {
            return num(r.asDouble() * 100) + "%";
        }
        return r.asText("?");
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String num(JsonNode n) {
        return n.isNumber() ? num(n.asDouble()) : n.asText();
    }

    static String num(double v) {
        if (Math.abs(v) >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
