package io.meshkit.publisher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshkit.core.cli.OutputFormat;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.quality.CheckResult;
import io.meshkit.core.quality.CheckStatus;
import io.meshkit.core.runlog.WarehouseRunLog;
import io.meshkit.publisher.api.PublishOutcome;
import io.meshkit.publisher.api.PublishResult;
import io.meshkit.publisher.api.StageResult;
import io.meshkit.publisher.api.ValidationReport;
import io.meshkit.publisher.api.VersionInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Prints the results of the publisher's commands as text, JSON (a stable interface) or Markdown. */
final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final OutputFormat format;
    private final PrintWriter out;

    Reports(OutputFormat format, PrintWriter out) {
        this.format = format;
        this.out = out;
    }

    // ---------------------------------------------------------------- stage

    void stage(StageResult r) {
        boolean dry = r.mode() == io.meshkit.publisher.api.Mode.DRY_RUN;
        switch (format) {
            case JSON -> print(stageJson(r));
            case MARKDOWN -> {
                out.println("### " + (dry ? "Dry run: stage " : "Staged ") + "`" + r.dataset() + "`");
                out.println();
                out.println("| candidate | rows | how |");
                out.println("|---|---:|---|");
                out.println("| `" + r.candidate() + "` | " + count(r.rows()) + " | " + (r.adopted() ? "adopted as it is" : "written") + " |");
                plan(r.plan(), dry);
            }
            default -> {
                if (dry) {
                    out.println("dry run: would stage " + r.dataset() + " into " + r.candidate() + " (nothing changed)");
                    r.plan().forEach(l -> out.println("  " + l));
                } else {
                    out.println("staged " + r.dataset() + ": " + r.candidate() + ", " + rows(r.rows())
                            + (r.adopted() ? " (adopted as it is)" : ""));
                }
            }
        }
    }

    private static ObjectNode stageJson(StageResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("command", "stage");
        n.put("dataset", r.dataset());
        n.put("dryRun", r.mode() == io.meshkit.publisher.api.Mode.DRY_RUN);
        n.put("candidate", r.candidate().toString());
        put(n, "rows", r.rows());
        n.put("adopted", r.adopted());
        ArrayNode created = n.putArray("tablesCreated");
        if (!r.adopted() && r.mode() == io.meshkit.publisher.api.Mode.RUN) {
            created.add(r.candidate().toString());
        }
        n.putArray("tablesChanged");
        n.putArray("tablesDropped");
        strings(n.putArray("plan"), r.plan());
        return n;
    }

    // ---------------------------------------------------------------- validate

    void validation(ValidationReport r) {
        switch (format) {
            case JSON -> {
                ObjectNode n = validationJson(r);
                n.put("command", "validate");
                print(n);
            }
            case MARKDOWN -> validationMarkdown(r);
            default -> validationText(r, false);
        }
    }

    private void validationText(ValidationReport r, boolean problemsOnly) {
        if (r.checks().isEmpty() && !r.plan().isEmpty()) {
            out.println("dry run: would validate " + r.candidate() + " for " + r.dataset() + " (nothing run)");
            r.plan().forEach(l -> out.println("  " + l));
            return;
        }
        out.println((r.passed() ? "PASSED" : "FAILED") + " " + r.candidate() + " for " + r.dataset() + ": " + rows(r.rows())
                + (r.productionRows().isPresent() ? " (production " + r.productionRows().getAsLong() + ")" : " (no production yet)")
                + ", " + summary(r));
        for (CheckResult c : r.checks()) {
            if (problemsOnly && (c.status() == CheckStatus.PASSED || c.status() == CheckStatus.SKIPPED)) {
                continue;
            }
            out.println("  " + String.format(Locale.ROOT, "%-7s", c.status().name().toLowerCase(Locale.ROOT)) + " " + c.check() + " ("
                    + c.target() + "): " + c.description()
                    + (c.status() == CheckStatus.PASSED || c.status() == CheckStatus.SKIPPED ? ""
                            : "; observed " + c.observed().map(v -> v.toPlainString()).orElse("-") + ", expected " + c.expectation())
                    + (c.sampleKeys().isEmpty() ? "" : "; e.g. keys " + String.join(" | ", c.sampleKeys())));
        }
        if (!problemsOnly) {
            r.checksum().ifPresent(s -> out.println("  checksum " + s));
        }
    }

    private void validationMarkdown(ValidationReport r) {
        out.println("### " + (r.passed() ? "✅" : "❌") + " Validation of `" + r.candidate() + "` for `" + r.dataset() + "`");
        out.println();
        out.println(rows(r.rows()) + (r.productionRows().isPresent() ? " (production " + r.productionRows().getAsLong() + ")" : "")
                + "; " + summary(r) + r.checksum().map(s -> "; checksum `" + s + "`").orElse(""));
        out.println();
        if (!r.checks().isEmpty()) {
            out.println("| status | check | target | observed | expected | description |");
            out.println("|---|---|---|---:|---|---|");
            for (CheckResult c : r.checks()) {
                out.println("| " + c.status().name().toLowerCase(Locale.ROOT) + " | " + c.check() + " | " + c.target() + " | "
                        + c.observed().map(v -> v.toPlainString()).orElse("") + " | " + c.expectation() + " | " + c.description().replace("|", "\\|")
                        + " |");
            }
        }
        plan(r.plan(), true);
    }

    private static String summary(ValidationReport r) {
        return r.count(CheckStatus.PASSED) + " passed, " + r.count(CheckStatus.FAILED) + " failed, " + r.count(CheckStatus.WARNED)
                + " warned, " + r.count(CheckStatus.SKIPPED) + " skipped";
    }

    private static ObjectNode validationJson(ValidationReport r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("dataset", r.dataset());
        n.put("dryRun", r.checks().isEmpty() && !r.plan().isEmpty());
        n.put("candidate", r.candidate().toString());
        if (r.production().isPresent()) {
            n.put("production", r.production().get().toString());
        } else {
            n.putNull("production");
        }
        n.put("passed", r.passed());
        put(n, "rows", r.rows());
        put(n, "productionRows", r.productionRows());
        if (r.checksum().isPresent()) {
            n.put("checksum", r.checksum().get());
        } else {
            n.putNull("checksum");
        }
        ObjectNode counts = n.putObject("counts");
        for (CheckStatus s : CheckStatus.values()) {
            counts.put(s.name().toLowerCase(Locale.ROOT), r.count(s));
        }
        ArrayNode checks = n.putArray("checks");
        for (CheckResult c : r.checks()) {
            ObjectNode j = checks.addObject();
            j.put("check", c.check());
            j.put("target", c.target());
            j.put("status", c.status().name().toLowerCase(Locale.ROOT));
            if (c.observed().isPresent()) {
                j.put("observed", c.observed().get());
            } else {
                j.putNull("observed");
            }
            j.put("expectation", c.expectation());
            j.put("description", c.description());
            strings(j.putArray("sampleKeys"), c.sampleKeys());
        }
        strings(n.putArray("plan"), r.plan());
        return n;
    }

    // ---------------------------------------------------------------- promote, backfill, rollback

    void publish(String command, PublishResult r) {
        switch (format) {
            case JSON -> print(publishJson(command, r));
            case MARKDOWN -> publishMarkdown(command, r);
            default -> publishText(command, r);
        }
    }

    private void publishText(String command, PublishResult r) {
        r.stage().ifPresent(this::stage);
        r.validation().filter(v -> r.outcome() != PublishOutcome.DRY_RUN)
                .ifPresent(v -> validationText(v, r.outcome() != PublishOutcome.REFUSED));
        switch (r.outcome()) {
            case PROMOTED -> out.println((command.equals("rollback") ? "rolled back " : "promoted ") + r.dataset() + ": v"
                    + r.version().getAsLong() + " (was " + version(r.previousVersion()) + "), " + rows(r.rows()) + ", checksum "
                    + r.checksum().orElse("-") + "; " + r.production() + " now serves " + r.release().map(TableId::toString).orElse("-")
                    + " (switch " + millis(r) + " ms)");
            case UNCHANGED -> out.println("unchanged " + r.dataset() + ": production already serves this "
                    + (command.equals("rollback") ? "version" : "content") + " as " + version(r.version())
                    + (command.equals("rollback") ? "" : "; the candidate was dropped"));
            case REFUSED -> out.println("refused " + r.dataset() + ": the candidate failed validation; production still serves "
                    + version(r.previousVersion()) + " and the candidate is kept for inspection");
            case DRY_RUN -> {
                out.println("dry run: would " + (command.equals("rollback") ? "roll back " : "promote ") + r.dataset() + " to "
                        + version(r.version()) + " (now " + version(r.previousVersion()) + "); nothing changed");
                r.plan().forEach(l -> out.println("  " + l));
            }
        }
        if (!r.droppedVersions().isEmpty()) {
            out.println("  dropped old versions: " + String.join(", ", r.droppedVersions().stream().map(TableId::toString).toList()));
        }
    }

    private void publishMarkdown(String command, PublishResult r) {
        out.println("### " + command + " `" + r.dataset() + "`: " + r.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        out.println();
        out.println("| production | version | previous | rows | checksum | switch ms |");
        out.println("|---|---:|---:|---:|---|---:|");
        out.println("| `" + r.production() + "` | " + version(r.version()) + " | " + version(r.previousVersion()) + " | " + count(r.rows())
                + " | " + r.checksum().map(s -> "`" + s + "`").orElse("") + " | " + millis(r) + " |");
        out.println();
        r.validation().filter(v -> !v.checks().isEmpty()).ifPresent(this::validationMarkdown);
        plan(r.plan(), r.outcome() == PublishOutcome.DRY_RUN);
    }

    private static ObjectNode publishJson(String command, PublishResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("command", command);
        n.put("dataset", r.dataset());
        n.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
        n.put("dryRun", r.outcome() == PublishOutcome.DRY_RUN);
        n.put("production", r.production().toString());
        put(n, "version", r.version());
        put(n, "previousVersion", r.previousVersion());
        if (r.release().isPresent()) {
            n.put("release", r.release().get().toString());
        } else {
            n.putNull("release");
        }
        put(n, "rows", r.rows());
        if (r.checksum().isPresent()) {
            n.put("checksum", r.checksum().get());
        } else {
            n.putNull("checksum");
        }
        n.put("switchMillis", r.swapTime().toNanos() / 1_000_000.0);
        List<String> created = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        r.stage().filter(s -> !s.adopted() && r.outcome() != PublishOutcome.DRY_RUN).ifPresent(s -> created.add(s.candidate().toString()));
        if (r.outcome() == PublishOutcome.PROMOTED) {
            if (!command.equals("rollback")) {
                created.add(r.release().orElseThrow().toString());
                r.validation().ifPresent(v -> dropped.add(v.candidate().toString())); // renamed into the version table
            }
            changed.add(r.production().toString());
            changed.add(WarehouseRunLog.PUBLICATIONS.toString());
        }
        if (r.outcome() == PublishOutcome.UNCHANGED && !command.equals("rollback")) {
            r.validation().ifPresent(v -> dropped.add(v.candidate().toString()));
        }
        r.droppedVersions().forEach(t -> dropped.add(t.toString()));
        strings(n.putArray("tablesCreated"), created);
        strings(n.putArray("tablesChanged"), changed);
        strings(n.putArray("tablesDropped"), dropped);
        r.stage().ifPresent(s -> n.set("stage", stageJson(s)));
        r.validation().ifPresent(v -> n.set("validation", validationJson(v)));
        strings(n.putArray("plan"), r.plan());
        return n;
    }

    // ---------------------------------------------------------------- history

    void history(String dataset, TableId production, List<VersionInfo> versions) {
        history(dataset, production, versions, List.of());
    }

    void history(String dataset, TableId production, List<VersionInfo> versions, List<String> leaseEvents) {
        switch (format) {
            case JSON -> {
                ObjectNode n = JSON.createObjectNode();
                n.put("command", "history");
                n.put("dataset", dataset);
                n.put("production", production.toString());
                n.put("versionCount", versions.size());
                ArrayNode a = n.putArray("versions");
                for (VersionInfo v : versions) {
                    ObjectNode j = a.addObject();
                    j.put("version", v.version());
                    j.put("table", v.table().toString());
                    j.put("rows", v.rows());
                    j.put("contractVersion", v.contractVersion());
                    j.put("checksum", v.checksum());
                    j.put("firstPublishedAt", v.firstPublishedAt().toString());
                    j.put("lastPublishedAt", v.lastPublishedAt().toString());
                    j.put("publishedBy", v.publishedBy());
                    j.put("current", v.current());
                    j.put("kept", v.kept());
                }
                strings(n.putArray("leaseEvents"), leaseEvents);
                print(n);
            }
            case MARKDOWN -> {
                out.println("### History of `" + dataset + "`");
                out.println();
                out.println("| version | published | rows | contract | by | state |");
                out.println("|---:|---|---:|---|---|---|");
                versions.forEach(v -> out.println("| v" + v.version() + " | " + v.firstPublishedAt() + " | " + v.rows() + " | "
                        + v.contractVersion() + " | " + v.publishedBy() + " | " + state(v) + " |"));
                if (!leaseEvents.isEmpty()) {
                    out.println();
                    leaseEvents.forEach(e -> out.println("- lease: " + e));
                }
            }
            default -> {
                if (versions.isEmpty()) {
                    out.println(dataset + ": never published");
                } else {
                    out.println(String.format(Locale.ROOT, "%-8s %-27s %12s %-9s %-16s %s", "version", "published", "rows", "contract", "by",
                            "state"));
                    versions.forEach(v -> out.println(String.format(Locale.ROOT, "%-8s %-27s %12d %-9s %-16s %s", "v" + v.version(),
                            v.firstPublishedAt(), v.rows(), v.contractVersion(), v.publishedBy(), state(v))));
                }
                leaseEvents.forEach(e -> out.println("lease: " + e));
            }
        }
    }

    private static String state(VersionInfo v) {
        return v.current() ? "current" : v.kept() ? "kept" : "dropped";
    }

    // ---------------------------------------------------------------- helpers

    private void plan(List<String> plan, boolean dry) {
        if (plan.isEmpty()) {
            return;
        }
        out.println();
        out.println(dry ? "Would run (nothing changed):" : "Ran:");
        out.println();
        out.println("```sql");
        plan.forEach(out::println);
        out.println("```");
    }

    private void print(ObjectNode n) {
        try {
            out.println(JSON.writeValueAsString(n));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ObjectNode n, String field, OptionalLong v) {
        if (v.isPresent()) {
            n.put(field, v.getAsLong());
        } else {
            n.putNull(field);
        }
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }

    private static String rows(OptionalLong v) {
        return v.isPresent() ? io.meshkit.core.cli.Counts.of(v.getAsLong(), "row") : "? rows";
    }

    private static String count(OptionalLong v) {
        return v.isPresent() ? Long.toString(v.getAsLong()) : "?";
    }

    private static String version(OptionalLong v) {
        return v.isPresent() ? "v" + v.getAsLong() : "none";
    }

    private static String millis(PublishResult r) {
        return String.format(Locale.ROOT, "%.1f", r.swapTime().toNanos() / 1_000_000.0);
    }
}
