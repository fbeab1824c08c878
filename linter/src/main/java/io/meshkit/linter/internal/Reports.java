package io.meshkit.linter.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.Counts;
import io.meshkit.core.identifier.TableId;
import io.meshkit.linter.api.Change;
import io.meshkit.linter.api.Finding;
import io.meshkit.linter.api.LintReport;
import io.meshkit.linter.api.RuleInfo;
import io.meshkit.linter.api.Rules;
import io.meshkit.linter.api.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a lint report as text, JSON, SARIF 2.1.0, GitHub workflow commands or Markdown. */
public final class Reports {
    /** The SARIF schema the output declares. */
    public static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MARKDOWN_ROWS = 200;

    private Reports() {}

    /** One line per finding, {@code path:line:column: severity rule-id message}, then a summary. */
    public static String text(LintReport r) {
        StringBuilder out = new StringBuilder();
        for (Finding f : r.findings()) {
            out.append(f).append('\n');
        }
        out.append(summary(r)).append('\n');
        return out.toString();
    }

    /** {@code 3 contracts, 2 compared with their base: 1 error, 2 warnings (1 suppressed)}. */
    public static String summary(LintReport r) {
        StringBuilder s = new StringBuilder();
        s.append(Counts.of(r.contracts(), "contract"));
        if (r.basesCompared() > 0) {
            s.append(", ").append(r.basesCompared()).append(" compared with their previous version");
        }
        if (!r.tablesChecked().isEmpty()) {
            s.append(", ").append(Counts.of(r.tablesChecked().size(), "table")).append(" checked");
        }
        s.append(": ").append(Counts.of(r.count(Severity.ERROR), "error")).append(", ")
                .append(Counts.of(r.count(Severity.WARNING), "warning")).append(", ")
                .append(Counts.of(r.count(Severity.NOTE), "note"));
        if (r.suppressed() > 0) {
            s.append(" (").append(r.suppressed()).append(" suppressed)");
        }
        return s.toString();
    }

    /** A stable JSON document: findings, changelog, tables checked and every count. */
    public static String json(LintReport r) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode fs = root.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode o = fs.addObject();
            o.put("path", f.location().path());
            o.put("line", f.location().line());
            o.put("column", f.location().column());
            o.put("severity", f.severity().label());
            o.put("rule", f.ruleId());
            o.put("message", f.message());
            o.put("contract", f.contractId());
            o.put("dataset", f.dataset());
            o.put("columnName", f.column());
        }
        ArrayNode cl = root.putArray("changelog");
        for (Change c : r.changelog()) {
            ObjectNode o = cl.addObject();
            o.put("contract", c.contractId());
            o.put("path", c.path());
            o.put("from", c.fromVersion());
            o.put("to", c.toVersion());
            o.put("breaking", c.breaking());
            o.put("rule", c.ruleId());
            o.put("change", c.text());
        }
        ArrayNode tables = root.putArray("tablesChecked");
        r.tablesChecked().forEach(t -> tables.add(t.toString()));
        root.putArray("tablesChanged");
        ObjectNode summary = root.putObject("summary");
        summary.put("contracts", r.contracts());
        summary.put("basesCompared", r.basesCompared());
        summary.put("tablesChecked", r.tablesChecked().size());
        summary.put("findings", r.findings().size());
        summary.put("errors", r.count(Severity.ERROR));
        summary.put("warnings", r.count(Severity.WARNING));
        summary.put("notes", r.count(Severity.NOTE));
        summary.put("suppressed", r.suppressed());
        summary.put("changes", r.changelog().size());
        summary.put("breakingChanges", r.changelog().stream().filter(Change::breaking).count());
        return write(root);
    }

    /** SARIF 2.1.0 with one run, every rule in the driver and results pointing at their rule by index. */
    public static String sarif(LintReport r, String toolVersion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SARIF_SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "meshkit-lint");
        driver.put("version", toolVersion);
        driver.put("informationUri", "https://github.com/meshkit/meshkit/tree/main/linter");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> index = new HashMap<>();
        for (RuleInfo info : Rules.all()) {
            index.put(info.id(), index.size());
            ObjectNode rule = rules.addObject();
            rule.put("id", info.id());
            rule.put("name", camel(info.id()));
            rule.putObject("shortDescription").put("text", info.summary());
            rule.putObject("fullDescription").put("text", info.description());
            rule.putObject("help").put("text", info.description() + "\n\nBad:\n" + info.bad() + "\n\nGood:\n" + info.good())
                    .put("markdown", info.description() + "\n\nBad:\n```yaml\n" + info.bad() + "\n```\n\nGood:\n```yaml\n"
                            + info.good() + "\n```");
            rule.putObject("defaultConfiguration").put("level", level(info.defaultSeverity()));
            rule.putObject("properties").putArray("tags").add(info.category());
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : r.findings()) {
            ObjectNode o = results.addObject();
            o.put("ruleId", f.ruleId());
            o.put("ruleIndex", index.get(f.ruleId()));
            o.put("level", level(f.severity()));
            o.putObject("message").put("text", f.message());
            ObjectNode physical = o.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", f.location().path().replace('\\', '/'))
                    .put("uriBaseId", "%SRCROOT%");
            physical.putObject("region").put("startLine", f.location().line()).put("startColumn", f.location().column());
        }
        run.putObject("properties").put("suppressed", r.suppressed());
        return write(root);
    }

    private static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
            case OFF -> "none";
        };
    }

    private static String camel(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    /** GitHub Actions workflow commands: {@code ::error file=...,line=...,col=...,title=...::message}. */
    public static String github(LintReport r) {
        StringBuilder out = new StringBuilder();
        for (Finding f : r.findings()) {
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                default -> "notice";
            };
            out.append("::").append(command)
                    .append(" file=").append(escapeProperty(f.location().path().replace('\\', '/')))
                    .append(",line=").append(f.location().line())
                    .append(",col=").append(f.location().column())
                    .append(",title=").append(escapeProperty(f.ruleId()))
                    .append("::").append(escapeData(f.message())).append('\n');
        }
        out.append(summary(r)).append('\n');
        return out.toString();
    }

    /** Escapes a workflow command's message: {@code %}, CR and LF. */
    public static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a workflow command's property value: as data, plus {@code :} and {@code ,}. */
    public static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }

    /** A Markdown summary for a pull-request comment: counts, findings, changelog. */
    public static String markdown(LintReport r) {
        StringBuilder md = new StringBuilder();
        long errors = r.count(Severity.ERROR);
        long warnings = r.count(Severity.WARNING);
        md.append("## meshkit lint: ").append(errors > 0 ? "❌ " : warnings > 0 ? "⚠️ " : "✅ ")
                .append(Counts.of(errors, "error")).append(", ").append(Counts.of(warnings, "warning")).append("\n\n");
        md.append(summary(r)).append(".\n\n");
        if (!r.findings().isEmpty()) {
            md.append("| | where | rule | finding |\n|---|---|---|---|\n");
            int n = 0;
            for (Finding f : r.findings()) {
                if (n++ == MARKDOWN_ROWS) {
                    md.append("\n…and ").append(r.findings().size() - MARKDOWN_ROWS)
                            .append(" more (see the annotations or `--format text`).\n");
                    break;
                }
                md.append("| ").append(icon(f.severity())).append(" | `").append(f.location()).append("` | `")
                        .append(f.ruleId()).append("` | ").append(cell(f.message())).append(" |\n");
            }
            md.append('\n');
        }
        if (!r.changelog().isEmpty()) {
            md.append("### Changelog\n\n");
            Map<String, List<Change>> byContract = new LinkedHashMap<>();
            for (Change c : r.changelog()) {
                byContract.computeIfAbsent(c.contractId() + " (" + c.fromVersion() + " → " + c.toVersion() + ")",
                        k -> new ArrayList<>()).add(c);
            }
            byContract.forEach((k, changes) -> {
                md.append("**").append(cell(k)).append("**\n\n");
                for (Change c : changes) {
                    md.append("- ").append(c.breaking() ? "**breaking**: " : "").append(cell(c.text())).append('\n');
                }
                md.append('\n');
            });
        }
        if (!r.tablesChecked().isEmpty()) {
            md.append("Live tables compared with their contracts: ")
                    .append(String.join(", ", r.tablesChecked().stream().map(TableId::toString).map(t -> "`" + t + "`").toList()))
                    .append(".\n");
        }
        return md.toString();
    }

    private static String icon(Severity s) {
        return switch (s) {
            case ERROR -> "❌";
            case WARNING -> "⚠️";
            default -> "ℹ️";
        };
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
